import ExcelJS from 'exceljs';
import type { ProjectData } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { rowHeight, wrappedLines } from '../documents/xlsx/index.ts';
import { stampWorkbook, workbookBytes } from '../documents/xlsx/index.ts';
import { titlesOf } from '../common/index.ts';
import { writeGuideSheet } from './guide.ts';
import { districtTerrain } from './layout.ts';
import {
  FIRST_DATA_ROW, HEADER_ROW, INPUT_SHEET, OP_OPTIONS, STAMP_LABELS, STAMP_SHEET, STATUS_OPTIONS, TITLE_ROW,
  fillColumns, fillRows, stampOf, valueLabel, valuePrompt, takesInput, unitsWithIndicators, workbookFileName, type Column, type FillRow,
} from './layout.ts';

/**
 * collect: one fill-in workbook (填报表) per responsible unit, holding only that unit's indicators,
 * pre-filled with what results.yaml already has. Reference columns are locked, input cells open, with
 * drop-downs and number checks; a very hidden sheet carries the identity stamp import checks.
 */

export interface CollectedWorkbook {
  readonly unit: string;
  /** e.g. 区水务局.xlsx */
  readonly fileName: string;
  readonly rows: number;
  readonly bytes: Buffer;
}

const FONT = { name: '仿宋_GB2312', size: 11 } as const;
const HEADER_FONT = { name: '黑体', size: 11 } as const;
const THIN = { style: 'thin', color: { argb: 'FF808080' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FILL = {
  reference: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  closed: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
  header: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
} as const satisfies Record<string, ExcelJS.Fill>;

function referenceValue(row: FillRow, column: Column): string {
  switch (column.field.kind) {
    case 'key': return row.key;
    case 'name': return row.name;
    case 'unit': return row.unit;
    case 'target': return row.target;
    case 'role': return row.role;
    default: return '';
  }
}

/** What results.yaml already says for a cell, written into it so a unit only corrects and completes. */
function existingValue(result: Result | undefined, column: Column): string | number | undefined {
  if (!result) return undefined;
  const f = column.field;
  switch (f.kind) {
    case 'value': return result.values[String(f.year)];
    case 'superiorOp': return result.superiorTarget?.op ? displayOp(result.superiorTarget.op) : undefined;
    case 'superiorValue': return result.superiorTarget?.value;
    case 'superiorText': return result.superiorTarget?.text;
    case 'status': return result.status;
    case 'description': return result.description;
    case 'source': return result.source;
    default: return undefined;
  }
}

/** The model's comparison signs as the drop-down spells them. */
export function displayOp(op: string): string {
  return ({ '>': '＞', '<': '＜', '=': '＝' } as Record<string, string>)[op] ?? op;
}

function validation(row: FillRow, column: Column): ExcelJS.DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: '填写有误' } as const;
  switch (column.field.kind) {
    case 'value': {
      // the cell says exactly what it wants when selected: 2022年水质达到或优于Ⅲ类比例（%），当年的水平值
      const year = column.field.year;
      const prompt = { showInputMessage: true, promptTitle: `${year}年数值`, prompt: valuePrompt(row, year) };
      return row.bounds
        ? { ...common, ...prompt, type: 'decimal', operator: 'between', formulae: [row.bounds.min, row.bounds.max], error: `${valueLabel(row, year)}：请填写 ${row.bounds.min}–${row.bounds.max} 之间的数字（百分比只填数字，不带 %）` }
        : { ...common, ...prompt, type: 'decimal', operator: 'between', formulae: [-1e12, 1e12], error: `${valueLabel(row, year)}：请填写数字，不带单位和文字` };
    }
    case 'superiorValue':
      return { ...common, type: 'decimal', operator: 'between', formulae: [-1e12, 1e12], error: '请填写数字，不带单位和文字' };
    case 'superiorOp':
      return { ...common, type: 'list', formulae: [`"${OP_OPTIONS.join(',')}"`], error: `请从下拉列表中选择：${OP_OPTIONS.join(' ')}` };
    case 'status':
      return { ...common, type: 'list', formulae: [`"${STATUS_OPTIONS.join(',')}"`], error: `请从下拉列表中选择：${STATUS_OPTIONS.join('、')}` };
    default:
      return undefined;
  }
}

async function writeInputSheet(workbook: ExcelJS.Workbook, data: ProjectData, unit: string, rows: readonly FillRow[]): Promise<void> {
  const { project } = data;
  const columns = fillColumns(project.programme);
  const last = columns[columns.length - 1]!.letter;
  const sheet = workbook.addWorksheet(INPUT_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW, topLeftCell: `C${FIRST_DATA_ROW}`, activeCell: `F${FIRST_DATA_ROW}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  for (const c of columns) sheet.getColumn(c.index).width = c.width;

  sheet.mergeCells(`A${TITLE_ROW}:${last}${TITLE_ROW}`);
  const title = sheet.getCell(`A${TITLE_ROW}`);
  title.value = `${project.district.name}${project.programme.title}创建指标填报表（${unit}）${project.sample ? '（示例数据）' : ''}`;
  title.font = { ...HEADER_FONT, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(TITLE_ROW).height = 30;

  const header = sheet.getRow(HEADER_ROW);
  header.height = 36;
  for (const c of columns) {
    const cell = header.getCell(c.index);
    cell.value = c.header;
    cell.font = HEADER_FONT;
    cell.fill = FILL.header;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  const results = data.results;
  rows.forEach((row, k) => {
    const sheetRow = sheet.getRow(FIRST_DATA_ROW + k);
    const result = results.find((r) => r.indicator === row.indicator && r.sub === row.sub);
    let lines = 1;
    for (const c of columns) {
      const cell = sheetRow.getCell(c.index);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: c.field.kind === 'name' || c.field.kind === 'description' || c.field.kind === 'superiorText' || c.field.kind === 'source' ? 'left' : 'center' };
      const open = c.input && takesInput(row, c.field);
      const value = c.input ? (open ? existingValue(result, c) : undefined) : referenceValue(row, c);
      if (value !== undefined && value !== '') cell.value = value;
      if (open) {
        cell.protection = { locked: false };
        const rule = validation(row, c);
        if (rule) cell.dataValidation = rule;
      } else {
        cell.protection = { locked: true };
        cell.fill = c.input ? FILL.closed : FILL.reference;
      }
      if (value !== undefined) lines = Math.max(lines, wrappedLines(String(value), c.width, FONT.size));
    }
    sheetRow.height = rowHeight(lines, FONT.size);
  });
  // no password: the protection guards against slips, and a password would need a random salt in every file
  await sheet.protect('', {
    selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true,
    insertRows: false, insertColumns: false, deleteRows: false, deleteColumns: false, sort: false, autoFilter: false,
  });
}

async function writeStampSheet(workbook: ExcelJS.Workbook, data: ProjectData, unit: string): Promise<void> {
  const sheet = workbook.addWorksheet(STAMP_SHEET, { state: 'veryHidden' });
  const stamp = stampOf(data.project, unit);
  (Object.keys(STAMP_LABELS) as (keyof typeof STAMP_LABELS)[]).forEach((key, k) => {
    sheet.getCell(`A${k + 1}`).value = STAMP_LABELS[key];
    sheet.getCell(`B${k + 1}`).value = stamp[key];
  });
  await sheet.protect('', {});
}

/** The workbook of one unit. */
export async function collectWorkbook(data: ProjectData, unit: string): Promise<CollectedWorkbook> {
  const rows = fillRows(data.indicators, unit, districtTerrain(data));
  const workbook = new ExcelJS.Workbook();
  stampWorkbook(workbook, data.project.generatedAt, `${titlesOf(data.project).taskTable}（${unit}填报表）`);
  await writeInputSheet(workbook, data, unit, rows);
  writeGuideSheet(workbook, data, unit, rows);
  await writeStampSheet(workbook, data, unit);
  return { unit, fileName: workbookFileName(unit), rows: rows.length, bytes: await workbookBytes(workbook, data.project.generatedAt) };
}

/** One workbook per responsible unit that has indicators, in project.yaml's order. */
export async function collectWorkbooks(data: ProjectData): Promise<CollectedWorkbook[]> {
  const out: CollectedWorkbook[] = [];
  for (const unit of unitsWithIndicators(data.project, data.indicators)) out.push(await collectWorkbook(data, unit));
  return out;
}
