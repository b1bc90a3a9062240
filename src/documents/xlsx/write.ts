import type ExcelJS from 'exceljs';
import { FONT_SIZE, layoutGrid, type CellMark, type Grid } from './grid.ts';
import { MARGINS_IN } from './pagination.ts';

/**
 * Writes a Grid into an exceljs worksheet with the look of an official table (附件1): a title row in
 * 方正小标宋简体, a header row in 黑体 repeated on every printed page, body text in 仿宋_GB2312, borders on
 * every cell (merged ones included), computed row heights, A4 landscape fitted to one page wide, page numbers.
 */

export const FONTS = {
  title: { name: '方正小标宋简体', size: FONT_SIZE.title, bold: true },
  header: { name: '黑体', size: FONT_SIZE.header, bold: false },
  body: { name: '仿宋_GB2312', size: FONT_SIZE.body, bold: false },
} as const;

/** How a marked cell looks (the report's 表1 sets these verdicts in bold 黑体; here they are filled as well). */
export const MARK_STYLES: Record<CellMark, { readonly fill: string; readonly color: string }> = {
  alert: { fill: 'FFFFC7CE', color: 'FF9C0006' },
  warn: { fill: 'FFFFE0B2', color: 'FF8A4B00' },
};

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF000000' } },
  left: { style: 'thin', color: { argb: 'FF000000' } },
  bottom: { style: 'thin', color: { argb: 'FF000000' } },
  right: { style: 'thin', color: { argb: 'FF000000' } },
};

/** Rows of the sheet: 1 = title, 2 = header, body from 3. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_BODY_ROW = 3;

/** Footer with page numbers, as Excel's header/footer codes write it. */
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

export function columnLetter(index1: number): string {
  let n = index1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function writeGrid(workbook: ExcelJS.Workbook, grid: Grid): ExcelJS.Worksheet {
  const layout = layoutGrid(grid);
  const lastColumn = columnLetter(grid.columns.length);
  const sheet = workbook.addWorksheet(grid.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_BODY_ROW}`, activeCell: `A${FIRST_BODY_ROW}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { ...MARGINS_IN },
    },
    headerFooter: {
      oddFooter: PAGE_FOOTER,
      ...(grid.mark ? { oddHeader: `&R${grid.mark}` } : {}),
    },
  });
  grid.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });

  const title = sheet.getRow(TITLE_ROW);
  title.height = layout.titleHeight;
  sheet.mergeCells(`A${TITLE_ROW}:${lastColumn}${TITLE_ROW}`);
  const titleCell = sheet.getCell(`A${TITLE_ROW}`);
  titleCell.value = grid.title;
  titleCell.font = { ...FONTS.title };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  const header = sheet.getRow(HEADER_ROW);
  header.height = layout.headerHeight;
  grid.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONTS.header };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
  });

  grid.rows.forEach((cells, r) => {
    const row = sheet.getRow(FIRST_BODY_ROW + r);
    row.height = layout.body[r]!;
    cells.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      if (value !== '') cell.value = value;
      cell.font = { ...FONTS.body };
      cell.alignment = { horizontal: grid.columns[c]!.align, vertical: 'middle', wrapText: true };
      cell.border = THIN;
      const mark = grid.columns[c]!.marks?.[String(value).trim()];
      if (mark) {
        cell.font = { ...FONTS.body, bold: true, color: { argb: MARK_STYLES[mark].color } };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_STYLES[mark].fill } };
      }
    });
  });
  for (const m of layout.merges) {
    const col = columnLetter(m.column + 1);
    // every body row carries its 领域/任务 text, so each part of a merge cut at a page break repeats it;
    // exceljs drops the values of the cells a merge covers
    if (m.to > m.from) sheet.mergeCells(`${col}${FIRST_BODY_ROW + m.from}:${col}${FIRST_BODY_ROW + m.to}`);
    // exceljs gives every cell of a merge the master's style: the borders set above stay on all of them
  }
  for (const after of layout.breaks) sheet.getRow(FIRST_BODY_ROW + after).addPageBreak();
  return sheet;
}
