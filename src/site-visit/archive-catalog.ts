import ExcelJS from 'exceljs';
import { pageCount } from './annex-places.ts';
import type { SiteVisitPlan } from './plan.ts';
import { packDate } from './revision.ts';
import { BORDER, linesIn } from './site-list.ts';
import { chineseDate, stampWorkbook, workbookBytes, type PlacedIndicator } from './shared.ts';

export const ARCHIVE_CATALOG_FILE = '指标数据档案目录.xlsx';

/**
 * 指标数据档案目录.xlsx, for the 资料组's archive: one 档案盒 per indicator in 附件1 order.
 * - 卷内目录: per box, its evidence items (序号, 文号, 责任者, 题名, 日期, 页数, 页号 — pages counted from the
 *   files, 1-based inside the box), indicators without material marked so;
 * - 盒脊: the spine labels, six to an A4 landscape page, with the box number, the indicator and its lead unit.
 */
export async function renderArchiveCatalog(plan: SiteVisitPlan): Promise<Buffer> {
  const { project, indicators, evidence } = plan.data;
  const workbook = new ExcelJS.Workbook();
  const title = `${project.district.name}${project.programme.title}指标数据档案目录`;
  const date = packDate(plan);
  stampWorkbook(workbook, date, title);
  const counts = new Map<string, number | undefined>();
  for (const e of evidence) counts.set(e.id, await pageCount(e.absPath, e.type));

  const sheet = workbook.addWorksheet('卷内目录', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3', horizontalCentered: true },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const columns: [string, number][] = [['序号', 6], ['文号', 20], ['责任者', 20], ['题名', 40], ['日期', 14], ['页数', 6], ['页号', 9], ['备注', 10]];
  sheet.columns = columns.map(([, width]) => ({ width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = `${title}（卷内目录）`;
  sheet.getCell(1, 1).font = { name: '黑体', size: 15 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 44;
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value = `${project.sample ? '示例数据 · ' : ''}每个指标一个档案盒，按附件1顺序；页号为盒内页次；编制日期 ${chineseDate(date)}`;
  sheet.getCell(2, 1).font = { name: '宋体', size: 10, ...(project.sample ? { color: { argb: 'FFC00000' } } : {}) };
  const head = sheet.getRow(3);
  columns.forEach(([name], i) => {
    const cell = head.getCell(i + 1);
    cell.value = name;
    cell.font = { name: '黑体', size: 10.5 };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  head.height = 22;
  let r = 4;
  indicators.forEach((ind, box) => {
    sheet.mergeCells(r, 1, r, columns.length);
    const group = sheet.getCell(r, 1);
    group.value = `${boxNo(box)}　指标${ind.no} ${ind.name}（${ind.attribute}；牵头：${ind.units[0]}）`;
    group.font = { name: '黑体', size: 10.5 };
    group.alignment = { vertical: 'middle', wrapText: true };
    for (let c = 1; c <= columns.length; c++) sheet.getCell(r, c).border = BORDER;
    sheet.getRow(r).height = 22;
    r++;
    const items = evidence.filter((e) => e.indicators.includes(ind.no));
    let page = 1;
    if (items.length === 0) {
      sheet.mergeCells(r, 1, r, columns.length);
      sheet.getCell(r, 1).value = '（暂无材料，待补充）';
      sheet.getCell(r, 1).font = { name: '宋体', size: 10, color: { argb: 'FFC00000' } };
      for (let c = 1; c <= columns.length; c++) sheet.getCell(r, c).border = BORDER;
      r++;
    }
    items.forEach((e, i) => {
      const pages = counts.get(e.id);
      const pageText = pages === undefined ? '—' : pages === 1 ? `${page}` : `${page}—${page + pages - 1}`;
      const values: (string | number)[] = [i + 1, e.docNo ?? '', e.issuer, e.title, chineseDate(e.date), pages ?? '—', pageText, e.kind];
      values.forEach((v, c) => {
        const cell = sheet.getCell(r, c + 1);
        cell.value = v;
        cell.font = { name: '宋体', size: 10 };
        cell.border = BORDER;
        cell.alignment = { vertical: 'middle', wrapText: true, horizontal: c === 1 || c === 2 || c === 3 ? 'left' : 'center' };
      });
      sheet.getRow(r).height = Math.max(20, Math.max(...values.map((v, c) => linesIn(String(v), columns[c]![1]))) * 14 + 6);
      if (pages !== undefined) page += pages;
      r++;
    });
  });
  spineSheet(workbook, plan, indicators);
  return workbookBytes(workbook, date);
}

const boxNo = (index: number) => `第${String(index + 1).padStart(2, '0')}盒`;

/** A4 landscape: its height, and the margins of the 盒脊 sheet (inches, as the sheet's page setup takes them). */
const LANDSCAPE_HEIGHT_PT = 595.3;
export const SPINE_MARGINS = { left: 0.4, right: 0.4, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 } as const;

/** The rows of a spine label, top to bottom, in points: together one printed page high with room to spare. */
export const SPINE_ROWS = [
  { height: 44, size: 12, font: '黑体' },
  { height: 24, size: 14, font: '黑体' },
  { height: 24, size: 14, font: '黑体' },
  { height: 330, size: 0, font: '黑体', vertical: true },
  { height: 64, size: 10, font: '宋体' },
  { height: 22, size: 11, font: '宋体' },
] as const;

/** Points a page of the 盒脊 sheet holds between its margins: every spine label must fit in it. */
export const SPINE_PAGE_PT = LANDSCAPE_HEIGHT_PT - (SPINE_MARGINS.top + SPINE_MARGINS.bottom) * 72;

/** 盒脊: labels for the spines of the 档案盒, 4 cm wide, six to a page, each whole on its page. */
function spineSheet(workbook: ExcelJS.Workbook, plan: SiteVisitPlan, indicators: readonly PlacedIndicator[]): void {
  const { project } = plan.data;
  const sheet = workbook.addWorksheet('盒脊', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { ...SPINE_MARGINS } },
  });
  const PER_PAGE = 6;
  // label columns 20 wide (about 4 cm), 3-wide gaps between them
  sheet.columns = Array.from({ length: PER_PAGE * 2 - 1 }, (_, i) => ({ width: i % 2 ? 3 : 20 }));
  const texts = [
    () => `${project.district.shortName}生态文明建设示范区创建档案`,
    (_: PlacedIndicator, i: number) => boxNo(i),
    (ind: PlacedIndicator) => `指标${ind.no}`,
    (ind: PlacedIndicator) => ind.name,
    (ind: PlacedIndicator) => `牵头：${ind.units[0]}`,
    () => `${project.programme.year}年`,
  ];
  const rows = SPINE_ROWS.map((row, k) => ({ ...row, text: texts[k]! }));
  let top = 1;
  for (let start = 0; start < indicators.length; start += PER_PAGE) {
    const group = indicators.slice(start, start + PER_PAGE);
    rows.forEach((spec, k) => {
      const row = sheet.getRow(top + k);
      row.height = spec.height;
      group.forEach((ind, j) => {
        const cell = row.getCell(1 + j * 2);
        cell.value = spec.text(ind, start + j);
        // vertical names: as large as fits the spine's height (16 pt at most)
        cell.font = { name: spec.font, size: spec.size || Math.min(16, Math.floor((spec.height - 16) / ([...ind.name].length * 1.6))) };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true, ...('vertical' in spec && spec.vertical ? { textRotation: 'vertical' as const } : {}) };
        cell.border = BORDER;
      });
    });
    top += rows.length;
    // each page six whole labels: the next six start on a new page
    if (start + PER_PAGE < indicators.length) sheet.getRow(top - 1).addPageBreak();
  }
}
