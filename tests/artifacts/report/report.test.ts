import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/judge/index.ts';
import type { ProjectData } from '../../../src/model/project-data.ts';
import { checkProject } from '../../../src/load/check.ts';
import { makeMiniProject } from '../../helpers/mini-project.ts';
import { renderReport, SAMPLE_HEADER } from '../../../src/artifacts/report/index.ts';
import { attrs, bodyParagraphs, elements, first, openDocx, sections, styleOf, tableRows, textOf, type Parts } from '../../documents/docx/docx-xml.ts';

let data: ProjectData;
let verdicts: readonly Verdict[];
let bytes: Buffer;
let parts: Parts;
let doc: string;

beforeAll(async () => {
  const checked = await checkProject('fixtures/yanzhou-2023');
  expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
  data = checked.data!;
  verdicts = checked.verdicts;
  bytes = await renderReport({ data, verdicts, revision: 1 });
  parts = await openDocx(bytes);
  doc = parts['word/document.xml']!;
});

/** Paragraph texts without the zero-width spaces and word joiners that shape how number lists break (see numberList). */
const paragraphs = () => bodyParagraphs(doc).map((p) => ({ style: styleOf(p), text: textOf(p).replace(/[\u200b\u2060]/g, '') }));

describe('renderReport (sample project)', () => {
  it('starts with the title, the sample notice and the recipient', () => {
    const [title, notice, recipient] = paragraphs();
    expect(title).toEqual({ style: 'Title', text: '济宁市兖州区国家生态文明建设示范区\n创建工作报告' });
    expect(notice!.style).toBe('Subtitle');
    expect(notice!.text).toContain('示例数据');
    expect(recipient).toEqual({ style: 'Recipient', text: '山东省生态环境厅：' });
  });

  it('marks every page of the sample as 示例数据 in the header', () => {
    const headers = Object.keys(parts).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(textOf(parts[h]!)).toBe(SAMPLE_HEADER);
  });

  it('has the four sections with their sub-headings', () => {
    const headings = paragraphs().filter((p) => p.style?.startsWith('Heading')).map((p) => p.text);
    expect(headings).toEqual([
      '一、基本情况', '二、创建工作开展情况', '（一）组织领导', '（二）部门分工', '（三）主要工作', '（四）工作进度',
      '三、指标达标情况', '四、存在问题及下一步工作',
    ]);
    const text = paragraphs().map((p) => p.text).join('\n');
    expect(text).toContain(data.narrative!['基本情况']!.text.slice(0, 20));
    expect(text).toContain('王营同志为组长');
    expect(text).toContain('市生态环境局兖州区分局：牵头负责第1、5—9、12');
    expect(text).toContain('通过省市级预审（2023年7月上旬）');
    expect(text).toContain('完成申报（2023年7月25日前）');
  });

  it('states the overview counts as the verdicts give them', () => {
    const attribute = new Map(data.indicators.map((i) => [i.no, i.attribute]));
    const count = (a: string, met: boolean) => verdicts.filter((v) => attribute.get(v.no) === a && (!met || v.verdict === '达标')).length;
    const expected = `35项指标中，${count('约束性', false)}项约束性指标达标${count('约束性', true)}项，${count('参考性', false)}项参考性指标达标${count('参考性', true)}项`;
    expect(expected).toBe('35项指标中，19项约束性指标达标18项，16项参考性指标达标12项');
    expect(paragraphs().some((p) => p.text.includes(expected))).toBe(true);
  });

  it('lists all 35 indicators in the table with their verdicts, header repeated, grouped by 领域', () => {
    const table = elements(doc, 'w:tbl')[0]!;
    const rows = tableRows(table);
    expect(rows[0]).toEqual(['序号', '指标名称', '单位', '指标值', '现状值', '指标属性', '达标情况', '责任单位']);
    expect(first(elements(table, 'w:tr')[0]!, 'w:trPr')).toContain('<w:tblHeader/>');
    const indicatorRows = rows.filter((r) => /^\d+$/.test(r[0]!));
    expect(indicatorRows.map((r) => Number(r[0]))).toEqual(data.indicators.map((i) => i.no));
    for (const v of verdicts) {
      const row = indicatorRows.find((r) => Number(r[0]) === v.no)!;
      expect(row[6], `指标 ${v.no}`).toBe(v.verdict);
    }
    const domains = rows.filter((r) => r.length === 1).map((r) => r[0]);
    expect(domains).toEqual(['生态制度', '生态安全', '生态空间', '生态经济', '生态生活', '生态文化']);
  });

  it('lists every indicator not 达标 with its reason under 四、', () => {
    const all = paragraphs();
    const from = all.findIndex((p) => p.text === '四、存在问题及下一步工作');
    const section = all.slice(from).map((p) => p.text).join('\n');
    for (const v of verdicts.filter((x) => x.verdict !== '达标')) {
      expect(section).toContain(`（第${v.no}项，`);
      expect(section).toContain(v.reason.slice(0, 10));
    }
  });

  it('ends the body with the attachment note, the sender and the date', () => {
    const [body] = sections(doc);
    const ps = bodyParagraphs(body!.content).map((p) => ({ style: styleOf(p), text: textOf(p) }));
    const tail = ps.slice(-4);
    expect(tail).toEqual([
      { style: 'AttachmentNote', text: '附件：1.济宁市兖州区创建国家生态文明建设示范区指标任务分解表' },
      { style: 'AttachmentNote', text: '2.济宁市兖州区国家生态文明建设示范区创建工作领导小组成员名单' },
      { style: 'Signature', text: '济宁市兖州区人民政府' },
      { style: 'Signature', text: '2023年7月6日' },
    ]);
  });

  it('puts 附件1 (the task breakdown, landscape) and 附件2 (the leading group) on their own pages', () => {
    const [, one, two] = sections(doc);
    expect(sections(doc)).toHaveLength(3);
    expect(attrs(first(one!.sectPr, 'w:pgSz')!)).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
    const oneParagraphs = bodyParagraphs(one!.content).map((p) => ({ style: styleOf(p), text: textOf(p) }));
    expect(oneParagraphs.slice(0, 2)).toEqual([
      { style: 'AttachmentLabel', text: '附件1' },
      { style: 'Title', text: '济宁市兖州区创建国家生态文明建设示范区指标任务分解表' },
    ]);
    const task = tableRows(first(one!.content, 'w:tbl')!);
    expect(task[0]).toEqual(['领域', '任务', '序号', '指标名称', '单位', '指标值', '指标属性', '责任单位', '备注']);
    expect(task[1]!.slice(0, 4)).toEqual(['生\n态\n制\n度', '（一）\n目标责任体系与制度建设', '1', '生态文明建设规划']);
    expect(first(one!.content, 'w:tbl')).toContain('<w:vMerge w:val="continue"/>');
    const twoText = bodyParagraphs(two!.content).map(textOf);
    expect(twoText[0]).toBe('附件2');
    expect(twoText).toContain('组  长：王  营\t区委副书记、区长');
    expect(twoText).toContain('孙  锴\t区委宣传部分管日常工作的副部长');
  });

  it('shows under 三、 图1 (verdicts by 领域) and the trend of each indicator with three years of values, captioned', () => {
    const all = bodyParagraphs(doc).map((p) => ({ style: styleOf(p), text: textOf(p), drawing: p.includes('<w:drawing>') }));
    const section = all.slice(all.findIndex((p) => p.text === '三、指标达标情况'), all.findIndex((p) => p.text === '四、存在问题及下一步工作'));
    expect(section.filter((p) => p.style === 'FigureCaption').map((p) => p.text)).toEqual([
      '图1　各领域指标达标情况',
      '图2　生态文明建设工作占党政实绩考核的比例历年变化（第3项指标）',
      '图3　生态环境信息公开率历年变化（第5项指标）',
      '图4　林草覆盖率历年变化（第10项指标）',
      '图5　危险废物利用处置率历年变化（第12项指标）',
      '图6　单位地区生产总值能耗历年变化（第17项指标）',
      // 提高幅度 is judged from the 综合利用率 of each year, which is what the figure draws
      '图7　一般工业固体废物综合利用率历年变化（第22项指标）',
      '图8　集中式饮用水水源地水质优良比例历年变化（第23项指标）',
      '图9　农村生活污水治理率历年变化（第26项指标）',
    ]);
    // every caption right under its picture
    section.forEach((p, i) => {
      if (p.style === 'FigureCaption') expect(section[i - 1]!.drawing).toBe(true);
    });
    expect(section.filter((p) => p.drawing)).toHaveLength(9);
    const text = section.map((p) => p.text).join('\n');
    expect(text).toContain('各项指标达标情况见表1，各领域指标达标情况见图1。');
    expect(text).toContain('有三年及以上数据的8项指标，历年数值与指标值的对照见图2至图9（虚线为指标值或上级下达的目标值）。');
  });

  it('sizes the figures within the 156 mm text width and describes them in their alt text', () => {
    const extents = elements(doc, 'wp:extent').map((e) => Number(attrs(e).cx) / 36000);
    expect(extents).toHaveLength(9);
    expect(Math.max(...extents)).toBeLessThanOrEqual(156);
    expect(extents[0]).toBeGreaterThan(155);
    const [domains] = elements(doc, 'wp:docPr').map((d) => attrs(d));
    expect(domains!.descr).toContain('生态制度达标6项、未达标0项、待补充0项；生态安全达标8项');
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await renderReport({ data, verdicts, revision: 1 });
    expect(Buffer.compare(again, bytes)).toBe(0);
  });

  it('prints each paragraph of narrative/基本情况.txt as a paragraph of its own', () => {
    const texts = paragraphs().map((p) => p.text);
    expect(texts.find((t) => t.endsWith('泗河自北向南穿境而过。'))).toBeDefined();
    expect(texts.find((t) => t.startsWith('近年来，全区以习近平生态文明思想为指导'))).toBeDefined();
  });
});

describe('renderReport (a project that is not a sample)', () => {
  it('has no 示例数据 mark, prints the office text, and says when every indicator is 达标', async () => {
    const p = await makeMiniProject((f) => {
      f['project.yaml'] = f['project.yaml']!.replace('sample: true', 'sample: false');
    });
    try {
      const checked = await checkProject(p.dir);
      expect(checked.verdicts.every((v) => v.verdict === '达标')).toBe(true);
      const mini = await openDocx(await renderReport({ data: checked.data!, verdicts: checked.verdicts, revision: 1 }));
      expect(Object.keys(mini).some((n) => /^word\/header\d+\.xml$/.test(n))).toBe(false);
      const text = bodyParagraphs(mini['word/document.xml']!).map(textOf).join('\n');
      expect(text).not.toContain('示例数据');
      expect(text).toContain('示例区位于测试市东部');
      expect(text).not.toContain('待补充：');
      expect(text).toContain('全部3项指标均已达到建设指标要求');
      expect(text).toContain('3项指标中，2项约束性指标达标2项，1项参考性指标达标1项');
      expect(text).toContain('测试市示例区人民政府');
      // 图1 only: no indicator of the mini project has three years of values
      expect(text).toContain('图1　各领域指标达标情况');
      expect(text).not.toContain('图2');
      expect(text).not.toContain('有三年及以上数据');
    } finally {
      await p.cleanup();
    }
  });
});
