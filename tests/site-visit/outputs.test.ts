import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import jsQRModule from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { haveTools } from '../helpers/tools.ts';
import { prepareSiteVisit } from '../../src/site-visit/index.ts';
import { currentCell } from '../../src/site-visit/slides.ts';
import { videoText } from '../../src/site-visit/meeting-plan.ts';
import { pdfPages, pdftotext, SAMPLE, toPdf } from './helpers.ts';

// jsqr is CommonJS: its function is the module or its `default`, depending on the loader
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode = ((jsQRModule as unknown as { default?: Decode }).default ?? (jsQRModule as unknown as Decode));

const FILES = ['点位清单.xlsx', '现场核查手册.pdf', '迎检会议方案.docx', '汇报演示.pptx', '指标数据档案目录.xlsx'];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'eco-site-visit-'));
const outA = path.join(tmp, 'a');
const outB = path.join(tmp, 'b');
const dirA = path.join(outA, '现场核查');
let json: { ok: boolean; outputs: { file: string }[]; routes: unknown[]; ms: number };
let human: string;
const COVERAGE = '点位展示的约束性指标 11 项（共 19 项），路线覆盖其中 11 项；其余 8 项没有点位';

beforeAll(async () => {
  const first = await run('site-visit', SAMPLE, '--out', outA, '--json');
  expect(first.code).toBe(0);
  json = JSON.parse(first.stdout);
  const second = await run('site-visit', SAMPLE, '--out', outB);
  expect(second.code).toBe(0);
  human = second.stdout;
});

describe('site-visit on the sample', () => {
  it('writes the five outputs under 现场核查/', () => {
    expect(json.ok).toBe(true);
    expect(json.outputs.map((o) => path.basename(o.file))).toEqual(FILES);
    console.log(`site-visit 在示例项目上用时 ${json.ms} ms`);
    // the coverage sentence counts against all 19 约束性 indicators, not only those the sites show
    expect(human.split('\n')).toContain(`${COVERAGE}。`);
  });

  it('two runs give byte-identical files', () => {
    for (const f of FILES) expect(readFileSync(path.join(outB, '现场核查', f)).equals(readFileSync(path.join(dirA, f))), f).toBe(true);
  });

  it('汇报演示.pptx: every indicator\'s current value whole, two sub-indicators and a change clause too, nothing cut with …', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(dirA, '汇报演示.pptx')));
    const runs: string[] = [];
    for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      runs.push(...[...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')));
    }
    const { plan } = await prepareSiteVisit(SAMPLE, { days: 1, outDir: outA });
    const v7 = plan!.verdicts.find((v) => v.no === 7)!;
    expect(currentCell(v7)).toBe('①68.9%；②46μg/m3（较2020年累计降低11.54%）');
    for (const v of plan!.verdicts) expect(runs, `指标${v.no}`).toContain(currentCell(v));
    expect(runs.filter((r) => r.endsWith('…'))).toEqual([]);
    expect(runs).toContain(`${COVERAGE}。`);
  });
});

describe.runIf(haveTools('pdftotext', 'pdfinfo', 'pdftoppm'))('现场核查手册.pdf read by poppler', () => {
  const pdf = path.join(dirA, '现场核查手册.pdf');
  it('has a cover, a map per half-day and a card per site', () => {
    expect(pdfPages(pdf)).toBe(1 + 2 + 12);
    const text = pdftotext(pdf);
    expect(text).toContain('现场核查手册');
    expect(text).toContain('示例数据');
    expect(text).toContain('比例尺');
    expect(text.replace(/\s+/g, '')).toContain(COVERAGE.replace(/\s+/g, ''));
    expect(text).toMatch(/北\s*N/);
    expect(text).toContain('城区污水处理厂（示例）');
    expect(text).toMatch(/指标4 第2页/);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+Thu Jul\s+6 00:00:00 2023 UTC/);
  });

  it('each card carries a QR code with its coordinates that a decoder reads back', () => {
    // page 4: the first card (the third page after two route maps)
    const ppm = execFileSync('pdftoppm', ['-r', '150', '-f', '4', '-l', '4', pdf], { maxBuffer: 64 * 1024 * 1024 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = ppm.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      rgba[i * 4] = pixels[i * 3]!;
      rgba[i * 4 + 1] = pixels[i * 3 + 1]!;
      rgba[i * 4 + 2] = pixels[i * 3 + 2]!;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, w, h);
    const text = pdftotext(pdf, '-f', '4', '-l', '4');
    const lon = /东经 ([\d.]+)°/.exec(text)![1]!;
    const lat = /北纬 ([\d.]+)°/.exec(text)![1]!;
    expect(code?.data).toBe(`geo:${Number(lat).toFixed(6)},${Number(lon).toFixed(6)}`);
  });
});

describe.runIf(haveTools('soffice', 'pdftotext'))('office files read by LibreOffice', () => {
  const pdfDir = path.join(tmp, 'pdf');
  // the meeting plan set by LibreOffice once, for the three tests that read it
  let meetingPlan: string | undefined;
  const meetingPdf = () => (meetingPlan ??= toPdf(path.join(dirA, '迎检会议方案.docx'), path.join(tmp, 'pdf-meeting')));
  it('迎检会议方案.docx: time, place, attendees, agenda and duties', () => {
    const text = pdftotext(meetingPdf()).replace(/\s+/g, '');
    for (const s of ['现场核查会议方案', '座谈会', '2023年9月12日上午08:30', '区政府第一会议室', '王营同志', '石可清', '部门汇报', '专题片', '资料查阅', '现场核查', '反馈会', '任务分工', '市生态环境局兖州区分局（牵头13项指标）']) expect(text).toContain(s);
    // each agenda item opens with its time (a time at the end of a line cannot break, and stretched the line
    // before it); the film's title already says 专题片
    expect(text).toContain('1.（08:30—08:35）主持人介绍参会人员，核查组组长说明核查安排2.（08:35—09:00）王营同志汇报');
    expect(text).toContain('3.（09:00—09:10）观看《绿水青山生态兖州》专题片');
    expect(text).not.toContain('观看专题片《');
  });


  it('迎检会议方案.docx: the 落款 and its date never break inside a line', () => {
    const lines = pdftotext(meetingPdf(), '-layout').split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean);
    const date = lines.findLastIndex((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l));
    expect(date, lines.slice(-6).join(' / ')).toBeGreaterThan(1);
    // the office on two lines, cut after 示范区, each whole
    expect(lines.slice(date - 2, date)).toEqual(['济宁市兖州区国家生态文明建设示范区', '创建工作领导小组办公室']);
  });

  it('迎检会议方案.docx: each 讲解人 of the route table on one line, however long the name', () => {
    const lines = pdftotext(meetingPdf(), '-layout').split('\n');
    // the sample's guides are 郑讲解（示例） …: seven characters, the column was cut after four
    const guides = lines.flatMap((l) => l.match(/\p{Script=Han}讲解（示例）/gu) ?? []);
    expect(guides.length).toBe(12);
    expect(lines.some((l) => /讲解（示\s*$/.test(l))).toBe(false);
  });

  it('汇报演示.pptx: title, results by attribute and one slide per 领域', () => {
    const pdf = toPdf(path.join(dirA, '汇报演示.pptx'), pdfDir);
    expect(pdfPages(pdf)).toBe(3 + 6 + 2);
    const text = pdftotext(pdf).replace(/\s+/g, '');
    for (const s of ['创建工作汇报', '基本情况', '约束性达标18/19项', '参考性达标12/16项', '生态制度', '生态文化', '存在问题和下一步工作']) expect(text).toContain(s);
  });

  it('点位清单.xlsx and 指标数据档案目录.xlsx', () => {
    const list = pdftotext(toPdf(path.join(dirA, '点位清单.xlsx'), pdfDir)).replace(/\s+/g, '');
    for (const s of ['现场核查点位清单', 'S01', 'S12', '泗河湿地生物多样性观测点', '116.8120', '35.5720']) expect(list).toContain(s);
    const catalog = pdftotext(toPdf(path.join(dirA, '指标数据档案目录.xlsx'), pdfDir)).replace(/\s+/g, '');
    for (const s of ['卷内目录', '第01盒', '第35盒', '济兖政字〔2021〕46号', '暂无材料']) expect(catalog).toContain(s);
  });

  it('指标数据档案目录.xlsx: every spine label whole on one page, six to a page', () => {
    const pdf = toPdf(path.join(dirA, '指标数据档案目录.xlsx'), path.join(tmp, 'pdf-spine'));
    const perPage = Array.from({ length: pdfPages(pdf) }, (_, k) => pdftotext(pdf, '-f', String(k + 1), '-l', String(k + 1)).replace(/\s+/g, ''))
      .filter((t) => !t.includes('卷内目录') && (t.includes('创建档案') || t.includes('牵头：')))
      .map((t) => ({ tops: t.split('创建档案').length - 1, bottoms: t.split('牵头：').length - 1, years: (t.match(/\d{4}年/g) ?? []).length }));
    expect(perPage.map((p) => p.tops)).toEqual([6, 6, 6, 6, 6, 5]);
    for (const p of perPage) expect(p).toEqual({ tops: p.tops, bottoms: p.tops, years: p.tops });
  });
});

describe('the meeting plan’s agenda', () => {
  it('names the film once: 观看《…》专题片 or 观看专题片《…》', () => {
    expect(videoText('《绿水青山 生态兖州》专题片（示例）')).toBe('观看《绿水青山 生态兖州》专题片（示例）');
    expect(videoText('《绿水青山 生态兖州》')).toBe('观看专题片《绿水青山 生态兖州》');
    expect(videoText(undefined)).toBe('观看创建工作专题片');
  });
});
