/**
 * The indicator table of a 领域 slide, laid out before it is drawn: every cell's text whole (nothing cut),
 * each row as tall as its longest cell wraps to, in the largest of the sizes that fits the slide, and over as
 * many slides as the rows need at the smallest size. Pure: widths and heights are estimates in points, with
 * a Latin letter or digit half a Chinese character, as the 基本情况 slides count them.
 */

/** Column widths in inches: 序号, 指标名称, 属性, 指标值, 现状值, 达标情况 (6.9 in together). */
export const DOMAIN_COLUMNS = [0.4, 1.8, 0.55, 1.3, 2.05, 0.8] as const;
/** Cell margin in inches, on every side. */
export const CELL_MARGIN = 0.04;
/** Font sizes tried in turn: the first at which the domain's table fits one slide; the last otherwise. */
export const TABLE_SIZES = [10, 8.5, 8] as const;
/** Height the table may take, in points: from its top (0.95 in) to above the slide number (5.15 in). */
export const TABLE_HEIGHT_PT = (5.15 - 0.95) * 72;
/** Line height of a table paragraph, as a multiple of the font size (PowerPoint and LibreOffice about 1.2). */
const LINE = 1.25;

/** Width of a text in Chinese characters (a printable ASCII character counts 0.55). */
function widthOf(text: string): number {
  return [...text].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 0.55 : 1), 0);
}

/** Lines a cell's text wraps to in a column `inches` wide at `size` pt (each \n a new paragraph). */
export function cellLines(text: string, inches: number, size: number): number {
  const perLine = Math.max(1, ((inches - 2 * CELL_MARGIN) * 72) / size - 0.5);
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(widthOf(p) / perLine)), 0);
}

/** Height of a row of cells (texts in column order) in points. */
export function rowHeight(cells: readonly string[], size: number): number {
  const lines = Math.max(...cells.map((t, i) => cellLines(t, DOMAIN_COLUMNS[i]!, size)));
  return lines * size * LINE + 2 * CELL_MARGIN * 72;
}

export interface TablePages<Row> {
  readonly size: number;
  /** the rows of each slide, in order; every row once */
  readonly pages: readonly (readonly Row[])[];
}

/**
 * Splits the rows (each given as its cells' texts by `cells`) over slides under a header row: one slide at the
 * largest size that fits it, else as many slides as needed at the smallest size.
 */
export function tablePages<Row>(header: readonly string[], rows: readonly Row[], cells: (row: Row) => readonly string[]): TablePages<Row> {
  const total = (size: number) => rows.reduce((h, r) => h + rowHeight(cells(r), size), rowHeight(header, size));
  const fitting = TABLE_SIZES.find((size) => total(size) <= TABLE_HEIGHT_PT);
  if (fitting !== undefined) return { size: fitting, pages: [rows] };
  const size = TABLE_SIZES.at(-1)!;
  const pages: Row[][] = [[]];
  let used = rowHeight(header, size);
  for (const row of rows) {
    const h = rowHeight(cells(row), size);
    // a row taller than a slide still gets one of its own, whole
    if (pages.at(-1)!.length > 0 && used + h > TABLE_HEIGHT_PT) {
      pages.push([]);
      used = rowHeight(header, size);
    }
    pages.at(-1)!.push(row);
    used += h;
  }
  return { size, pages };
}
