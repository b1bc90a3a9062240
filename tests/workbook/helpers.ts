import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkProject } from '../../src/load/check.ts';
import type { ProjectData } from '../../src/model/project-data.ts';
import { collectWorkbooks } from '../../src/workbook/collect.ts';
import { FIRST_DATA_ROW, fillColumns, INPUT_SHEET, type Years } from '../../src/workbook/layout.ts';

/** Loads a project that must be valid. */
export async function loadValid(dir: string): Promise<ProjectData> {
  const checked = await checkProject(dir);
  if (!checked.data) throw new Error(`project ${dir} does not load: ${JSON.stringify(checked.issues, null, 1)}`);
  return checked.data;
}

/** Runs collect for a project and writes the workbooks into `outDir`; returns unit → file. */
export async function collectInto(dir: string, outDir: string): Promise<Map<string, string>> {
  const data = await loadValid(dir);
  await mkdir(outDir, { recursive: true });
  const out = new Map<string, string>();
  for (const book of await collectWorkbooks(data)) {
    const file = path.join(outDir, book.fileName);
    await writeFile(file, book.bytes);
    out.set(book.unit, file);
  }
  return out;
}

/** Opens a workbook with exceljs (fine for filling in tests), lets `edit` change it, saves it. */
export async function editWorkbook(file: string, edit: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  edit(workbook, workbook.getWorksheet(INPUT_SHEET)!);
  await workbook.xlsx.writeFile(file);
}

/** "16", "2022年数值" → "H4": the cell of a row key and a column header in a 填报 sheet. */
export function cellAt(sheet: ExcelJS.Worksheet, years: Years, key: string, header: string): string {
  const column = fillColumns(years).find((c) => c.header === header);
  if (!column) throw new Error(`no column ${header}`);
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    if (String(sheet.getRow(r).getCell(1).value) === key) return `${column.letter}${r}`;
  }
  throw new Error(`no row ${key}`);
}

export const SAMPLE_YEARS: Years = { baselineYear: 2020, currentYear: 2022 };
