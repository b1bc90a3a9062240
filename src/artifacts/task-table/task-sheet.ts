import type { Verdict } from '../../judge/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';
import { remarksOf } from '../../model/index.ts';
import { chineseNumeral, circled } from '../../common/index.ts';
import { breakLines, fitWidth, wrappedLines } from '../../documents/xlsx/index.ts';
import { FONT_SIZE, type Grid, type GridColumn, type GridMerge, type GridValue } from '../../documents/xlsx/index.ts';

/**
 * The main sheet: 指标任务分解表 as 附件1 shows it. 领域 written one character per line and merged over its
 * indicators, 任务 as （一）+ newline + name merged over its indicators, sub-indicators ①②③ as lines of the
 * 指标名称 cell with their units, targets (and current values) on the same lines of the cells beside.
 */

export const TASK_SHEET_NAME = '指标任务分解表';

/** Column headers of 附件1, in its order. */
export const TASK_HEADERS = ['领域', '任务', '序号', '指标名称', '单位', '指标值', '指标属性', '责任单位', '备注'] as const;
/** The extra columns of `--with-status`, placed before 备注. */
export const STATUS_HEADERS = ['现状值', '达标情况', '佐证材料'] as const;

export interface TaskSheetInput {
  readonly title: string;
  readonly indicators: readonly PlacedIndicator[];
  /** one per indicator; only read with `withStatus` */
  readonly verdicts: readonly Verdict[];
  readonly withStatus: boolean;
  readonly mark?: string;
}

/** A cell whose lines line up with the 指标名称 cell: one entry for the indicator's own line, one per sub-indicator. */
interface Aligned {
  readonly head: string;
  readonly subs: readonly string[];
}
type CellText = string | number | Aligned;

const isAligned = (t: CellText): t is Aligned => typeof t === 'object';

/** 责任单位 as 附件1 writes them: joined with 、, the note in （） after them. */
export function unitsText(indicator: Pick<PlacedIndicator, 'units' | 'unitsNote'>): string {
  return `${indicator.units.join('、')}${indicator.unitsNote ? `（${indicator.unitsNote}）` : ''}`;
}

/**
 * 责任单位 for the cell: a line break only after a 、, never inside a unit's name, so that no line starts
 * with 、 (spreadsheet programs break Chinese text anywhere).
 */
export function unitsCellText(indicator: Pick<PlacedIndicator, 'units' | 'unitsNote'>, width: number): string {
  const lines: string[] = [];
  let line = '';
  indicator.units.forEach((unit, k) => {
    const token = k < indicator.units.length - 1 ? `${unit}、` : unit;
    if (line && wrappedLines(line + token, width, FONT_SIZE.body) > 1) {
      lines.push(line);
      line = '';
    }
    line += token;
  });
  // the note in （） goes on a line of its own unless it fits beside the last unit
  const note = indicator.unitsNote ? `（${indicator.unitsNote}）` : '';
  if (note && wrappedLines(line + note, width, FONT_SIZE.body) > 1) lines.push(line, note);
  else lines.push(line + note);
  return lines.join('\n');
}

/** 生态制度 → 生\n态\n制\n度 */
export function verticalText(text: string): string {
  return [...text].join('\n');
}

/** （一）\n目标责任体系与制度建设 */
export function taskText(no: number, name: string): string {
  return `（${chineseNumeral(no)}）\n${name}`;
}

function subLine(no: number, name: string): string {
  return `${circled(no)}${name}`;
}

function nameCell(ind: PlacedIndicator): CellText {
  if (ind.subIndicators.length === 0) return ind.name;
  return { head: ind.name, subs: ind.subIndicators.map((s) => subLine(s.no, s.name)) };
}

/** Unit or target: one line per sub-indicator where any sub-indicator has its own, else the indicator's. */
function ownOrShared(ind: PlacedIndicator, key: 'unit' | 'target'): CellText {
  if (!ind.subIndicators.some((s) => s[key] !== undefined)) return ind[key];
  return { head: '', subs: ind.subIndicators.map((s) => s[key] ?? ind[key]) };
}

function circledValue(ch: string | undefined): number | undefined {
  const code = ch?.codePointAt(0);
  return code !== undefined && code >= 0x2460 && code <= 0x2473 ? code - 0x2460 + 1 : undefined;
}

/** 现状值: the verdict's lines prefixed ①②③ go beside their sub-indicators. */
function currentCell(ind: PlacedIndicator, verdict: Verdict | undefined): CellText {
  const text = verdict?.currentText ?? '—';
  const head: string[] = [];
  const bySub = new Map<number, string>();
  for (const line of text.split('\n')) {
    const no = circledValue([...line][0]);
    if (no !== undefined && ind.subIndicators.some((s) => s.no === no)) bySub.set(no, line.slice(1));
    else head.push(line);
  }
  if (bySub.size === 0) return text;
  return { head: head.join('；'), subs: ind.subIndicators.map((s) => bySub.get(s.no) ?? '') };
}

const UNITS_WIDTH = 24;
/**
 * Four characters a line: every task name of 附件1 then wraps without a lone last character
 * (目标责任\n体系与制\n度建设, 资源节约\n与利用), and the cell text stays exactly （一）+ newline + name.
 */
const TASK_WIDTH = 8.3;

interface ColumnSpec extends GridColumn {
  readonly cell: (ind: PlacedIndicator, verdict: Verdict | undefined) => CellText;
}

function lines(cells: readonly CellText[]): string[] {
  return cells.flatMap((c) => (isAligned(c) ? c.subs : []));
}

function columnSpecs(input: TaskSheetInput): ColumnSpec[] {
  const { indicators } = input;
  const verdictOf = (ind: PlacedIndicator) => input.verdicts.find((v) => v.no === ind.no);
  const size = FONT_SIZE.body;
  const aligned = (f: (ind: PlacedIndicator) => CellText) => lines(indicators.map(f));
  const specs: ColumnSpec[] = [
    { header: '领域', width: 6, align: 'center', cell: (i) => verticalText(i.domain) },
    { header: '任务', width: TASK_WIDTH, align: 'center', cell: (i) => taskText(i.taskNo, i.taskName) },
    { header: '序号', width: 6, align: 'center', cell: (i) => i.no },
    // wide enough for every name on one line where the page allows (no lone last character)
    { header: '指标名称', width: fitWidth([...indicators.map((i) => i.name), ...aligned(nameCell)], size, 30, 44), align: 'left', cell: nameCell },
    { header: '单位', width: fitWidth(indicators.map((i) => i.unit).filter((u) => [...u].length <= 4), size, 8, 12), align: 'center', cell: (i) => ownOrShared(i, 'unit') },
    { header: '指标值', width: fitWidth(aligned((i) => ownOrShared(i, 'target')), size, 22, 28), align: 'center', cell: (i) => ownOrShared(i, 'target') },
    { header: '指标属性', width: 10, align: 'center', cell: (i) => i.attribute },
    { header: '责任单位', width: UNITS_WIDTH, align: 'center', cell: (i) => unitsCellText(i, UNITS_WIDTH) },
  ];
  if (input.withStatus) {
    specs.push(
      { header: '现状值', width: fitWidth(aligned((i) => currentCell(i, verdictOf(i))), size, 18, 28), align: 'center', cell: currentCell },
      { header: '达标情况', width: 10, align: 'center', marks: { 未达标: 'alert', 待补充: 'warn' }, cell: (_i, v) => v?.verdict ?? '待补充' },
      { header: '佐证材料', width: 10, align: 'center', cell: (_i, v) => v?.evidenceCount ?? 0 },
    );
  }
  specs.push({ header: '备注', width: 8, align: 'center', cell: (i) => remarksOf(i).join('\n') });
  return specs;
}

/**
 * Aligned cells of one row become plain texts, broken into lines explicitly and padded with blank lines,
 * so that each sub-indicator's line starts on the same line in every cell: a segment takes as many lines
 * as its longest entry.
 */
function alignRow(cells: readonly CellText[], widths: readonly number[]): GridValue[] {
  const size = FONT_SIZE.body;
  const entryLines = (a: Aligned, s: number, width: number) => breakLines(s === 0 ? a.head : (a.subs[s - 1] ?? ''), width, size);
  const alignedCells = cells.map((c, i) => ({ c, width: widths[i]! })).filter((x): x is { c: Aligned; width: number } => isAligned(x.c));
  if (alignedCells.length === 0) return cells as GridValue[];
  const segments = 1 + alignedCells[0]!.c.subs.length;
  const heights = Array.from({ length: segments }, (_, s) =>
    Math.max(...alignedCells.map(({ c, width }) => entryLines(c, s, width).length)),
  );
  return cells.map((c, i) => {
    if (!isAligned(c)) return c;
    return heights
      .flatMap((h, s) => {
        const lines = entryLines(c, s, widths[i]!);
        return [...lines, ...Array<string>(h - lines.length).fill('')];
      })
      .join('\n');
  });
}

/** Body rows `from`..`to` of each run of equal keys (runs of one row included). */
function runs(keys: readonly string[], column: number): GridMerge[] {
  const out: GridMerge[] = [];
  let start = 0;
  keys.forEach((key, r) => {
    if (r + 1 === keys.length || keys[r + 1] !== key) {
      out.push({ column, from: start, to: r });
      start = r + 1;
    }
  });
  return out;
}

export function taskSheet(input: TaskSheetInput): Grid {
  const specs = columnSpecs(input);
  const widths = specs.map((s) => s.width);
  const rows = input.indicators.map((ind) =>
    alignRow(specs.map((s) => s.cell(ind, input.verdicts.find((v) => v.no === ind.no))), widths),
  );
  const domains = runs(input.indicators.map((i) => i.domain), 0);
  const tasks = runs(input.indicators.map((i) => `${i.domain}/${i.taskNo}`), 1);
  const merges = [...domains.map((m) => ({ ...m, splittable: true })), ...tasks].filter((m) => m.to > m.from);
  return {
    sheetName: TASK_SHEET_NAME,
    title: input.title,
    columns: specs.map(({ header, width, align, marks }) => ({ header, width, align, ...(marks ? { marks } : {}) })),
    rows,
    merges,
    groups: tasks.map(({ from, to }) => ({ from, to })),
    ...(input.mark ? { mark: input.mark } : {}),
  };
}
