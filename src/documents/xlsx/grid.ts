import { rowHeight, stretchRows, wrappedLines } from './geometry.ts';
import { pageBreaks, type RowGroup } from './pagination.ts';

/**
 * A printed table as plain data: title, columns, body rows and vertical merges. Each sheet of the
 * task-table workbook is first built as a Grid (pure, testable without exceljs), then laid out into pages
 * here and written by write.ts.
 */

export type HorizontalAlign = 'left' | 'center';

export interface GridColumn {
  readonly header: string;
  /** width in width units (see geometry.ts) */
  readonly width: number;
  readonly align: HorizontalAlign;
  /** cells that must stand out, by their value (达标情况: 未达标 → alert, 待补充 → warn) */
  readonly marks?: Readonly<Record<string, CellMark>>;
}

/** alert: red fill, dark red bold text; warn: orange fill, bold. */
export type CellMark = 'alert' | 'warn';

/** A body cell: text (lines separated by \n) or a number Excel should keep as a number. */
export type GridValue = string | number;

/** A cell merged with the cells below it in the same column: body rows `from`..`to` (0-based, inclusive). */
export interface GridMerge {
  readonly column: number;
  readonly from: number;
  readonly to: number;
  /**
   * May be cut at a page break: each page then gets its own merged cell repeating the text (领域, which
   * spans several tasks). A merge that is not splittable must lie inside one keep-together group.
   */
  readonly splittable?: boolean;
}

export interface Grid {
  /** worksheet name (≤ 31 characters, no []:*?/\) */
  readonly sheetName: string;
  /** the title row above the header */
  readonly title: string;
  readonly columns: readonly GridColumn[];
  /** one entry per body row, one value per column ('' for an empty cell) */
  readonly rows: readonly (readonly GridValue[])[];
  readonly merges: readonly GridMerge[];
  /** runs of body rows (e.g. one task's indicators) kept on one printed page where they fit */
  readonly groups?: readonly RowGroup[];
  /** printed in the page header's right corner, e.g. 示例数据 */
  readonly mark?: string;
}

/** Font sizes in points. */
export const FONT_SIZE = { title: 18, header: 11, body: 11 } as const;

/** The grid as printed: row heights, manual page breaks and the merges cut at those breaks. */
export interface GridLayout {
  readonly titleHeight: number;
  readonly headerHeight: number;
  /** heights of the body rows in points */
  readonly body: readonly number[];
  /** body row indices after which a new page starts */
  readonly breaks: readonly number[];
  /** merges after cutting splittable ones at the page breaks; each part repeats the text */
  readonly merges: readonly GridMerge[];
}

export function totalWidth(grid: Grid): number {
  return grid.columns.reduce((sum, c) => sum + c.width, 0);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function layoutGrid(grid: Grid): GridLayout {
  const size = FONT_SIZE.body;
  const linesOf = (value: GridValue, column: number) => wrappedLines(String(value), grid.columns[column]!.width, size);
  const inMerge = new Set(grid.merges.flatMap((m) => range(m.from, m.to).map((r) => `${r}:${m.column}`)));
  const body = grid.rows.map((cells, r) => {
    let lines = 1;
    cells.forEach((value, c) => {
      if (!inMerge.has(`${r}:${c}`)) lines = Math.max(lines, linesOf(value, c));
    });
    return rowHeight(lines, size);
  });
  const groups = grid.groups ?? [];
  for (const m of grid.merges) {
    const needed = rowHeight(linesOf(grid.rows[m.from]?.[m.column] ?? '', m.column), size);
    stretchRows(body, m.from, m.to, needed);
    // a splittable merge may be cut between any two groups: its text must fit beside each of them
    if (m.splittable) for (const g of groups) if (g.from >= m.from && g.to <= m.to) stretchRows(body, g.from, g.to, needed);
  }
  const headerLines = Math.max(1, ...grid.columns.map((c, i) => wrappedLines(c.header, grid.columns[i]!.width, FONT_SIZE.header)));
  const titleHeight = rowHeight(wrappedLines(grid.title, totalWidth(grid), FONT_SIZE.title), FONT_SIZE.title) + 8;
  const headerHeight = rowHeight(headerLines, FONT_SIZE.header);
  const breaks = pageBreaks({ width: totalWidth(grid), titleHeight, headerHeight, body, groups });
  return { titleHeight, headerHeight, body, breaks, merges: grid.merges.flatMap((m) => cutAtBreaks(m, breaks)) };
}

/** A splittable merge cut into one part per page; parts of a single row are no merge at all. */
function cutAtBreaks(merge: GridMerge, breaks: readonly number[]): GridMerge[] {
  if (!merge.splittable) return [merge];
  const parts: GridMerge[] = [];
  let from = merge.from;
  for (const after of breaks) {
    if (after >= from && after < merge.to) {
      parts.push({ ...merge, from, to: after });
      from = after + 1;
    }
  }
  parts.push({ ...merge, from, to: merge.to });
  return parts;
}
