import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { GENERATOR } from '../../common/index.ts';
import { normalizeOfficeZip } from '../office-zip/index.ts';

/**
 * Turning an exceljs workbook into the bytes we ship: fixed metadata, the default (Normal style) font set
 * to 宋体 11, and the zip normalised so equal content gives equal bytes.
 *
 * Why the default font matters: a column width is counted in digits of the Normal style's font. exceljs
 * always writes Calibri, which LibreOffice replaces by a much wider font when Calibri is not installed, so
 * the same table came out a third narrower there than in Excel. 宋体 11 is the default of Chinese
 * Excel and WPS, and LibreOffice renders it (through Noto Serif SC) with nearly the same digit width
 * (about 8 px), so widths, wrapping and page breaks computed here hold in all three.
 */

export const DEFAULT_FONT = { name: '宋体', size: 11 } as const;

/** Fixed creator and dates (no wall-clock time in any output). */
export function stampWorkbook(workbook: ExcelJS.Workbook, generatedAt: string, title?: string): void {
  const date = new Date(`${generatedAt}T00:00:00Z`);
  workbook.creator = GENERATOR.name;
  workbook.lastModifiedBy = GENERATOR.name;
  workbook.created = date;
  workbook.modified = date;
  if (title) workbook.title = title;
}

const FIRST_FONT = /(<fonts\b[^>]*>)<font>.*?<\/font>/s;

/** Replaces the first font of styles.xml (the Normal style's) by 宋体 11, without the theme scheme that would override it. */
export function withDefaultFont(stylesXml: string): string {
  if (!FIRST_FONT.test(stylesXml)) return stylesXml;
  return stylesXml.replace(
    FIRST_FONT,
    `$1<font><sz val="${DEFAULT_FONT.size}"/><color theme="1"/><name val="${DEFAULT_FONT.name}"/><family val="3"/><charset val="134"/></font>`,
  );
}

/** exceljs workbook → normalised xlsx bytes. */
export async function workbookBytes(workbook: ExcelJS.Workbook, generatedAt: string): Promise<Buffer> {
  const written = await workbook.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(written as ArrayBuffer);
  const styles = zip.file('xl/styles.xml');
  if (styles) zip.file('xl/styles.xml', withDefaultFont(await styles.async('string')));
  const patched = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  return normalizeOfficeZip(patched, generatedAt);
}
