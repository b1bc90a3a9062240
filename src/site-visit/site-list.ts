import ExcelJS from 'exceljs';
import { clock, travelBasis } from './geo.ts';
import type { SiteVisitPlan } from './plan.ts';
import { packDate } from './revision.ts';
import { slotLabel } from './route.ts';
import { resolveUnit, stampWorkbook, workbookBytes, type SitePerson } from './shared.ts';

export const SITE_LIST_FILE = '点位清单.xlsx';

/** Width units of a text in a cell: a CJK character counts about two, others one. */
export function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return n;
}

/** Lines a text wraps to in a column of `width` units (exceljs writes no row heights: we compute them). */
export function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / Math.max(1, width - 1))), 0);
}

const person = (p: SitePerson) => [p.name, p.post, p.phone].filter(Boolean).join(' ');

export const THIN = { style: 'thin' } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

/**
 * 点位清单.xlsx: one row per site in visiting order (sites that did not fit last), as the office prints it:
 * A4 landscape, one page wide, the header repeated, row heights computed so wrapped Chinese text shows whole.
 */
export async function renderSiteList(plan: SiteVisitPlan): Promise<Buffer> {
  const { project } = plan.data;
  const workbook = new ExcelJS.Workbook();
  const title = `${project.district.name}${project.programme.title}现场核查点位清单`;
  const date = packDate(plan);
  stampWorkbook(workbook, date, title);
  const sheet = workbook.addWorksheet('点位清单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3', horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const columns: [string, number][] = [
    ['序号', 6], ['编号', 7], ['点位名称', 22], ['地址', 20], ['经度', 10], ['纬度', 10], ['展示指标', 28], ['责任单位', 16],
    ['联系人', 20], ['讲解人', 18], ['停留（分钟）', 8], ['时段', 11], ['站序', 6], ['到达', 8], ['离开', 8], ['佐证材料', 20],
  ];
  sheet.columns = columns.map(([, width]) => ({ width }));
  const last = columns.length;
  sheet.mergeCells(1, 1, 1, last);
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { name: '黑体', size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, last);
  const start = plan.routes.start;
  sheet.getCell(2, 1).value = `${project.sample ? '示例数据 · ' : ''}出发点：${start.name}（${start.lon.toFixed(4)}, ${start.lat.toFixed(4)}）；坐标为 WGS-84 经纬度；${travelBasis(plan.routes.travel)}`;
  sheet.getCell(2, 1).font = { name: '宋体', size: 10, ...(project.sample ? { color: { argb: 'FFC00000' } } : {}) };
  sheet.getRow(2).height = 18;
  const head = sheet.getRow(3);
  columns.forEach(([name], i) => {
    const cell = head.getCell(i + 1);
    cell.value = name;
    cell.font = { name: '黑体', size: 10.5 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  head.height = 32;
  const byNo = new Map(plan.data.indicators.map((i) => [i.no, i]));
  // evidence is named by its title, as in every document
  const titleOf = new Map(plan.data.evidence.map((e) => [e.id, e.title]));
  const rows = [
    ...plan.routes.routes.flatMap((r) => r.stops.map((st) => ({ site: st.site, slot: slotLabel(r.slot), order: String(st.order), arrive: clock(st.arrive), leave: clock(st.leave) }))),
    ...plan.routes.leftOut.map((l) => ({ site: l.site, slot: '未排入', order: '', arrive: '', leave: '' })),
  ];
  rows.forEach((r, i) => {
    const unit = resolveUnit(r.site.unit, project.units);
    const values: (string | number)[] = [
      i + 1, r.site.id, r.site.name, r.site.address, Number(r.site.lon.toFixed(6)), Number(r.site.lat.toFixed(6)),
      r.site.indicators.map((no) => `${no} ${byNo.get(no)?.name ?? ''}`).join('\n'), unit.found ? unit.canonical : r.site.unit,
      person(r.site.contact), person(r.site.guide), r.site.minutes ?? '', r.slot, r.order, r.arrive, r.leave, r.site.evidence.map((id) => titleOf.get(id) ?? id).join('\n'),
    ];
    const row = sheet.getRow(4 + i);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.font = { name: '宋体', size: 10 };
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: [2, 3, 6, 7, 8, 9, 15].includes(c) ? 'left' : 'center' };
      if (c === 4 || c === 5) cell.numFmt = '0.0000';
    });
    const lines = Math.max(...values.map((v, c) => linesIn(String(v), columns[c]![1])));
    row.height = Math.max(20, lines * 14 + 6);
  });
  return workbookBytes(workbook, date);
}
