import {
  AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType,
} from 'docx';
import { InternalError } from '../../model/index.ts';
import { textWidth } from './elements.ts';
import { FONT_SIZE, pageGeometry } from './layout.ts';

/**
 * A table as plain data, for the `::: table NAME` directive: the caller builds it from its own data,
 * the writer lays it out in the official style (仿宋 五号, single spacing, header repeated on every page).
 */
export interface TableSpec {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRowSpec[];
  /**
   * Paginate the table here rather than leave it to Word/WPS/LibreOffice, which cut a merged cell at a page
   * break (its label on one page, or on neither): the rows merged by a cell are kept on one page, a page
   * breaks between such groups, and a merged cell that does continue on the next page (a 领域 over several
   * tasks, or a group taller than a page) is repeated there with its label. Row heights are estimated from
   * the text, with room to spare.
   */
  readonly paginate?: boolean;
}

export interface TableColumn {
  readonly title: string;
  /** relative width: the columns share the text block's width in proportion */
  readonly width: number;
  /** alignment of the column's body cells (default centre) */
  readonly align?: CellAlign;
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableRowSpec {
  /**
   * The row's cells from left to right. A cell merged down from a row above (`rowSpan`) is left out of the
   * rows it covers; a cell spanning columns (`colSpan`) counts for as many.
   */
  readonly cells: readonly TableCellSpec[];
  /** keep this row on the page of the next one (a group heading row) */
  readonly keepWithNext?: boolean;
}

export interface TableCellSpec {
  /** the lines of the cell (each its own paragraph) */
  readonly lines: readonly string[];
  readonly rowSpan?: number;
  readonly colSpan?: number;
  readonly align?: CellAlign;
  /** set in 黑体, as a heading row or group row */
  readonly strong?: boolean;
}

/** 1 mm left and right of a cell's text. */
export const CELL_MARGIN = 57;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/**
 * The relative width a column needs to set `text` (a name) on one line of 五号 table text, in a table of
 * `columns` on a portrait page's text block: for a column of short entries that should not break inside one
 * (a person's name with a note in brackets). A character's room to spare, as readers set text a little
 * wider than the font size.
 */
export function widthForOneLine(text: string, columns: readonly TableColumn[]): number {
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const twips = (textWidth(text) + 1) * FONT_SIZE.五号 * 20 + 2 * CELL_MARGIN;
  return (twips / pageGeometry('portrait').textWidth) * sum;
}

/** Relative widths → twips that add up to exactly `total`. */
export function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / sum) * total));
  widths[widths.length - 1]! += total - widths.reduce((s, w) => s + w, 0);
  return widths;
}

function cellParagraphs(cell: TableCellSpec, align: CellAlign, keepNext = false): Paragraph[] {
  const lines = cell.lines.length ? cell.lines : [''];
  return lines.map(
    (line) =>
      new Paragraph({
        style: cell.strong ? 'TableHeading' : 'TableText',
        alignment: ALIGN[cell.align ?? align],
        ...(keepNext ? { keepNext: true } : {}),
        children: [new TextRun(line)],
      }),
  );
}

/** Checks the row shapes (each row covers every column once) so a caller's mistake fails here, not in Word. */
function placeCells(spec: TableSpec): number[][] {
  const n = spec.columns.length;
  const coveredUntil = new Array<number>(n).fill(-1);
  return spec.rows.map((row, r) => {
    const starts: number[] = [];
    let col = 0;
    for (const cell of row.cells) {
      while (col < n && coveredUntil[col]! >= r) col++;
      const span = cell.colSpan ?? 1;
      if (col + span > n) throw new InternalError(`表格第 ${r + 1} 行的单元格超出 ${n} 列`);
      starts.push(col);
      for (let c = col; c < col + span; c++) coveredUntil[c] = r + (cell.rowSpan ?? 1) - 1;
      col += span;
    }
    while (col < n && coveredUntil[col]! >= r) col++;
    if (col !== n) throw new InternalError(`表格第 ${r + 1} 行只有 ${col} 列，应为 ${n} 列`);
    return starts;
  });
}

/** TableSpec → docx Table filling `width` twips, header row repeated on every page, rows never split. */
export function buildTable(spec: TableSpec, width: number): Table {
  return buildTableRows(spec, width);
}

function buildTableRows(spec: TableSpec, width: number): Table {
  const widths = columnWidths(spec.columns, width);
  const starts = placeCells(spec);
  const cellWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((s, w) => s + w, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: spec.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: cellParagraphs({ lines: c.title.split('\n'), strong: true }, 'center'),
        }),
    ),
  });
  const body = spec.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: row.cells.map((cell, i) => {
          const start = starts[r]![i]!;
          const span = cell.colSpan ?? 1;
          return new TableCell({
            width: { size: cellWidth(start, span), type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            ...(span > 1 ? { columnSpan: span } : {}),
            ...((cell.rowSpan ?? 1) > 1 ? { rowSpan: cell.rowSpan } : {}),
            children: cellParagraphs(cell, spec.columns[start]!.align ?? 'center', row.keepWithNext),
          });
        }),
      }),
  );
  return new Table({
    rows: [header, ...body],
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    // on the table itself: LibreOffice does not take cell margins from the default table style
    margins: { top: 0, bottom: 0, left: CELL_MARGIN, right: CELL_MARGIN, marginUnitType: WidthType.DXA },
  });
}
