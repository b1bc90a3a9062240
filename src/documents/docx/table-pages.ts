import { textWidth } from './elements.ts';
import { FONT_SIZE } from './layout.ts';
import { CELL_MARGIN, columnWidths, type TableCellSpec, type TableRowSpec, type TableSpec } from './table.ts';

/**
 * Page breaks for a table the writer paginates itself (TableSpec.paginate): which rows go on which page,
 * with merged cells cut at a break repeated on the next page. Heights are estimated generously (a line of
 * 五号 taller than any reader sets it, and a share of each page left free), so a page planned to fit does.
 */

/** Points of one line of 五号 table text at single spacing: about 1.3 em, above what LibreOffice (1.15 em with Noto) and Word with 仿宋_GB2312 take. */
export const TABLE_LINE_PT = 13.5;
/** Plan pages to this share of the room: readers lay out slightly differently. */
const SLACK = 0.92;

/** Lines a cell takes in a column `width` twips wide. */
export function cellLines(cell: Pick<TableCellSpec, 'lines'>, width: number): number {
  const perLine = Math.max(1, (width - 2 * CELL_MARGIN) / (FONT_SIZE.五号 * 20));
  return Math.max(1, cell.lines.reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / perLine - 1e-9)), 0));
}

interface Placed {
  readonly cell: TableCellSpec;
  readonly row: number;
  readonly col: number;
  readonly span: number;
}

/** Every cell with its row and first column (rowSpan cells once, at their first row). */
function place(spec: TableSpec): Placed[] {
  const n = spec.columns.length;
  const coveredUntil = new Array<number>(n).fill(-1);
  const out: Placed[] = [];
  spec.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (col < n && coveredUntil[col]! >= r) col++;
      const span = cell.colSpan ?? 1;
      out.push({ cell, row: r, col, span });
      for (let c = col; c < col + span; c++) coveredUntil[c] = r + (cell.rowSpan ?? 1) - 1;
      col += span;
    }
  });
  return out;
}

/** Estimated row heights in points: a merged cell's lines are shared over its rows. */
export function rowHeights(spec: TableSpec, width: number): number[] {
  const widths = columnWidths(spec.columns, width);
  const heights = spec.rows.map(() => 0);
  const placed = place(spec);
  const linesOf = (p: Placed) => cellLines(p.cell, widths.slice(p.col, p.col + p.span).reduce((a, b) => a + b, 0));
  for (const p of placed) if ((p.cell.rowSpan ?? 1) === 1) heights[p.row] = Math.max(heights[p.row]!, linesOf(p) * TABLE_LINE_PT + 2);
  for (const p of placed) {
    const span = p.cell.rowSpan ?? 1;
    if (span === 1) continue;
    const need = linesOf(p) * TABLE_LINE_PT + 2;
    const have = heights.slice(p.row, p.row + span).reduce((a, b) => a + b, 0);
    if (need > have) heights[p.row + span - 1]! += need - have;
  }
  return heights;
}

/**
 * The table cut into pages: the first holds `firstRoom` points, the others `room` (both without the header
 * row). A break falls only where no merged cell outside the first column crosses it, unless a group is
 * taller than a page; merged cells crossing a break are repeated below it.
 */
export function paginateTable(spec: TableSpec, width: number, firstRoom: number, room: number): TableSpec[] {
  const heights = rowHeights(spec, width);
  const header = cellLines({ lines: ['表头'] }, width) * TABLE_LINE_PT + 2;
  const placed = place(spec);
  // rows r and r+1 are joined when a merged cell outside the first column covers both
  const joined = spec.rows.map((_, r) => placed.some((p) => p.col > 0 && p.row <= r && p.row + (p.cell.rowSpan ?? 1) - 1 > r));
  const groups: { from: number; to: number }[] = [];
  for (let r = 0; r < spec.rows.length; r++) {
    const last = groups[groups.length - 1];
    if (last && joined[r - 1]) last.to = r;
    else groups.push({ from: r, to: r });
  }
  const pages: { from: number; to: number }[] = [];
  let capacity = firstRoom * SLACK - header;
  let used = 0;
  let start = 0;
  const cut = (before: number) => {
    pages.push({ from: start, to: before - 1 });
    start = before;
    used = 0;
    capacity = room * SLACK - header;
  };
  for (const g of groups) {
    const h = heights.slice(g.from, g.to + 1).reduce((a, b) => a + b, 0);
    if (used + h <= capacity) {
      used += h;
      continue;
    }
    if (g.from > start && h <= room * SLACK - header) {
      cut(g.from);
      used = h;
      continue;
    }
    for (let r = g.from; r <= g.to; r++) {
      if (r > start && used + heights[r]! > capacity) cut(r);
      used += heights[r]!;
    }
  }
  pages.push({ from: start, to: spec.rows.length - 1 });
  return pages.filter((p) => p.to >= p.from).map((p) => slice(spec, placed, p.from, p.to));
}

/** Rows from..to, merged cells clipped to them and a cell begun above `from` repeated in its first row. */
function slice(spec: TableSpec, placed: readonly Placed[], from: number, to: number): TableSpec {
  const rows: TableRowSpec[] = [];
  for (let r = from; r <= to; r++) {
    const cells = placed
      .filter((p) => (p.row === r) || (r === from && p.row < from && p.row + (p.cell.rowSpan ?? 1) - 1 >= from))
      .sort((a, b) => a.col - b.col)
      .map((p): TableCellSpec => {
        const end = Math.min(to, p.row + (p.cell.rowSpan ?? 1) - 1);
        const span = end - Math.max(p.row, from) + 1;
        const { rowSpan: _rowSpan, ...rest } = p.cell;
        return span > 1 ? { ...rest, rowSpan: span } : rest;
      });
    rows.push({ ...spec.rows[r]!, cells });
  }
  const { paginate: _paginate, ...rest } = spec;
  return { ...rest, rows };
}
