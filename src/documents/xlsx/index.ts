/** The face of documents/xlsx/: what other folders use of it. */
export { breakLines, fitWidth, rowHeight, wrappedLines } from './geometry.ts';
export { FONT_SIZE, type Grid, type GridColumn, type GridMerge, type GridValue } from './grid.ts';
export { stampWorkbook, workbookBytes } from './workbook-bytes.ts';
export { columnLetter, writeGrid } from './write.ts';
