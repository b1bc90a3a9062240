import type { IssueCode } from '../model/index.ts';
import ExcelJS from 'exceljs';
import { readChangeWords } from '../judge/index.ts';
import type { Issue, SourcePlace } from '../model/index.ts';
import type { ProjectData } from '../model/index.ts';
import type { Comparison, QualitativeStatus } from '../model/index.ts';
import { cellContent, readComparison, readNumber, readStatus, readText, type CellContent, type Read } from './cells.ts';
import {
  FIRST_DATA_ROW, FORMAT_VERSION, HEADER_ROW, INPUT_SHEET, STAMP_LABELS, STAMP_SHEET, TOOL_NAME,
  columnLetter, describeStamp, districtTerrain, fillColumns, fillRows, parseRowKey, stampOf, takesInput, type Column, type Field, type FillRow, type Stamp,
} from './layout.ts';

/**
 * Reads a filled workbook (填报表) back into cell entries, each located by file, sheet and cell.
 * Refuses, with one clear message, a workbook that is not ours, belongs to another project or unit
 * list, or whose sheet was renamed or columns moved; every bad cell becomes its own located issue.
 */

/** The part of a Result one cell fills. */
export type ResultField = Exclude<Field, { readonly kind: 'key' | 'name' | 'unit' | 'target' | 'role' }>;

export type EntryValue = number | string | Comparison | QualitativeStatus;

export interface CellEntry {
  readonly indicator: number;
  readonly sub?: number;
  readonly field: ResultField;
  readonly value: EntryValue;
  readonly place: SourcePlace;
}

export interface ReadOutcome {
  readonly unit?: string;
  readonly entries: readonly CellEntry[];
  readonly issues: readonly Issue[];
}

function issue(code: IssueCode, severity: Issue['severity'], place: SourcePlace, message: string, hint?: string): Issue {
  return { code, severity, path: [], ...place, message, ...(hint ? { hint } : {}) };
}

function readStamp(sheet: ExcelJS.Worksheet): Partial<Record<keyof Stamp, string>> {
  const out: Partial<Record<keyof Stamp, string>> = {};
  const byLabel = new Map(Object.entries(STAMP_LABELS).map(([k, label]) => [label, k as keyof Stamp]));
  sheet.eachRow((row) => {
    const key = byLabel.get(String(row.getCell(1).value ?? '').trim());
    if (key) out[key] = String(row.getCell(2).value ?? '').trim();
  });
  return out;
}

/** Where collect writes a stamp field: column B, rows in the order of STAMP_LABELS. */
function stampCell(key: keyof Stamp): string {
  return `B${Object.keys(STAMP_LABELS).indexOf(key) + 1}`;
}

/** Checks the identity stamp; returns the unit the workbook was made for, or the issue refusing it. */
function checkStamp(workbook: ExcelJS.Workbook, data: ProjectData, file: string): { unit?: string; issue?: Issue } {
  const sheet = workbook.getWorksheet(STAMP_SHEET);
  const at = { file, sheet: STAMP_SHEET };
  if (!sheet) {
    return { issue: issue('workbook-not-ours', 'error', { file }, '这不是 eco-dossier collect 生成的填报表（缺少标识），无法导入', '请用 eco-dossier collect 生成的填报表填写') };
  }
  const s = readStamp(sheet);
  if (s.tool !== TOOL_NAME) return { issue: issue('workbook-not-ours', 'error', at, '这不是 eco-dossier collect 生成的填报表（标识不符），无法导入') };
  if (s.version !== String(FORMAT_VERSION)) {
    return { issue: issue('workbook-version', 'error', { ...at, cell: stampCell('version') }, `填报表的格式版本为 ${s.version || '（空）'}，本程序需要版本 ${FORMAT_VERSION}`, '请用 eco-dossier collect 重新生成填报表') };
  }
  const ours = stampOf(data.project, '');
  const theirs = { districtCode: s.districtCode ?? '', programme: s.programme ?? '', batch: s.batch ?? '', year: Number(s.year) };
  const differs = (['districtCode', 'programme', 'batch', 'year'] as const).find((k) => theirs[k] !== ours[k]);
  if (differs) {
    return {
      issue: issue('workbook-other-project', 'error', { ...at, cell: stampCell(differs) }, `这是另一个项目的填报表：表中标识为${describeStamp(theirs)}，本项目为${describeStamp(ours)}，不能导入`),
    };
  }
  const unit = s.unit ?? '';
  if (!data.indicators.some((i) => i.units.includes(unit))) {
    return { issue: issue('workbook-unknown-unit', 'error', at, `填报表的责任单位“${unit}”不负责本项目的任何指标`, '请用 eco-dossier collect 重新生成填报表') };
  }
  return { unit };
}

/** Every header cell where collect put it: a renamed, inserted, deleted or moved column is refused. */
function checkHeaders(sheet: ExcelJS.Worksheet, columns: readonly Column[], file: string): Issue[] {
  const issues: Issue[] = [];
  const text = (col: number) => {
    const c = cellContent(sheet.getRow(HEADER_ROW).getCell(col));
    return c.kind === 'text' ? c.value : c.kind === 'number' ? String(c.value) : c.kind === 'other' ? c.shown : '';
  };
  for (const c of columns) {
    const actual = text(c.index);
    if (actual !== c.header) {
      issues.push(issue('workbook-columns-changed', 'error', { file, sheet: INPUT_SHEET, cell: `${c.letter}${HEADER_ROW}` },
        `表头应为“${c.header}”，实际为“${actual}”：列被改名、移动、插入或删除过，无法确定各列的含义`, '请在 eco-dossier collect 生成的原表中填写，不要改动列'));
    }
  }
  const extra = text(columns.length + 1);
  if (issues.length === 0 && extra) {
    issues.push(issue('workbook-columns-changed', 'error', { file, sheet: INPUT_SHEET, cell: `${columnLetter(columns.length + 1)}${HEADER_ROW}` }, `多出了一列“${extra}”：列被插入或移动过，无法确定各列的含义`));
  }
  return issues;
}

function readField(column: Column, row: FillRow, content: CellContent): Read<EntryValue> {
  const f = column.field;
  if (content.kind === 'formula-no-value') {
    return { ok: false, code: 'workbook-formula-no-value', message: `此格是公式“=${content.formula}”，但文件中没有保存它的计算结果，读不出数值` };
  }
  switch (f.kind) {
    case 'value': {
      const n = readNumber(content, row.unit);
      if (!n.ok) return n;
      if (row.bounds && (n.value < row.bounds.min || n.value > row.bounds.max)) {
        return { ok: false, code: 'workbook-share-out-of-range', message: `应在 ${row.bounds.min}–${row.bounds.max} 之间（百分比），实际为 ${n.value}` };
      }
      return n;
    }
    case 'superiorValue': return readNumber(content, row.unit);
    case 'superiorOp': return readComparison(content);
    case 'status': return readStatus(content);
    default: return readText(content);
  }
}

function resultField(column: Column): ResultField | undefined {
  const f = column.field;
  switch (f.kind) {
    case 'value': return { kind: 'value', year: f.year };
    case 'superiorOp':
    case 'superiorValue':
    case 'superiorText':
    case 'status':
    case 'description':
    case 'source': return { kind: f.kind };
    default: return undefined;
  }
}

function readRows(sheet: ExcelJS.Worksheet, data: ProjectData, unit: string, file: string): { entries: CellEntry[]; issues: Issue[] } {
  const columns = fillColumns(data.project.programme);
  const expected = new Map(fillRows(data.indicators, unit, districtTerrain(data)).map((r) => [r.key, r]));
  const entries: CellEntry[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  const place = (cell: string): SourcePlace => ({ file, sheet: INPUT_SHEET, cell });
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const sheetRow = sheet.getRow(r);
    const keyContent = cellContent(sheetRow.getCell(1));
    const keyText = keyContent.kind === 'text' ? keyContent.value : keyContent.kind === 'number' ? String(keyContent.value) : '';
    const inputs = columns.filter((c) => c.input).map((c) => ({ c, content: cellContent(sheetRow.getCell(c.index)) })).filter((x) => x.content.kind !== 'empty');
    if (!keyText) {
      if (inputs.length) issues.push(issue('workbook-row-unknown', 'error', place(`A${r}`), `第 ${r} 行没有序号，无法确定填的是哪项指标`));
      continue;
    }
    const key = parseRowKey(keyText);
    const row = key ? expected.get(keyText.trim()) : undefined;
    if (!row) {
      issues.push(issue('workbook-row-unknown', 'error', place(`A${r}`), `序号“${keyText}”不是${unit}负责的指标或分项`, '请在 eco-dossier collect 生成的原表中填写，不要改动序号'));
      continue;
    }
    if (seen.has(row.key)) {
      issues.push(issue('workbook-row-duplicate', 'error', place(`A${r}`), `序号“${row.key}”重复出现（另见 ${seen.get(row.key)}）`));
      continue;
    }
    seen.set(row.key, `A${r}`);
    for (const { c, content } of inputs) {
      const at = place(`${c.letter}${r}`);
      if (!takesInput(row, c.field)) {
        issues.push(issue('workbook-cell-not-applicable', 'warning', at, `指标${row.key}不需要填写“${c.header}”，已忽略此格`));
        continue;
      }
      const read = readField(c, row, content);
      const field = resultField(c)!;
      if (!read.ok) {
        issues.push(issue(read.code ?? codeOf(c), 'error', at, read.message, `指标${row.key}“${row.name.split('\n').pop()}”的“${c.header}”`));
        continue;
      }
      entries.push({ indicator: row.indicator, ...(row.sub !== undefined ? { sub: row.sub } : {}), field, value: read.value, place: at });
    }
    issues.push(...checkSuperior(row, entries, data, columns, r, file));
  }
  return { entries, issues };
}

function codeOf(column: Column): IssueCode {
  switch (column.field.kind) {
    case 'value':
    case 'superiorValue': return 'workbook-not-a-number';
    case 'status': return 'workbook-bad-status';
    case 'superiorOp': return 'workbook-bad-comparison';
    default: return 'workbook-bad-cell';
  }
}

/** A superior target needs its value: a sign or a text alone cannot be judged, unless the text states it (较2020年下降5%). */
function checkSuperior(row: FillRow, entries: readonly CellEntry[], data: ProjectData, columns: readonly Column[], r: number, file: string): Issue[] {
  const own = entries.filter((e) => e.indicator === row.indicator && e.sub === row.sub);
  const has = (kind: ResultField['kind']) => own.some((e) => e.field.kind === kind);
  const existing = data.results.find((x) => x.indicator === row.indicator && x.sub === row.sub)?.superiorTarget;
  const text = own.find((e) => e.field.kind === 'superiorText')?.value;
  const stated = typeof text === 'string' && readChangeWords(text, row.unit) !== undefined;
  if ((has('superiorOp') || has('superiorText')) && !has('superiorValue') && !existing && !stated) {
    const col = columns.find((c) => c.field.kind === 'superiorValue')!;
    return [issue('workbook-superior-incomplete', 'error', { file, sheet: INPUT_SHEET, cell: `${col.letter}${r}` }, '填写了上级目标，但缺少上级目标数值')];
  }
  return [];
}

/** Reads one filled workbook. `file` is how messages name it (e.g. 区水务局.xlsx). Never throws on bad input. */
export async function readFilledWorkbook(file: string, bytes: Uint8Array, data: ProjectData): Promise<ReadOutcome> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { entries: [], issues: [issue('workbook-unreadable', 'error', { file }, `无法读取 Excel 文件：${(e as Error).message}`, '文件应为 .xlsx 格式（Excel 2007 及以后）')] };
  }
  const stamp = checkStamp(workbook, data, file);
  if (stamp.issue || !stamp.unit) return { entries: [], issues: stamp.issue ? [stamp.issue] : [] };
  const sheet = workbook.getWorksheet(INPUT_SHEET);
  if (!sheet) {
    const names = workbook.worksheets.filter((w) => w.state === 'visible').map((w) => `“${w.name}”`).join('、');
    return {
      unit: stamp.unit,
      entries: [],
      issues: [issue('workbook-sheet-missing', 'error', { file }, `找不到工作表“${INPUT_SHEET}”（现有工作表：${names}）：工作表被改名或删除过`, `请把工作表名称改回“${INPUT_SHEET}”`)],
    };
  }
  const headerIssues = checkHeaders(sheet, fillColumns(data.project.programme), file);
  if (headerIssues.length) return { unit: stamp.unit, entries: [], issues: headerIssues };
  return { unit: stamp.unit, ...readRows(sheet, data, stamp.unit, file) };
}
