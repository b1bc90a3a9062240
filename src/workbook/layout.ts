import { circled } from '../common/index.ts';
import { inputsNeededFor, type InputsNeeded } from '../judge/index.ts';
import type { PlacedIndicator } from '../model/index.ts';
import { terrainClass, yearQuantity } from '../model/index.ts';
import type { Project, ResponsibleUnit } from '../model/index.ts';
import path from 'node:path';
import { columnLetter } from '../documents/xlsx/index.ts';
import { shareBounds } from '../validate/index.ts';

export { columnLetter };

/**
 * The one definition of the fill-in workbook (填报表) that `collect` writes and `import` reads back:
 * sheet names, where the header row is, which column holds what, which rows a unit gets and which of
 * their cells take input. Both sides use only this module, so they cannot disagree.
 */

/** Bumped whenever the layout changes: import refuses a workbook of another version. */
export const FORMAT_VERSION = 1;
export const TOOL_NAME = 'eco-dossier';

export const INPUT_SHEET = '填报';
export const GUIDE_SHEET = '填报说明';
/** very hidden sheet with the identity stamp */
export const STAMP_SHEET = '标识';

export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

export const STATUS_OPTIONS = ['已达到', '推进中', '未达到'] as const;
/** What the drop-down offers; full-width ＞＜＝ so that Excel never reads “=” as the start of a formula. */
export const OP_OPTIONS = ['≥', '≤', '＞', '＜', '＝'] as const;

/** What a column holds. Reference columns are locked; the others take input where the row needs it. */
export type Field =
  | { readonly kind: 'key' }
  | { readonly kind: 'name' }
  | { readonly kind: 'unit' }
  | { readonly kind: 'target' }
  | { readonly kind: 'role' }
  | { readonly kind: 'value'; readonly year: number }
  | { readonly kind: 'superiorOp' }
  | { readonly kind: 'superiorValue' }
  | { readonly kind: 'superiorText' }
  | { readonly kind: 'status' }
  | { readonly kind: 'description' }
  | { readonly kind: 'source' };

export type FieldKind = Field['kind'];

export interface Column {
  /** 1-based column number */
  readonly index: number;
  /** A, B, … */
  readonly letter: string;
  readonly header: string;
  readonly field: Field;
  readonly input: boolean;
  readonly width: number;
}

export interface Years {
  readonly baselineYear: number;
  readonly currentYear: number;
}

export function yearsOf(years: Years): number[] {
  const out: number[] = [];
  for (let y = years.baselineYear; y <= years.currentYear; y++) out.push(y);
  return out;
}

/** Column header of a field, as the sheet shows it and import checks it. */
export function headerOf(field: Field): string {
  switch (field.kind) {
    case 'key': return '序号';
    case 'name': return '指标名称';
    case 'unit': return '单位';
    case 'target': return '指标值';
    case 'role': return '本单位职责';
    case 'value': return `${field.year}年数值`;
    case 'superiorOp': return '上级目标符号';
    case 'superiorValue': return '上级目标数值';
    case 'superiorText': return '上级目标说明（文件、文号）';
    case 'status': return '完成状态';
    case 'description': return '情况说明';
    case 'source': return '数据来源';
  }
}

const WIDTH: Record<FieldKind, number> = {
  key: 7, name: 34, unit: 10, target: 22, role: 10, value: 11, superiorOp: 10, superiorValue: 11,
  superiorText: 28, status: 11, description: 40, source: 28,
};

/** The columns of the 填报 sheet for a project's years (baselineYear … currentYear). */
export function fillColumns(years: Years): Column[] {
  const fields: Field[] = [
    { kind: 'key' }, { kind: 'name' }, { kind: 'unit' }, { kind: 'target' }, { kind: 'role' },
    ...yearsOf(years).map((year): Field => ({ kind: 'value', year })),
    { kind: 'superiorOp' }, { kind: 'superiorValue' }, { kind: 'superiorText' },
    { kind: 'status' }, { kind: 'description' }, { kind: 'source' },
  ];
  const reference = new Set<FieldKind>(['key', 'name', 'unit', 'target', 'role']);
  return fields.map((field, i) => ({
    index: i + 1, letter: columnLetter(i + 1), header: headerOf(field), field, input: !reference.has(field.kind), width: WIDTH[field.kind],
  }));
}

/** Which inputs a row takes: what judging its target(s) reads (judge/needs.ts). */
export type Needs = InputsNeeded;

/** One row of the 填报 sheet: an indicator, or one of its sub-indicators. */
export interface FillRow {
  readonly indicator: number;
  readonly sub?: number;
  /** 序号 cell: "7" or "7①" */
  readonly key: string;
  readonly name: string;
  readonly unit: string;
  readonly target: string;
  readonly role: '牵头' | '配合';
  readonly needs: Needs;
  /** values of a share (比例, 率 in %) must lie within these bounds */
  readonly bounds?: { readonly min: number; readonly max: number };
  /** what one year's value is: 水质达到或优于Ⅲ类比例（%）, a level unless the table defines a change */
  readonly quantity: { readonly name: string; readonly unit: string; readonly kind: 'level' | 'change' };
}

/** A value cell's label: 2022年水质达到或优于Ⅲ类比例（%）. */
export function valueLabel(row: Pick<FillRow, 'quantity'>, year: number): string {
  const u = row.quantity.unit.trim();
  return `${year}年${row.quantity.name}${u && u !== '-' ? `（${u}）` : ''}`;
}

/** What a value cell asks for, in full: the label and whether it is the year's level or a change. */
export function valuePrompt(row: Pick<FillRow, 'quantity'>, year: number): string {
  return row.quantity.kind === 'level'
    ? `${valueLabel(row, year)}：填当年的数值（水平值），不填变化量；提高或下降的幅度由工具按基准年计算`
    : `${valueLabel(row, year)}：本指标按变化量（下降率/增长率）定义，填当年的该比率`;
}

export function rowKey(indicator: number, sub?: number): string {
  return sub === undefined ? String(indicator) : `${indicator}${circled(sub)}`;
}

/** "7①" → { indicator: 7, sub: 1 }; undefined for anything else. */
export function parseRowKey(text: string): { indicator: number; sub?: number } | undefined {
  const m = /^(\d+)([\u2460-\u2473])?$/u.exec(text.trim());
  if (!m) return undefined;
  const sub = m[2] ? m[2].codePointAt(0)! - 0x2460 + 1 : undefined;
  return { indicator: Number(m[1]), ...(sub !== undefined ? { sub } : {}) };
}

/**
 * The rows a unit fills: every indicator it leads or shares, in 附件1's order. An indicator whose
 * sub-indicators are alternatives by condition (22: 综合利用率≤60% / ＞60%) is one row, as its result is
 * one; otherwise each sub-indicator has its own row.
 */
export function fillRows(indicators: readonly PlacedIndicator[], unit: string, terrain?: string): FillRow[] {
  const rows: FillRow[] = [];
  for (const ind of indicators) {
    const at = ind.units.indexOf(unit);
    // 不涉及: nothing to report
    if (at < 0 || ind.notApplicable) continue;
    const role = at === 0 ? '牵头' : '配合';
    // a terrain line of another class, and a sub-indicator marked 不涉及, take no data
    const judged = ind.subIndicators.filter((s) => !s.notApplicable && !(terrain && typeof s.applies === 'object' && !s.applies.terrain.some((t) => terrainClass(t) === terrain)));
    if (ind.subIndicators.length > 0 && judged.length === 0) continue;
    const conditional = judged.filter((s) => s.when !== undefined);
    const separate = judged.filter((s) => s.when === undefined);
    if (ind.subIndicators.length === 0 || conditional.length > 0) {
      const targets = conditional.length
        ? conditional.map((s) => ({ text: s.target ?? ind.target, unit: s.unit ?? ind.unit }))
        : [{ text: ind.target, unit: ind.unit }];
      const name = conditional.length ? [ind.name, ...conditional.map((s) => `${circled(s.no)}${s.name}`)].join('\n') : ind.name;
      const quantity = yearQuantity(ind);
      // a level row defined by its change (提高幅度) is a share again: 一般工业固体废物综合利用率 lies in 0–100
      const bounds = quantity.kind === 'level' ? shareBounds(quantity.name, quantity.unit) : shareBounds(ind.name, ind.unit);
      rows.push({ indicator: ind.no, key: rowKey(ind.no), name, unit: quantity.unit, target: ind.target, role, needs: inputsNeededFor(targets), quantity, ...(bounds ? { bounds } : {}) });
    }
    for (const sub of separate) {
      const unitText = sub.unit ?? ind.unit;
      const target = sub.target ?? ind.target;
      const quantity = yearQuantity(ind, sub);
      const bounds = quantity.kind === 'level' ? shareBounds(quantity.name, quantity.unit) : shareBounds(`${ind.name}${sub.name}`, unitText);
      rows.push({
        indicator: ind.no, sub: sub.no, key: rowKey(ind.no, sub.no), name: `${ind.name}\n${circled(sub.no)}${sub.name}`,
        unit: quantity.unit, target, role, needs: inputsNeededFor([{ text: target, unit: unitText }]), quantity, ...(bounds ? { bounds } : {}),
      });
    }
  }
  return rows;
}

/** The district's terrain class (project.yaml), which selects the terrain line a unit reports. */
export function districtTerrain(data: { readonly project: Project }): string | undefined {
  const t = data.project.district.terrain;
  return t === undefined ? undefined : terrainClass(t);
}

/** Whether a row takes input in a column. */
export function takesInput(row: FillRow, field: Field): boolean {
  switch (field.kind) {
    case 'value': return row.needs.values;
    case 'superiorOp':
    case 'superiorValue':
    case 'superiorText': return row.needs.superior;
    case 'status': return row.needs.status;
    case 'description':
    case 'source': return true;
    default: return false;
  }
}

/** Units that have at least one indicator, in project.yaml's order (then any other the catalog names). */
export function unitsWithIndicators(project: Project, indicators: readonly PlacedIndicator[]): string[] {
  const names = project.units.map((u) => u.name);
  for (const ind of indicators) for (const u of ind.units) if (!names.includes(u)) names.push(u);
  return names.filter((u) => indicators.some((i) => i.units.includes(u)));
}

/** A file name for a unit's workbook: the unit's name with characters file systems refuse replaced. */
export function workbookFileName(unit: string): string {
  return `${unit.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.xlsx`;
}

/** The identity stamp: which project, programme and unit a workbook was made for, and in which layout. */
export interface Stamp {
  readonly tool: string;
  readonly version: number;
  readonly districtCode: string;
  readonly programme: string;
  readonly batch: string;
  readonly year: number;
  readonly unit: string;
}

/** Labels of the stamp sheet's rows (column A), values in column B. */
export const STAMP_LABELS: Readonly<Record<keyof Stamp, string>> = {
  tool: '工具', version: '格式版本', districtCode: '行政区划代码', programme: '创建项目', batch: '批次', year: '年度', unit: '责任单位',
};

export function stampOf(project: Project, unit: string): Stamp {
  return {
    tool: TOOL_NAME, version: FORMAT_VERSION, districtCode: project.district.code, programme: project.programme.title,
    batch: project.programme.batch, year: project.programme.year, unit,
  };
}

/** "行政区划代码 370812、国家生态文明建设示范区第七批 2023年" for messages. */
export function describeStamp(s: Pick<Stamp, 'districtCode' | 'programme' | 'batch' | 'year'>): string {
  return `行政区划代码 ${s.districtCode}、${s.programme}${s.batch} ${s.year}年`;
}

/** Where `collect` writes the fill-in workbooks unless told otherwise: the project's own out/填报表/. */
export function collectDir(projectDir: string): string {
  return path.join(path.resolve(projectDir), 'out', '填报表');
}

/**
 * The workbook `import` reads for what it was given: the path as given when it exists; otherwise, in the
 * project's out/填报表/, the file of that name, or the workbook of the unit it names (by name, full name or
 * alias: `水务局.xlsx` → `区水务局.xlsx`). `undefined` when none is there.
 */
export function locateWorkbook(given: string, projectDir: string, units: readonly ResponsibleUnit[], exists: (file: string) => boolean): string | undefined {
  if (exists(given)) return given;
  const dir = collectDir(projectDir);
  const base = path.basename(given);
  const named = path.join(dir, /\.xlsx$/i.test(base) ? base : `${base}.xlsx`);
  if (exists(named)) return named;
  const name = base.replace(/\.xlsx$/i, '').normalize('NFC').trim();
  const unit = units.find((u) => [u.name, u.fullName, ...u.aliases].includes(name));
  const ofUnit = unit ? path.join(dir, workbookFileName(unit.name)) : undefined;
  return ofUnit && exists(ofUnit) ? ofUnit : undefined;
}
