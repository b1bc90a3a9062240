import ExcelJS from 'exceljs';
import { titlesOf } from '../../common/index.ts';
import type { RenderInput } from '../render-input.ts';
import { evidenceSheet, unitSheet, type EvidenceLocations } from './summary-sheets.ts';
import { taskSheet } from './task-sheet.ts';
import { stampWorkbook, workbookBytes } from '../../documents/xlsx/index.ts';
import { writeGrid } from '../../documents/xlsx/index.ts';

/**
 * The task table (指标任务分解表, 附件1 of the work plan) as an Excel workbook, made from the project data:
 * sheet 指标任务分解表 (with `withStatus`: 现状值, 达标情况, 佐证材料 from the verdicts), 责任单位汇总 and 材料清单.
 */

/** The artifact's name; the CLI writes it as `<name>.xlsx`. */
export const TASK_TABLE_NAME = '指标任务分解表';

export interface TaskTableOptions {
  /** add 现状值, 达标情况 and 佐证材料 (count) from the verdicts */
  readonly withStatus: boolean;
  /** in a bundle: where each evidence item is (材料清单 gives its path in the bundle and its annex page) */
  readonly locations?: EvidenceLocations;
}

/** Marks every sheet of an illustrative project (printed in the page header). */
export const SAMPLE_MARK = '示例数据';

/**
 * Renders the workbook. Pure apart from producing bytes: reads nothing from disk, writes nothing,
 * and returns bytes that depend only on the input (zip normalised with project.generatedAt).
 */
export async function renderTaskTable(input: RenderInput, options: TaskTableOptions): Promise<Buffer> {
  const { project, indicators, evidence } = input.data;
  const title = titlesOf(project).taskTable;
  const mark = project.sample ? SAMPLE_MARK : undefined;
  const workbook = new ExcelJS.Workbook();
  stampWorkbook(workbook, project.generatedAt, title);

  writeGrid(workbook, taskSheet({ title, indicators, verdicts: input.verdicts, withStatus: options.withStatus, ...(mark ? { mark } : {}) }));
  writeGrid(workbook, unitSheet(title, indicators, project.units.map((u) => u.name), mark));
  writeGrid(workbook, evidenceSheet(title, indicators, evidence, mark, options.locations));

  return workbookBytes(workbook, project.generatedAt);
}

export { TASK_SHEET_NAME, TASK_HEADERS, STATUS_HEADERS, unitsText, taskText, verticalText } from './task-sheet.ts';
export { UNIT_SHEET_NAME, EVIDENCE_SHEET_NAME, UNIT_HEADERS, EVIDENCE_HEADERS, annexPlace, type EvidenceLocations } from './summary-sheets.ts';
