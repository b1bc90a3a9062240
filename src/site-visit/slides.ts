import JSZip from 'jszip';
import pptxgenjs from 'pptxgenjs';
import type * as PptxModule from 'pptxgenjs';
import type { SiteVisitPlan } from './plan.ts';
import { routeSummary } from './route.ts';
import { coverageText, uncoveredText } from './coverage.ts';
import { chineseDate, formatShare, GENERATOR, normalizeOfficeZip, resolveUnit, shareOf, type ProjectData, type Verdict, type VerdictKind } from './shared.ts';
import { wordsOf } from '../common/index.ts';
import { packDate, presentedText } from './revision.ts';
import { CELL_MARGIN, DOMAIN_COLUMNS, tablePages } from './slide-table.ts';

export const SLIDES_FILE = '汇报演示.pptx';

/**
 * Fonts named in every run (latin, ea and cs slots, as pptxgenjs writes them) and in the theme (its East Asian
 * slot too, which pptxgenjs leaves empty), so PowerPoint and WPS on a Chinese Windows show 黑体/微软雅黑 and
 * never fall back to a Latin theme font.
 */
export const SLIDE_FONTS = { heading: '黑体', body: '微软雅黑' } as const;

const COLORS: Record<VerdictKind, string> = { 达标: '2E7D32', 未达标: 'C62828', 待补充: 'EF6C00', 不涉及: '7F7F7F' };
const KINDS = ['达标', '未达标', '待补充'] as const;
const DARK = '1F3864';

/** Counts of verdicts by attribute: 约束性 met x of 19, 参考性 met y of 16. */
export function resultCounts(plan: Pick<SiteVisitPlan, 'data' | 'verdicts'>) {
  const verdicts = new Map(plan.verdicts.map((v) => [v.no, v]));
  const of = (attribute: '约束性' | '参考性') => {
    // an indicator marked 不涉及 is not counted (as in the 申报条件)
    const list = plan.data.indicators.filter((i) => i.attribute === attribute && verdicts.get(i.no)?.verdict !== '不涉及');
    const count = (k: VerdictKind) => list.filter((i) => verdicts.get(i.no)?.verdict === k).length;
    return { total: list.length, 达标: count('达标'), 未达标: count('未达标'), 待补充: count('待补充') };
  };
  return { binding: of('约束性'), reference: of('参考性') };
}

const notApplicable = (all: number, counts: ReturnType<typeof resultCounts>) => {
  const n = all - counts.binding.total - counts.reference.total;
  return n > 0 ? `，不涉及 ${n} 项` : '';
};

/**
 * The responsible units (责任单位) of the project, each once under its canonical name: those 附件1 gives an
 * indicator to, as the report's 部门分工 counts them (a unit registered in project.yaml that leads or shares no
 * indicator, such as 区委宣传部, is none; nor are the leading group's members, who are persons).
 */
export function responsibleUnits(data: Pick<ProjectData, 'indicators' | 'project'>): string[] {
  const names = new Set<string>();
  for (const ind of data.indicators) {
    for (const u of ind.units) {
      const resolved = resolveUnit(u, data.project.units);
      names.add(resolved.found ? resolved.canonical : u);
    }
  }
  return [...names];
}

/** The report's 基本情况 (narrative/基本情况.txt, or project.yaml's district.profile) in paragraphs, as the report prints them. */
export function narrativeParagraphs(data: Pick<ProjectData, 'narrative'>): string[] {
  const textOf = data.narrative?.['基本情况']?.text ?? '';
  // a line break inside a paragraph of the .txt is no break in the report; spaces between Chinese characters go
  return textOf.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, '').replace(/([\u3000-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])/g, '$1').trim()).filter(Boolean);
}

const BASIC_FONT_PT = 15;
/** Text box of the 基本情况 slide: 9 × 4.1 inches; characters of 15 pt on a line, lines in the box (1.2 spacing, room for paragraph gaps). */
const BASIC_CHARS_PER_LINE = Math.floor((9 * 72 - 14) / BASIC_FONT_PT);
const BASIC_LINES = Math.floor((4.1 * 72 - 14) / (BASIC_FONT_PT * 1.2 * 1.2)) - 1;

/** Lines a paragraph takes (a Latin letter or digit half a Chinese character), a bullet's indent counted. */
function linesOf(text: string, indent = 0): number {
  const width = [...text].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 0.55 : 1), 0);
  return Math.max(1, Math.ceil(width / (BASIC_CHARS_PER_LINE - indent)));
}

/**
 * The 基本情况 slides: the narrative's paragraphs, whole, on as many slides as they need, then the facts as
 * bullets on the last. Nothing is cut or shrunk past reading: a paragraph longer than a slide gets one of its own.
 */
export function basicSlides(paragraphs: readonly string[], facts: readonly string[]): { paragraphs: string[]; facts: string[] }[] {
  const pages: { paragraphs: string[]; facts: string[]; lines: number }[] = [{ paragraphs: [], facts: [], lines: 0 }];
  for (const p of paragraphs) {
    const lines = linesOf(p) + 1;
    const last = pages.at(-1)!;
    if (last.lines > 0 && last.lines + lines > BASIC_LINES) pages.push({ paragraphs: [p], facts: [], lines });
    else {
      last.paragraphs.push(p);
      last.lines += lines;
    }
  }
  const factLines = facts.reduce((n, f) => n + linesOf(f, 2), 0);
  if (pages.at(-1)!.lines > 0 && pages.at(-1)!.lines + factLines > BASIC_LINES) pages.push({ paragraphs: [], facts: [], lines: 0 });
  pages.at(-1)!.facts.push(...facts);
  return pages.map(({ paragraphs: p, facts: f }) => ({ paragraphs: p, facts: f }));
}

const text = (s: string, options: PptxModule.default.TextPropsOptions = {}): PptxModule.default.TextProps => ({ text: s, options });

/** 汇报演示.pptx: title, 基本情况, the results by attribute, one slide per 领域, problems and next steps, the visit plan. */
export async function renderSlides(plan: SiteVisitPlan): Promise<Buffer> {
  const { project, indicators } = plan.data;
  const { district, programme } = project;
  // the package's types are CommonJS-shaped; under ESM its default export is the class itself
  const PptxGenJS = pptxgenjs as unknown as typeof PptxModule.default.default;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.theme = { headFontFace: SLIDE_FONTS.heading, bodyFontFace: SLIDE_FONTS.body };
  pptx.title = `${district.name}${programme.title}创建工作汇报`;
  pptx.author = district.government;
  pptx.company = district.government;
  pptx.subject = '现场核查座谈会汇报演示';
  const verdicts = new Map(plan.verdicts.map((v) => [v.no, v]));
  const mark = project.sample ? '示例数据 · 非官方数据' : '';
  let n = 0;
  const slide = (title: string) => {
    const s = pptx.addSlide();
    n++;
    s.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: 10, h: 0.75, fill: { color: DARK } });
    s.addText(title, { x: 0.4, y: 0.08, w: 8, h: 0.6, fontFace: SLIDE_FONTS.heading, fontSize: 22, color: 'FFFFFF' });
    if (mark) s.addText(mark, { x: 7.2, y: 0.2, w: 2.6, h: 0.35, fontFace: SLIDE_FONTS.body, fontSize: 10, color: 'FFC7CE', align: 'right' });
    s.addText(`${n}`, { x: 9.2, y: 5.2, w: 0.6, h: 0.3, fontFace: SLIDE_FONTS.body, fontSize: 9, color: '808080', align: 'right' });
    return s;
  };

  // 1. title
  const cover = pptx.addSlide();
  n++;
  cover.background = { color: DARK };
  cover.addText(`${district.name}\n${programme.title}创建工作汇报`, { x: 0.5, y: 1.3, w: 9, h: 1.8, fontFace: SLIDE_FONTS.heading, fontSize: 34, color: 'FFFFFF', align: 'center', valign: 'middle' });
  cover.addText(`${district.government}\n${chineseDate(packDate(plan))}`, { x: 0.5, y: 3.4, w: 9, h: 0.9, fontFace: SLIDE_FONTS.body, fontSize: 16, color: 'D9E1F2', align: 'center' });
  cover.addText(presentedText(plan.presented), { x: 0.5, y: 4.25, w: 9, h: 0.35, fontFace: SLIDE_FONTS.body, fontSize: 12, color: 'D9E1F2', align: 'center' });
  if (mark) cover.addText(mark, { x: 3, y: 4.75, w: 4, h: 0.4, fontFace: SLIDE_FONTS.body, fontSize: 12, color: 'FFC7CE', align: 'center' });

  // 2. 基本情况: the report's own narrative (narrative/基本情况.txt), in whole paragraphs over as many slides as it takes
  const counts = resultCounts(plan);
  const group = project.leadingGroup;
  const facts = [
    `成立以${group.leader.post}${group.leader.name}为组长的创建工作领导小组，办公室设在${group.office.location}；${responsibleUnits(plan.data).length} 个责任单位分工负责 ${plan.data.indicators.length} 项指标。`,
    // the counts leave out what is 不涉及 (as the 申报条件 does); said, so the parts add up to the whole
    `对照${programme.title}建设指标，${wordsOf(district).we}共 ${indicators.length} 项指标：约束性 ${counts.binding.total} 项，参考性 ${counts.reference.total} 项${notApplicable(indicators.length, counts)}。`,
    `现状年 ${programme.currentYear} 年，基准年 ${programme.baselineYear} 年；申报${programme.batch}。`,
  ];
  const pages = basicSlides(narrativeParagraphs(plan.data), facts);
  pages.forEach((page, k) => {
    const basic = slide(k === 0 ? '基本情况' : '基本情况（续）');
    basic.addText(
      [
        ...page.paragraphs.map((p) => text(p, { breakLine: true, paraSpaceAfter: 10 })),
        ...page.facts.map((f, i) => text(f, { bullet: true, ...(i < page.facts.length - 1 ? { breakLine: true } : {}) })),
      ],
      { x: 0.5, y: 1.0, w: 9, h: 4.1, fontFace: SLIDE_FONTS.body, fontSize: BASIC_FONT_PT, color: '262626', valign: 'top', lineSpacingMultiple: 1.2 },
    );
  });

  // 3. results by attribute
  const results = slide('指标达标情况');
  results.addText(
    [
      text(`约束性达标 ${counts.binding.达标}/${counts.binding.total} 项`, { fontSize: 22, bold: true, color: counts.binding.达标 === counts.binding.total ? COLORS.达标 : COLORS.未达标, breakLine: true }),
      text(`参考性达标 ${counts.reference.达标}/${counts.reference.total} 项（${formatShare(shareOf(counts.reference.达标, counts.reference.total))}）`, { fontSize: 22, bold: true, color: DARK, breakLine: true }),
      text(`未达标 ${counts.binding.未达标 + counts.reference.未达标} 项，待补充 ${counts.binding.待补充 + counts.reference.待补充} 项（数据或佐证材料尚缺）`, { fontSize: 15, color: '404040' }),
    ],
    { x: 0.3, y: 1.0, w: 4.9, h: 3.8, fontFace: SLIDE_FONTS.body, valign: 'middle', lineSpacingMultiple: 1.4 },
  );
  results.addChart(pptx.ChartType.bar, KINDS.map((k) => ({ name: k, labels: ['约束性', '参考性'], values: [counts.binding[k], counts.reference[k]] })), {
    x: 5.1, y: 0.95, w: 4.6, h: 4.3, barDir: 'col', barGrouping: 'stacked', chartColors: KINDS.map((k) => COLORS[k]),
    showLegend: true, legendPos: 'b', legendFontFace: SLIDE_FONTS.body, legendFontSize: 11, catAxisLabelFontFace: SLIDE_FONTS.body,
    catAxisLabelFontSize: 12, valAxisLabelFontFace: SLIDE_FONTS.body, valAxisLabelFontSize: 10, showValue: true, dataLabelFontFace: SLIDE_FONTS.body,
    dataLabelColor: 'FFFFFF', dataLabelFontSize: 11, valAxisMajorUnit: 5, dataLabelFormatCode: '0;;;',
  });

  // 4. one slide per 领域 (more where its table, every text whole, does not fit one)
  for (const domain of project ? plan.data.catalog.domains : []) {
    const inds = indicators.filter((i) => i.domain === domain.name);
    const header = ['序号', '指标名称', '属性', '指标值', '现状值', '达标情况'];
    const cellsOf = (ind: (typeof inds)[number]): [string, string, string, string, string, string] => {
      const v = verdicts.get(ind.no);
      return [String(ind.no), ind.name, ind.attribute, ind.target, currentCell(v), v?.verdict ?? '—'];
    };
    const layout = tablePages(header, inds, cellsOf);
    const inDomain = (k: VerdictKind) => inds.filter((i) => verdicts.get(i.no)?.verdict === k).length;
    layout.pages.forEach((part, k) => {
      const s = slide(k === 0 ? `${domain.name}（${inds.length} 项指标）` : `${domain.name}（续）`);
      const rows: PptxModule.default.TableRow[] = [
        header.map((h) => ({ text: h, options: { bold: true, fill: { color: 'D9E1F2' }, align: 'center' as const } })),
        ...part.map((ind) => {
          const v = verdicts.get(ind.no);
          const [no, name, attribute, target, current, verdict] = cellsOf(ind);
          return [
            { text: no, options: { align: 'center' as const } }, { text: name }, { text: attribute, options: { align: 'center' as const } },
            { text: target }, { text: current },
            { text: verdict, options: { color: v ? COLORS[v.verdict] : '000000', bold: true, align: 'center' as const } },
          ];
        }),
      ];
      s.addTable(rows, { x: 0.3, y: 0.95, w: 6.9, colW: [...DOMAIN_COLUMNS], fontFace: SLIDE_FONTS.body, fontSize: layout.size, border: { type: 'solid', pt: 0.5, color: 'A6A6A6' }, valign: 'middle', margin: CELL_MARGIN });
      if (k > 0) return;
      s.addChart(pptx.ChartType.doughnut, [{ name: domain.name, labels: [...KINDS], values: KINDS.map(inDomain) }], {
        x: 7.3, y: 1.0, w: 2.5, h: 3.2, chartColors: KINDS.map((c) => COLORS[c]), showLegend: true, legendPos: 'b', legendFontFace: SLIDE_FONTS.body,
        legendFontSize: 10, showValue: true, showPercent: false, dataLabelFormatCode: '0;;;', dataLabelFontFace: SLIDE_FONTS.body, dataLabelColor: 'FFFFFF', dataLabelFontSize: 11, holeSize: 50,
      });
      s.addText(`达标 ${inDomain('达标')}/${inds.length}`, { x: 7.3, y: 4.3, w: 2.5, h: 0.4, fontFace: SLIDE_FONTS.body, fontSize: 14, bold: true, color: DARK, align: 'center' });
    });
  }

  // problems and next steps
  const problems = plan.verdicts.filter((v) => v.verdict !== '达标');
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const next = slide('存在问题和下一步工作');
  next.addText(
    [
      text('存在问题', { bold: true, fontSize: 16, color: DARK, breakLine: true }),
      ...(problems.length ? problems : []).map((v) => text(`指标${v.no} ${byNo.get(v.no)?.name}：${v.verdict}（${v.reason}）`, { bullet: true, breakLine: true, fontSize: 12 })),
      ...(problems.length ? [] : [text('各项指标均已达标。', { bullet: true, breakLine: true, fontSize: 12 })]),
      text('下一步工作', { bold: true, fontSize: 16, color: DARK, breakLine: true, paraSpaceBefore: 8 }),
      text('对未达标指标制定整改措施，明确责任单位和完成时限，持续跟踪。', { bullet: true, breakLine: true, fontSize: 12 }),
      text('待补充指标的数据和佐证材料由责任单位限期补齐，按核查组意见完备材料。', { bullet: true, breakLine: true, fontSize: 12 }),
      text('巩固创建成果，开展年度自评，接受动态监管。', { bullet: true, fontSize: 12 }),
    ],
    { x: 0.5, y: 0.95, w: 9, h: 4.3, fontFace: SLIDE_FONTS.body, color: '262626', valign: 'top', lineSpacingMultiple: 1.15 },
  );

  // the visit
  const visit = slide('现场核查安排');
  const routes = plan.routes.routes.filter((r) => r.stops.length);
  visit.addText(
    [
      ...routes.map((r) => text(routeSummary(r).replace(/（示例）/g, ''), { bullet: true, breakLine: true })),
      ...plan.coverage.uncovered.map((u) => text(uncoveredText(u), { bullet: true, breakLine: true, color: COLORS.未达标 })),
      text(`${coverageText(plan.coverage)}。`, { bullet: true }),
    ],
    { x: 0.5, y: 0.95, w: 9, h: 4.3, fontFace: SLIDE_FONTS.body, fontSize: 13, color: '262626', valign: 'top', lineSpacingMultiple: 1.2 },
  );

  const written = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return normalizePptx(written, packDate(plan));
}

/** An indicator's current value for its table cell, whole: its sub-indicators' values joined by “；”. */
export function currentCell(v: Verdict | undefined): string {
  return v ? v.currentText.replace(/\n/g, '；') : '—';
}

/**
 * pptxgenjs writes the current time (core.xml, and the zip of every chart's embedded workbook) and leaves the
 * theme's East Asian fonts empty: the embedded workbooks are re-packed with the fixed date, the theme gets
 * 黑体/微软雅黑 in its ea slots and the application name ours, then the whole is normalised.
 */
async function normalizePptx(bytes: Uint8Array, date: string): Promise<Buffer> {
  const zip = await renumberCharts(await JSZip.loadAsync(bytes));
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/embeddings\/.*\.xlsx$/.test(n)).sort()) {
    const inner = await zip.file(name)!.async('uint8array');
    const innerZip = await JSZip.loadAsync(inner);
    const core = innerZip.file('docProps/core.xml');
    if (core) innerZip.file('docProps/core.xml', (await core.async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${date}T00:00:00Z$2`));
    zip.file(name, await normalizeOfficeZip(await innerZip.generateAsync({ type: 'uint8array' }), date));
  }
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/theme\/theme\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml
      .replace(/(<a:majorFont>[\s\S]*?)<a:ea typeface="[^"]*"\/>/, `$1<a:ea typeface="${SLIDE_FONTS.heading}"/>`)
      .replace(/(<a:minorFont>[\s\S]*?)<a:ea typeface="[^"]*"\/>/, `$1<a:ea typeface="${SLIDE_FONTS.body}"/>`));
  }
  const app = zip.file('docProps/app.xml');
  if (app) zip.file('docProps/app.xml', (await app.async('string')).replace(/<Application>[^<]*<\/Application>/, `<Application>${GENERATOR.name}</Application>`));
  return normalizeOfficeZip(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }), date);
}

/**
 * pptxgenjs numbers charts with a counter that lives as long as the process (chart15.xml in the second
 * presentation made): the charts and their workbooks are numbered from 1 again, in their order, in names and
 * in every reference to them.
 */
async function renumberCharts(zip: JSZip): Promise<JSZip> {
  const numbers = [...new Set(Object.keys(zip.files).flatMap((n) => /^ppt\/charts\/chart(\d+)\.xml$/.exec(n)?.[1] ?? []).map(Number))].sort((a, b) => a - b);
  const to = new Map(numbers.map((n, i) => [n, i + 1]));
  if (numbers.every((n, i) => n === i + 1)) return zip;
  const rename = (text: string) =>
    text.replace(/(chart|Microsoft_Excel_Worksheet)(\d+)(\.xml|\.xlsx)/g, (all, stem: string, n: string, ext: string) => (to.has(Number(n)) ? `${stem}${to.get(Number(n))}${ext}` : all));
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    const target = rename(name);
    if (/\.(xml|rels)$/.test(name)) out.file(target, rename(await entry.async('string')));
    else out.file(target, await entry.async('uint8array'));
  }
  return out;
}
