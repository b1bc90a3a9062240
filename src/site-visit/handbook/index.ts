import { PDFDocument } from 'pdf-lib';
import { clock, travelBasis } from '../geo.ts';
import { FIRST_FIELD_DAY, type SiteVisitPlan } from '../plan.ts';
import { slotLabel, type PlannedRoute } from '../route.ts';
import { coverageText, uncoveredText } from '../coverage.ts';
import { packDate, presentedText } from '../revision.ts';
import { chineseDate, embedFonts, GENERATOR, installLibraryPatches, resolveUnit, setFixedMetadata, type Manifest, type Site } from '../shared.ts';
import { drawSiteCard } from './card.ts';
import { drawRouteMap, projection } from './map.ts';
import { A4, CONTENT_WIDTH, drawFolio, drawTable, drawText, MARGIN, RED, handbookStyles, type HandbookStyles } from './page.ts';
import type { PDFPage } from 'pdf-lib';

export const HANDBOOK_FILE = '现场核查手册.pdf';

export function handbookTitle(plan: SiteVisitPlan): string {
  const { district, programme } = plan.data.project;
  return `${district.name}${programme.title}现场核查手册`;
}

/** 2023年9月12日 for day 1 of a visit with a date, 第1天 otherwise. */
export function dayText(plan: SiteVisitPlan, day: number): string {
  const date = plan.sites.visit.date;
  if (!date) return `第${day}天`;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day - 1);
  return chineseDate(d.toISOString().slice(0, 10));
}

/**
 * 现场核查手册.pdf: a cover with the plan at a glance, one route map per half-day with its timetable, and one
 * card per site. Fixed fonts, dates and identifiers: the same plan gives the same bytes.
 */
export async function renderHandbook(plan: SiteVisitPlan): Promise<Uint8Array> {
  installLibraryPatches();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc, ['body', 'heading', 'label']);
  const s = handbookStyles(fonts);
  const { project } = plan.data;
  const title = handbookTitle(plan);
  setFixedMetadata(doc, {
    title, author: project.district.government, subject: '现场核查点位、路线和点位卡', producer: `${GENERATOR.name} ${GENERATOR.version}`,
    date: packDate(plan), identity: `${project.district.code}/${title}`,
    contentKey: JSON.stringify({ sites: plan.sites, routes: plan.routes.routes.map((r) => r.stops.map((st) => [st.site.id, st.arrive])), v: plan.verdicts.map((v) => v.verdict) }),
  });
  drawCover(doc.addPage([A4.width, A4.height]), plan, s, title);
  let folio = 1;
  const all = plan.sites.sites;
  const proj = projection([plan.routes.start, ...all], { x: MARGIN.left, y: 330, width: CONTENT_WIDTH, height: 400 });
  for (const route of plan.routes.routes) {
    if (!route.stops.length) continue;
    const page = doc.addPage([A4.width, A4.height]);
    drawRoutePage(page, plan, route, s, proj);
    drawFolio(page, folio++, s.small);
  }
  const indicators = new Map(plan.data.indicators.map((i) => [i.no, i]));
  const verdicts = new Map(plan.verdicts.map((v) => [v.no, v]));
  const evidence = new Map(plan.data.evidence.map((e) => [e.id, e]));
  const ordered: { site: Site; route?: PlannedRoute; stop?: PlannedRoute['stops'][number] }[] = [
    ...plan.routes.routes.flatMap((route) => route.stops.map((stop) => ({ site: stop.site, route, stop }))),
    ...plan.routes.leftOut.map((l) => ({ site: l.site })),
  ];
  for (const item of ordered) {
    const page = doc.addPage([A4.width, A4.height]);
    const unit = resolveUnit(item.site.unit, project.units);
    await drawSiteCard(doc, page, {
      ...item, indicators, verdicts, evidence, places: plan.places.bySite.get(item.site.id) ?? [], unit: unit.found ? unit.canonical : item.site.unit,
    }, s);
    drawFolio(page, folio++, s.small);
  }
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

function drawCover(page: PDFPage, plan: SiteVisitPlan, s: HandbookStyles, title: string): void {
  const { project } = plan.data;
  let y = A4.height - 110;
  if (project.sample) {
    const mark = '示例数据 · 非官方材料';
    const w = s.label.font.widthOfTextAtSize(mark, 12) + 24;
    page.drawRectangle({ x: (A4.width - w) / 2, y: y - 6, width: w, height: 24, borderColor: RED, borderWidth: 1.2 });
    drawText(page, mark, MARGIN.left, y + 14, CONTENT_WIDTH, { ...s.label, size: 12, color: RED, align: 'center' });
    y -= 50;
  }
  y = drawText(page, title.replace('现场核查手册', ''), MARGIN.left, y, CONTENT_WIDTH, { ...s.title, size: 20, lineHeight: 30 });
  y = drawText(page, '现场核查手册', MARGIN.left, y - 6, CONTENT_WIDTH, s.title) - 16;
  const routes = plan.routes.routes.filter((r) => r.stops.length);
  const planned = routes.reduce((n, r) => n + r.stops.length, 0);
  const cov = plan.coverage;
  const lines = [
    `${presentedText(plan.presented)}`,
    `核查日期：${dayText(plan, 1)}座谈会，现场核查 ${plan.days} 天（${dayText(plan, FIRST_FIELD_DAY)}起）${plan.sites.visit.date ? '' : '，日期待定'}`,
    `出发点：${plan.routes.start.name}`,
    `迎检点位 ${plan.sites.sites.length} 个，排入路线 ${planned} 个，路线 ${routes.length} 条（每半天一条）`,
    coverageText(cov),
  ];
  for (const line of lines) y = drawText(page, line, MARGIN.left + 30, y, CONTENT_WIDTH - 60, s.body) - 2;
  for (const u of cov.uncovered) y = drawText(page, `未覆盖：${uncoveredText(u)}`, MARGIN.left + 30, y, CONTENT_WIDTH - 60, { ...s.body, color: RED }) - 2;
  y -= 12;
  y = drawText(page, '路线一览', MARGIN.left, y, CONTENT_WIDTH, s.subheading) - 2;
  const rows = routes.map((r) => [
    slotLabel(r.slot), `${clock(r.slot.start)}—${clock(r.back)}`, r.stops.map((st) => st.site.id).join('→'),
    `${r.drivingMinutes} 分钟 / ${r.distanceKm.toFixed(1)} 公里`,
  ]);
  y = drawTable(page, MARGIN.left, y, [
    { title: '时段', width: 80, align: 'center' }, { title: '出发—返回', width: 90, align: 'center' },
    { title: '点位顺序', width: CONTENT_WIDTH - 290 }, { title: '车程', width: 120, align: 'center' },
  ], rows, { ...s.body, size: 9.5, lineHeight: 14 }, { ...s.label, size: 9.5 }) - 14;
  const t = plan.routes.travel;
  const notes = [
    `${travelBasis(t)}，按整分钟向上取整；路线图为示意图，直线只表示先后顺序，不代表实际道路。`,
    plan.places.source === 'manifest'
      ? `佐证材料位置：汇编页码取自第${plan.presented!.revision}版申报材料包，与汇编各页所印页码一致${insertedExample(plan.presented!.manifest)}。`
      : '佐证材料位置：按汇编分册规划推算，“指标N 第k页”即汇编中该指标佐证材料页眉所标的页次；生成申报材料包后再运行本命令，可同时给出汇编页码。',
    '点位卡上的二维码为点位坐标（geo 格式，WGS-84），可用手机扫码在地图中查看。',
  ];
  for (const n of notes) y = drawText(page, n, MARGIN.left, y, CONTENT_WIDTH, s.small) - 3;
  drawText(page, project.district.government, MARGIN.left, 120, CONTENT_WIDTH, { ...s.body, size: 13, lineHeight: 20, align: 'center' });
  drawText(page, chineseDate(packDate(plan)), MARGIN.left, 98, CONTENT_WIDTH, { ...s.body, size: 12, lineHeight: 18, align: 'center' });
}

/** （插页如 15-1）with an inserted page the presented annex really prints, or nothing when it has none. */
function insertedExample(manifest: Manifest): string {
  for (const file of manifest.files) {
    for (const e of file.contents?.flatMap((c) => c.evidence) ?? []) {
      const label = [e.printed?.first, e.printed?.last].find((l) => l?.includes('-'));
      if (label) return `（插页如 ${label}）`;
    }
  }
  return '';
}

function drawRoutePage(page: PDFPage, plan: SiteVisitPlan, route: PlannedRoute, s: HandbookStyles, proj: ReturnType<typeof projection>): void {
  let y = A4.height - MARGIN.top;
  y = drawText(page, `路线图　${slotLabel(route.slot)}（${dayText(plan, route.slot.day)}，${clock(route.slot.start)}—${clock(route.back)}）`, MARGIN.left, y, CONTENT_WIDTH, s.heading);
  drawText(page, `${route.stops.length} 个点位 · 车程约 ${route.drivingMinutes} 分钟、${route.distanceKm.toFixed(1)} 公里 · 现场停留 ${route.siteMinutes} 分钟 · 本时段截至 ${clock(route.slot.end)}`, MARGIN.left, y, CONTENT_WIDTH, { ...s.small, size: 9.5 });
  drawRouteMap(page, { x: MARGIN.left, y: 330, width: CONTENT_WIDTH, height: 400 }, proj, plan.routes.start, plan.sites.sites, route, s);
  const rows = [
    ['出发', plan.routes.start.name, '', '', clock(route.slot.start), ''],
    ...route.stops.map((st) => [String(st.order), `${st.site.id} ${st.site.name}`, `${st.travelMinutes} 分钟 / ${st.distanceKm.toFixed(1)} 公里`, clock(st.arrive), clock(st.leave), `${st.leave - st.arrive} 分钟`]),
    ['返回', plan.routes.start.name, `${route.returnMinutes} 分钟 / ${route.returnKm.toFixed(1)} 公里`, clock(route.back), '', ''],
  ];
  drawTable(page, MARGIN.left, 318, [
    { title: '站', width: 34, align: 'center' }, { title: '点位', width: CONTENT_WIDTH - 290 }, { title: '车程', width: 100, align: 'center' },
    { title: '到达', width: 48, align: 'center' }, { title: '离开', width: 48, align: 'center' }, { title: '停留', width: 60, align: 'center' },
  ], rows, { ...s.body, size: 9, lineHeight: 13 }, { ...s.label, size: 9, lineHeight: 13 });
}
