import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { reviseBundle, type ReviseResult } from '../../src/revise/revise.ts';
import type { Manifest } from '../../src/model/index.ts';
import { run } from '../helpers/cli.ts';
import { haveTools } from '../helpers/tools.ts';
import { readXlsx } from '../helpers/xlsx-xml.ts';
import { pdftotext, SAMPLE } from './helpers.ts';

/**
 * One judged state per revision: after r1 → r2 → r3 the 现场核查 pack presents, by default, the newest revision
 * made by the visit's date (r2), and r3 when asked (the rounds it answers laid over the project); it says so on its covers, and every page it cites into the annex is the label the annex
 * prints (15-1 for an inserted page), as 附件1's 材料清单 cites it too.
 */

let out: string;
let r1: BuildResult;
let r3: ReviseResult;
let latest: { code: number; stdout: string };
let byVisit: { code: number; stdout: string };
let byVisitCover: string;
let first: { code: number; stdout: string };
const firstOut = () => path.join(out, 'from-r1');

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-site-revision-'));
  r1 = await buildBundle(SAMPLE, { outDir: out });
  const r2 = await reviseBundle(SAMPLE, { from: r1.zip!, outDir: out });
  r3 = await reviseBundle(SAMPLE, { from: r2.bundleDir!, outDir: out });
  // without --from: the newest bundle made by the visit's date (2023-09-12) is r2; r3 (09-28) answers the visit
  byVisit = await run('site-visit', SAMPLE, '--out', out, '--json');
  byVisitCover = (await slideText(path.join(out, '现场核查', '汇报演示.pptx')))[0]!;
  latest = await run('site-visit', SAMPLE, '--out', out, '--from', r3.bundleDir!, '--json');
  first = await run('site-visit', SAMPLE, '--out', firstOut(), '--from', r1.bundleDir!, '--json');
}, 600_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function slideText(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  const texts: string[] = [];
  for (const n of names) {
    const xml = await zip.file(n)!.async('string');
    texts.push([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join('\n'));
  }
  return texts;
}

/** 指标26's row on its 领域 slide: its current value and verdict. */
const row26 = (slides: string[]) => {
  const slide = slides.find((s) => s.includes('农村生活污水治理率'))!;
  const lines = slide.split('\n');
  const at = lines.indexOf('农村生活污水治理率');
  return lines.slice(at, at + 5).join(' ');
};

describe('site-visit after r1 → r2 → r3', () => {
  it('without --from presents the newest revision made by the visit\'s date, and says so: r2, not r3 (which answers the visit)', () => {
    expect(r3.ok).toBe(true);
    expect(r3.manifest!.generatedAt > '2023-09-12').toBe(true);
    expect(byVisit.code).toBe(0);
    const json = JSON.parse(byVisit.stdout);
    expect(json.presented).toMatchObject({ revision: 2, bundle: '兖州区-国家生态文明建设示范区申报材料-r2' });
    expect(json.warnings.map((w: { code: string }) => w.code)).not.toContain('site-visit-before-presented');
    expect(byVisitCover).toMatch(/依据第2版申报材料（2023年\d+月\d+日）/);
  });

  it('--from r3 presents r3, and says so', () => {
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.stdout).presented).toMatchObject({ revision: 3, bundle: '兖州区-国家生态文明建设示范区申报材料-r3' });
  });

  it('its slides show r3\'s figures, as r3\'s manifest records them, never r1\'s', async () => {
    const slides = await slideText(path.join(out, '现场核查', '汇报演示.pptx'));
    const m3 = r3.manifest!;
    const i26 = m3.indicators.find((i) => i.no === 26)!;
    expect(i26.verdict).toBe('达标');
    expect(row26(slides)).toContain(i26.current);
    expect(row26(slides)).toContain('达标');
    expect(slides.join('\n')).not.toContain('46.3');
    // r3's 参考性 count, with the one rounding rule: 14/16 = 87.5 %
    expect(slides.join('\n')).toContain('参考性达标 14/16 项（87.5%）');
    expect(slides[0]).toContain('依据第3版申报材料（');
  });

  it('slide 基本情况 is the report\'s narrative, and counts the responsible units', async () => {
    const slides = await slideText(path.join(out, '现场核查', '汇报演示.pptx'));
    const basic = slides.find((s) => s.startsWith('基本情况'))!;
    const narrative = readFileSync(path.join(SAMPLE, 'narrative', '基本情况.txt'), 'utf8').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ''));
    for (const p of narrative) expect(basic.replace(/\s+/g, '')).toContain(p);
    expect(basic).not.toContain('待补充');
    expect(basic).not.toContain('district.profile');
    // the units 附件1 gives indicators to, as the report's 部门分工 counts them (区委宣传部 is registered, leads none)
    const docx = await JSZip.loadAsync(readFileSync(path.join(r1.bundleDir!, '申报报告.docx')));
    const report = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const units = Number(/逐项分解到(\d+)个责任单位/.exec(report)![1]);
    expect(units).toBe(14);
    expect(basic).toContain(`${units} 个责任单位分工负责 35 项指标`);
  });

  it('--from presents the revision given: r1 has 指标26 未达标', async () => {
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).presented).toMatchObject({ revision: 1 });
    const slides = await slideText(path.join(firstOut(), '现场核查', '汇报演示.pptx'));
    const i26 = r1.manifest!.indicators.find((i) => i.no === 26)!;
    expect(i26.verdict).toBe('未达标');
    expect(row26(slides)).toContain(i26.current);
    expect(slides[0]).toContain('依据第1版申报材料（');
    expect(slides.join('\n')).toContain('参考性达标 12/16 项（75%）');
  });

  it('dates the pack by the revision it presents (r3: 2023年9月28日), not the project\'s generatedAt', async () => {
    const date = '2023年9月28日';
    expect(r3.manifest!.generatedAt).toBe('2023-09-28');
    const slides = await slideText(path.join(out, '现场核查', '汇报演示.pptx'));
    expect(slides[0]).toContain(date);
    expect(slides[0]).not.toContain('2023年7月6日');
    const plan = await JSZip.loadAsync(readFileSync(path.join(out, '现场核查', '迎检会议方案.docx')));
    expect((await plan.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')).toContain(date);
    const catalog = await readXlsx(readFileSync(path.join(out, '现场核查', '指标数据档案目录.xlsx')));
    expect(catalog.sheet('卷内目录').text('A2')).toContain(`编制日期 ${date}`);
    // r1, given with --from, is dated by r1
    const r1Slides = await slideText(path.join(firstOut(), '现场核查', '汇报演示.pptx'));
    expect(r1Slides[0]).toContain('2023年7月6日');
  });

  it('warns when the revision presented has not reached the 申报条件 (r1: indicator 18), not when it has (r3)', () => {
    const codes = (stdout: string) => (JSON.parse(stdout).warnings as { code: string; message: string }[]);
    const w = codes(first.stdout).find((x) => x.code === 'site-visit-not-eligible');
    expect(w?.message).toContain('所介绍的第1版申报材料尚未达到申报条件');
    expect(w?.message).toContain('第 18 项尚未达标');
    expect(codes(latest.stdout).map((x) => x.code)).not.toContain('site-visit-not-eligible');
  });

  it('warns at sites.yaml visit.date when the visit is earlier than the revision presented', () => {
    const warnings = JSON.parse(latest.stdout).warnings as { code: string; file: string; line?: number; path: string[]; message: string; hint?: string }[];
    const early = warnings.filter((w) => w.code === 'site-visit-before-presented');
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ file: expect.stringMatching(/sites\.yaml$/), path: ['visit', 'date'], message: '核查日期 2023年9月12日 早于所介绍的第3版申报材料（2023年9月28日）：现场核查材料将依据核查之后才生成的材料准备' });
    expect(early[0]!.line).toBeGreaterThan(0);
    expect(early[0]!.hint).toContain('--from');
    // r1 (2023年7月6日) comes before the visit: no warning
    expect(JSON.parse(first.stdout).warnings.map((w: { code: string }) => w.code)).not.toContain('site-visit-before-presented');
  });

  it('--from a folder that is no bundle is a located error', async () => {
    const bad = await run('site-visit', SAMPLE, '--out', firstOut(), '--from', path.join(out, 'nothing-here'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('不是可读的申报材料包');
  });

  it('材料清单 cites the page where each item starts, as the annex labels it (15-1 for an inserted page)', async () => {
    const m3 = r3.manifest!;
    const places = labels(m3);
    expect([...places.values()].filter((l) => l.includes('-')).length).toBeGreaterThanOrEqual(6);
    const book = await readXlsx(readFileSync(path.join(r3.bundleDir!, '指标任务分解表.xlsx')));
    const sheet = book.sheet('材料清单');
    const ids = new Map((m3.evidenceItems ?? []).map((e) => [e.title, e.id]));
    let checked = 0;
    let inserted = 0;
    let no = 0;
    for (let r = 3; r < 400; r++) {
      // 指标序号 is merged down its items: written on the first row only
      if (sheet.text(`B${r}`)) no = Number(sheet.text(`B${r}`));
      const id = ids.get(sheet.text(`D${r}`));
      if (!no || !id || !places.has(`${no}:${id}`)) continue;
      const expected = `第${places.get(`${no}:${id}`)!}页`;
      expect(sheet.text(`I${r}`), `${no}:${id}`).toBe(expected);
      checked++;
      if (expected.includes('-')) inserted++;
    }
    expect(checked).toBeGreaterThan(30);
    expect(inserted).toBeGreaterThanOrEqual(6);
  });

  it.runIf(haveTools('pdftotext'))('the handbook names r3 on its cover and cites r3\'s annex labels', () => {
    const text = pdftotext(path.join(out, '现场核查', '现场核查手册.pdf'));
    expect(text).toMatch(/依据第3版申报材料（\d{4}年\d+月\d+日）/);
    // the cover is signed on r3's date, not the project's generatedAt (2023年7月6日)
    const cover = pdftotext(path.join(out, '现场核查', '现场核查手册.pdf'), '-f', '1', '-l', '1').trim().split('\n').map((l) => l.trim()).filter(Boolean);
    expect(cover.at(-1)).toBe('2023年9月28日');
    expect(cover.join('\n')).not.toContain('2023年7月6日');
    expect(text).not.toContain(out);
    const cited = [...text.matchAll(/汇编第([\d-]+)(?:—[\d-]+)?页/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(10);
    const all = new Set(labels(r3.manifest!).values());
    for (const c of cited) expect(all.has(c), c).toBe(true);
    // the example of an inserted page is one r3's annex prints; r1's annex has none, and its handbook gives none
    const example = /插页如 ([\d-]+)/.exec(text.replace(/\s+/g, ' '))?.[1];
    expect(example && all.has(example) && example.includes('-'), example).toBe(true);
    const r1Text = pdftotext(path.join(firstOut(), '现场核查', '现场核查手册.pdf'));
    expect(r1Text).toContain('与汇编各页所印页码一致');
    expect(r1Text).not.toContain('插页');
  });
});

/** `指标:材料id` → the label printed on the item's first annex page, from the manifest's contents. */
function labels(m: Manifest): Map<string, string> {
  const places = new Map<string, string>();
  for (const f of m.files.filter((x) => x.role === 'annex')) {
    for (const s of f.contents ?? []) for (const e of s.evidence) places.set(`${s.indicator}:${e.id}`, e.printed?.first ?? String(e.firstPage));
  }
  return places;
}
