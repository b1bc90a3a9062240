import type ExcelJS from 'exceljs';
import type { ProjectData } from '../model/index.ts';
import { rowHeight, wrappedLines } from '../documents/xlsx/index.ts';
import { chineseDate } from '../common/index.ts';
import { GUIDE_SHEET, INPUT_SHEET, OP_OPTIONS, STATUS_OPTIONS, type FillRow } from './layout.ts';

/** The 填报说明 sheet: what to fill, how, by when and to whom. */

/** The deadline for the units' materials: project.deadlines id `materials` (6/30 in the sample). */
export const MATERIALS_DEADLINE_ID = 'materials';

export function guideLines(data: ProjectData, unit: string, rows: readonly FillRow[]): string[] {
  const { project } = data;
  const deadline = project.deadlines.find((d) => d.id === MATERIALS_DEADLINE_ID);
  const contact = project.contact;
  const leads = rows.filter((r) => r.role === '牵头').length;
  const reach = [
    `联系单位：${contact.office}`,
    contact.person ? `联系人：${contact.person}` : '',
    contact.phone ? `电话：${contact.phone}` : '',
    contact.email ? `电子邮箱：${contact.email}` : '',
    contact.address ? `纸质材料报送：${contact.address}` : '',
  ].filter(Boolean);
  return [
    `${unit}指标数据填报说明`,
    ...(project.sample ? ['（示例数据：本表由示例项目生成，仅用于演示和测试。）'] : []),
    `本表列出${unit}负责的 ${rows.length} 行指标数据（其中牵头 ${leads} 行，其余为配合），请在“${INPUT_SHEET}”工作表中填写。`,
    `1. 白色单元格需要填写；浅灰色为参考信息（序号、指标名称、单位、指标值、本单位职责），深灰色表示该指标不需要填写此项。表中已有的数据来自目前汇总的结果，请核对、更正和补充。`,
    `2. 各年数值只填数字，不带单位和文字：百分比填 85.2，不要填“85.2%”或“约85”。没有的数据请留空，不要填 0。`,
    `3. 指标值为“完成上级规定的……”的指标，请填写上级下达的目标：上级目标符号（从下拉列表选择 ${OP_OPTIONS.join(' ')}）、上级目标数值，并在“上级目标说明”中写明下达目标的文件和文号。`,
    `4. 定性指标（如“制定实施”“建立”“开展”）请从下拉列表选择完成状态（${STATUS_OPTIONS.join('、')}），并在“情况说明”中简述完成情况。`,
    `5. “数据来源”请写明数据出自哪个单位、哪项统计或哪份文件；相应的佐证材料（文件、报告、台账、照片）请一并报送。`,
    `6. 请勿修改工作表名称，勿插入、删除或移动行列：导入时按表头和序号核对，改动后的表格无法导入。`,
    deadline
      ? `7. 请于${deadline.label ?? chineseDate(deadline.date)}前（${deadline.name}）将本表和佐证材料报送${contact.office}。`
      : `7. 请按领导小组办公室的要求按时将本表和佐证材料报送${contact.office}。`,
    ...reach,
  ];
}

export function writeGuideSheet(workbook: ExcelJS.Workbook, data: ProjectData, unit: string, rows: readonly FillRow[]): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = 78;
  sheet.getColumn(1).width = width;
  guideLines(data, unit, rows).forEach((text, k) => {
    const cell = sheet.getCell(`A${k + 1}`);
    cell.value = text;
    const first = k === 0;
    cell.font = first ? { name: '黑体', size: 14 } : { name: '仿宋_GB2312', size: 12 };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: first ? 'center' : 'left' };
    sheet.getRow(k + 1).height = rowHeight(wrappedLines(text, width, first ? 14 : 12), first ? 14 : 12);
  });
}
