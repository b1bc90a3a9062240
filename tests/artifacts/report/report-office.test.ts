import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../../src/load/check.ts';
import { renderReport } from '../../../src/artifacts/report/index.ts';
import { convertWithLibreOffice } from '../../helpers/office.ts';
import { haveTools } from '../../helpers/tools.ts';

/** The report as LibreOffice (a reader that did not write it) lays it out. */
describe.runIf(haveTools('soffice', 'pdftotext', 'pdfinfo', 'pdfimages'))('report through LibreOffice', () => {
  let dir: string;
  let pdf: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'eco-report-lo-'));
    const checked = await checkProject('fixtures/yanzhou-2023');
    const docx = path.join(dir, '申报报告.docx');
    await writeFile(docx, await renderReport({ data: checked.data!, verdicts: checked.verdicts, revision: 1 }));
    pdf = convertWithLibreOffice(docx, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const text = (first?: number, last?: number) =>
    execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), pdf, '-'], { encoding: 'utf8' });
  const info = (page: number) => execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf], { encoding: 'utf8' });

  it('has the title, the recipient, every section, the signature and both attachments', () => {
    const all = text().replace(/\s+/g, '');
    for (const phrase of [
      '济宁市兖州区国家生态文明建设示范区创建工作报告', '山东省生态环境厅：', '一、基本情况', '二、创建工作开展情况', '三、指标达标情况',
      '四、存在问题及下一步工作', '35项指标中，19项约束性指标达标18项，16项参考性指标达标12项', '附件：1.', '济宁市兖州区人民政府',
      '2023年7月6日', '附件1', '济宁市兖州区创建国家生态文明建设示范区指标任务分解表', '附件2', '组长：王营', '示例数据',
    ]) {
      expect(all, phrase).toContain(phrase);
    }
  });

  it('runs over more than three pages, numbered — N —, 附件1 on landscape pages', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(3);
    expect(text(1).replace(/\s+/g, '')).toContain('—1—');
    expect(text(2).replace(/\s+/g, '')).toContain('—2—');
    const sizes = Array.from({ length: pages }, (_, i) => /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(info(i + 1))!.slice(1).map(Number));
    expect(sizes[0]![0]).toBeLessThan(sizes[0]![1]!); // portrait A4
    const landscape = sizes.map((s, i) => (s[0]! > s[1]! ? i + 1 : 0)).filter(Boolean);
    expect(landscape.length).toBeGreaterThan(0);
    expect(text(landscape[0]).replace(/\s+/g, '')).toContain('附件1');
  });

  it('draws the figures of 三、 with their captions on the pages from 三、 to 四、, none wider than the text block', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    const texts = Array.from({ length: pages }, (_, i) => text(i + 1).replace(/\s+/g, ''));
    const from = texts.findIndex((t) => t.includes('三、指标达标情况')) + 1;
    const to = texts.findIndex((t) => t.includes('四、存在问题及下一步工作')) + 1;
    // page  num  type  width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
      .map((l) => l.trim().split(/\s+/)).filter((c) => c[2] === 'image')
      .map((c) => ({ page: Number(c[0]), width: Number(c[3]), ppi: Number(c[12]) }));
    expect(images).toHaveLength(9);
    for (const image of images) {
      expect(image.page).toBeGreaterThanOrEqual(from);
      expect(image.page).toBeLessThanOrEqual(to);
      expect((image.width / image.ppi) * 25.4).toBeLessThanOrEqual(156.5);
    }
    // each caption on a page that has a picture; 图1 with the first one
    const captions = [
      '图1各领域指标达标情况', '图2生态文明建设工作占党政实绩考核的比例历年变化', '图3生态环境信息公开率历年变化',
      '图4林草覆盖率历年变化', '图5危险废物利用处置率历年变化', '图6单位地区生产总值能耗历年变化',
      '图7一般工业固体废物综合利用率历年变化（第22项指标）', '图8集中式饮用水水源地水质优良比例历年变化',
      '图9农村生活污水治理率历年变化（第26项指标）',
    ];
    for (const caption of captions) {
      const page = texts.findIndex((t, i) => i + 1 >= from && t.includes(caption)) + 1;
      expect(page, caption).toBeGreaterThanOrEqual(from);
      expect(images.some((image) => image.page === page), caption).toBe(true);
    }
    expect(texts[images[0]!.page - 1]).toContain('图1各领域指标达标情况');
  });

  it('fits 28 characters on a line and 22 lines on a body page', () => {
    const lines = text(2).split('\n').map((l) => l.trim()).filter((l) => l && !/^—\s*\d+\s*—$/.test(l) && !l.startsWith('示例数据'));
    expect(lines).toHaveLength(22);
    // a closing punctuation mark may hang past the line's end (行末标点), as in Word
    const chineseOnly = lines.filter((l) => !/[0-9A-Za-z]/.test(l)).map((l) => [...l.replace(/[，。、；：）”]$/, '')].length);
    expect(Math.max(...chineseOnly)).toBe(28);
  });
});
