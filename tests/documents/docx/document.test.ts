import { beforeAll, describe, expect, it } from 'vitest';
import { officialDocument, type TableSpec } from '../../../src/documents/docx/index.ts';
import { MarkdownError } from '../../../src/documents/docx/markdown.ts';
import {
  attrs, bodyParagraphs, elements, first, openDocx, sections, style, styleOf, tableRows, textOf, type Parts,
} from './docx-xml.ts';

const MARKDOWN = `# 测试市示例区国家生态文明建设示范区<br>创建工作报告

::: subtitle （示例数据）

::: recipient 生态环境部：

正文第一段。

## 基本情况

正文。

### 组织领导

#### 细项

##### 更细

## 二、已有编号的标题

### 部门分工

1. 第一项
2. 第二项

::: table sample

::: attachments
1. 测试市示例区指标任务分解表
2. 测试市示例区领导小组成员名单
:::

::: signature
测试市示例区人民政府
2023年7月20日
:::

::: attachment 1 landscape

# 指标任务分解表

::: table sample

::: attachment 2

# 领导小组成员名单

::: roster
组长 | 王营 | 区委副书记、区长
副组长 | 石可清 | 区委常委、副区长
成员 | 张守伟 | 区委办公室主任
 | 孙锴 | 区委宣传部副部长
:::
`;

const TABLE: TableSpec = {
  columns: [{ title: '领域', width: 1 }, { title: '序号', width: 1 }, { title: '指标名称', width: 4, align: 'left' }],
  rows: [
    { cells: [{ lines: ['生', '态'], rowSpan: 2 }, { lines: ['1'] }, { lines: ['生态文明建设规划'] }] },
    { cells: [{ lines: ['2'] }, { lines: ['河长制'] }] },
  ],
};

let bytes: Buffer;
let parts: Parts;
let doc: string;

beforeAll(async () => {
  bytes = await officialDocument({ markdown: MARKDOWN, tables: { sample: TABLE }, headerText: '示例数据', date: '2023-07-20' });
  parts = await openDocx(bytes);
  doc = parts['word/document.xml']!;
});

const twips = (sectPr: string, name: string) => attrs(first(sectPr, name)!);

describe('officialDocument: page setup', () => {
  it('uses A4 with the GB/T 9704 margins and a 22-line, 28-character grid', () => {
    const [body] = sections(doc);
    expect(twips(body!.sectPr, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    // footer 22 mm from the edge: the page number's dashes 7 mm below the text block
    expect(twips(body!.sectPr, 'w:pgMar')).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474', 'w:footer': '1247' });
    const grid = twips(body!.sectPr, 'w:docGrid');
    expect(grid).toEqual({ 'w:type': 'linesAndChars', 'w:linePitch': '579', 'w:charSpace': '-842' });
  });

  it('puts each attachment in its own section, 附件1 landscape', () => {
    const [body, first1, second] = sections(doc);
    expect(sections(doc)).toHaveLength(3);
    expect(twips(first1!.sectPr, 'w:pgSz')).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
    expect(first1!.sectPr).toContain('<w:type w:val="nextPage"/>');
    expect(twips(second!.sectPr, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(textOf(first1!.content)).toContain('附件1');
    expect(textOf(body!.content)).not.toContain('附件1指标');
    for (const s of sections(doc)) {
      expect(elements(s.sectPr, 'w:footerReference').map((f) => attrs(f)['w:type']).sort()).toEqual(['default', 'even']);
    }
  });

  it('turns on different odd and even footers', () => {
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
  });
});

describe('officialDocument: styles', () => {
  const eastAsiaOf = (xml: string) => attrs(first(xml, 'w:rFonts')!)['w:eastAsia'];
  const sizeOf = (xml: string) => attrs(first(xml, 'w:sz')!)['w:val'];

  it('names an East Asian font on the document defaults and on every style', () => {
    const styles = parts['word/styles.xml']!;
    expect(eastAsiaOf(first(styles, 'w:docDefaults')!)).toBe('仿宋_GB2312');
    const all = elements(styles, 'w:style');
    expect(all.length).toBeGreaterThan(10);
    for (const s of all) expect(eastAsiaOf(s), attrs(s)['w:styleId']).toBeTruthy();
    expect(attrs(first(first(styles, 'w:docDefaults')!, 'w:rFonts')!)).toMatchObject({ 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
  });

  it('gives title, headings, body, tables and page numbers their fonts and sizes', () => {
    const styles = parts['word/styles.xml']!;
    const expected: Record<string, [string, string]> = {
      Title: ['方正小标宋简体', '44'],
      Heading1: ['黑体', '32'],
      Heading2: ['楷体_GB2312', '32'],
      Heading3: ['仿宋_GB2312', '32'],
      Heading4: ['仿宋_GB2312', '32'],
      BodyText: ['仿宋_GB2312', '32'],
      AttachmentLabel: ['黑体', '32'],
      TableText: ['仿宋_GB2312', '21'],
      Footer: ['宋体', '28'],
    };
    for (const [id, [font, size]] of Object.entries(expected)) {
      expect([eastAsiaOf(style(styles, id)), sizeOf(style(styles, id))], id).toEqual([font, size]);
    }
    expect(first(style(styles, 'Title'), 'w:jc')).toContain('center');
    expect(attrs(first(style(styles, 'BodyText'), 'w:ind')!)).toMatchObject({ 'w:firstLineChars': '200', 'w:firstLine': '640' });
  });

  it('sets exact 28.95 pt line spacing on body text and single spacing in tables', () => {
    const styles = parts['word/styles.xml']!;
    expect(attrs(first(style(styles, 'Normal'), 'w:spacing')!)).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(attrs(first(first(styles, 'w:pPrDefault')!, 'w:spacing')!)).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(attrs(first(style(styles, 'TableText'), 'w:spacing')!)).toMatchObject({ 'w:line': '240', 'w:lineRule': 'auto' });
  });

  it('lists the official fonts with fallbacks in the font table', () => {
    const fonts = parts['word/fontTable.xml']!;
    for (const [name, alt] of [['仿宋_GB2312', '仿宋'], ['方正小标宋简体', '宋体'], ['黑体', 'SimHei'], ['楷体_GB2312', '楷体']]) {
      const font = elements(fonts, 'w:font').find((f) => attrs(f)['w:name'] === name);
      expect(font, name).toBeDefined();
      expect(attrs(first(font!, 'w:altName')!)['w:val']).toBe(alt);
      expect(attrs(first(font!, 'w:charset')!)['w:val']).toBe('86');
    }
  });
});

describe('officialDocument: page numbers', () => {
  it('writes — PAGE — in 宋体 4号, right on odd pages and left on even pages', () => {
    const rels = parts['word/_rels/document.xml.rels']!;
    const [body] = sections(doc);
    const footerFile = (type: string) => {
      const ref = elements(body!.sectPr, 'w:footerReference').find((f) => attrs(f)['w:type'] === type)!;
      const rel = elements(rels, 'Relationship').find((r) => attrs(r).Id === attrs(ref)['r:id'])!;
      return parts[`word/${attrs(rel).Target}`]!;
    };
    for (const [type, side] of [['default', 'right'], ['even', 'left']] as const) {
      const footer = footerFile(type);
      expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
      expect(attrs(first(footer, 'w:jc')!)['w:val']).toBe(side);
      expect(attrs(first(footer, 'w:ind')!)).toEqual({ [`w:${side}`]: '280' });
      expect(styleOf(footer)).toBe('Footer');
    }
  });

  it('shows the header text on every page when given', () => {
    const headers = Object.keys(parts).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.length).toBe(6);
    for (const h of headers) expect(textOf(parts[h]!)).toBe('示例数据');
  });
});

describe('officialDocument: content', () => {
  const paragraphs = () => bodyParagraphs(doc).map((p) => ({ style: styleOf(p), text: textOf(p), xml: p }));

  it('numbers headings 一、 （一） 1. （1） and keeps a number already written', () => {
    const headings = paragraphs().filter((p) => p.style?.startsWith('Heading')).map((p) => p.text);
    expect(headings).toEqual(['一、基本情况', '（一）组织领导', '1.细项', '（1）更细', '二、已有编号的标题', '（一）部门分工']);
  });

  it('writes the title centred on two lines, the recipient flush left, list items numbered', () => {
    const ps = paragraphs();
    expect(ps[0]).toMatchObject({ style: 'Title', text: '测试市示例区国家生态文明建设示范区\n创建工作报告' });
    expect(ps.find((p) => p.style === 'Recipient')!.text).toBe('生态环境部：');
    expect(ps.filter((p) => p.style === 'BodyText').map((p) => p.text)).toContain('1.第一项');
  });

  it('lays out 附件说明 with hanging indents and the signature with the date two characters right', () => {
    const notes = paragraphs().filter((p) => p.style === 'AttachmentNote');
    expect(notes.map((p) => p.text)).toEqual(['附件：1.测试市示例区指标任务分解表', '2.测试市示例区领导小组成员名单']);
    // 2 characters in, “附件：” 3, “1.” 1: the name starts at 6 characters (1920 twips) on every line
    expect(attrs(first(notes[0]!.xml, 'w:ind')!)).toMatchObject({ 'w:left': '1920', 'w:hanging': '1280' });
    expect(attrs(first(notes[1]!.xml, 'w:ind')!)).toMatchObject({ 'w:left': '1920', 'w:hanging': '320' });
    const [sender, date] = paragraphs().filter((p) => p.style === 'Signature');
    expect([sender!.text, date!.text]).toEqual(['测试市示例区人民政府', '2023年7月20日']);
    // sender 2 characters from the right; the date (6.5 characters) starts 2 characters right of the sender (10)
    expect(attrs(first(sender!.xml, 'w:ind')!)['w:right']).toBe('640');
    expect(attrs(first(date!.xml, 'w:ind')!)['w:right']).toBe('1120');
  });

  it('pads two-character names and labels in a roster and aligns the posts on a tab stop', () => {
    const roster = paragraphs().filter((p) => p.style === 'Roster').map((p) => p.text);
    expect(roster).toEqual(['组  长：王  营\t区委副书记、区长', '副组长：石可清\t区委常委、副区长', '成  员：张守伟\t区委办公室主任', '孙  锴\t区委宣传部副部长']);
  });

  it('makes a real table: header row repeated on every page, rows kept whole, merged cells', () => {
    const [table] = elements(doc, 'w:tbl');
    const rows = elements(table!, 'w:tr');
    expect(first(rows[0]!, 'w:trPr')).toContain('<w:tblHeader/>');
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(tableRows(table!)).toEqual([['领域', '序号', '指标名称'], ['生\n态', '1', '生态文明建设规划'], ['', '2', '河长制']]);
    expect(rows[1]).toContain('<w:vMerge w:val="restart"/>');
    expect(rows[2]).toContain('<w:vMerge w:val="continue"/>');
    const widths = elements(first(table!, 'w:tblGrid')!, 'w:gridCol').map((c) => Number(attrs(c)['w:w']));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    const landscapeTable = elements(doc, 'w:tbl')[1]!;
    expect(attrs(first(landscapeTable, 'w:tblW')!)['w:w']).toBe('12756');
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await officialDocument({ markdown: MARKDOWN, tables: { sample: TABLE }, headerText: '示例数据', date: '2023-07-20' });
    expect(Buffer.compare(again, bytes)).toBe(0);
  });

  it('rejects a table the caller did not provide, naming the line', async () => {
    const error = await officialDocument({ markdown: '正文\n\n::: table nope\n', date: '2023-07-20' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarkdownError);
    expect((error as MarkdownError).line).toBe(3);
  });

  it('moves the sender left when the date is longer than the sender', async () => {
    const short = await openDocx(await officialDocument({ markdown: '::: signature\n某局\n2023年12月20日\n:::\n', date: '2023-07-20' }));
    const [sender, date] = bodyParagraphs(short['word/document.xml']!).map((p) => attrs(first(p, 'w:ind')!)['w:right']);
    // the date (7 characters) 2 from the right starts 9 from the right; the sender (2) starts 2 further left, at 11
    expect([sender, date]).toEqual([String(9 * 320), String(2 * 320)]);
  });
});
