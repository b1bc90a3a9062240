import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../../src/load/check.ts';
import { mmToTwips, pageGeometry } from '../../../src/documents/docx/layout.ts';
import { renderRequest } from '../../../src/artifacts/request/index.ts';
import { attrs, bodyParagraphs, elements, openDocx, styleOf, textOf, type Parts } from '../../documents/docx/docx-xml.ts';

/** The 申报文件 (请示) of the sample, read as the XML Word and WPS read: 版头, body, 落款, 附注, 版记. */
let parts: Parts;
let doc: string;
let paragraphs: string[];

beforeAll(async () => {
  const checked = await checkProject('fixtures/yanzhou-2023');
  expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
  parts = await openDocx(await renderRequest({ data: checked.data!, verdicts: checked.verdicts, revision: 1 }, 1));
  doc = parts['word/document.xml']!;
  paragraphs = bodyParagraphs(doc);
});

const texts = () => paragraphs.map(textOf);
const indexOf = (text: string) => texts().findIndex((t) => t === text);

describe('申报文件: 版头 (GB/T 9704-2012 7.2)', () => {
  it('opens with the red 发文机关标志 in 小标宋, centred, 35 mm below the 版心 top', () => {
    const at = indexOf('济宁市兖州区人民政府文件');
    expect(at).toBe(1);
    const mark = paragraphs[at]!;
    expect(styleOf(mark)).toBe('IssuerMark');
    expect(attrs(elements(mark, 'w:color')[0]!)['w:val']).toBe('FF0000');
    // the spacer above it: 35 mm less the part of the mark's line above its glyphs
    const spacer = attrs(elements(paragraphs[0]!, 'w:spacing')[0]!);
    expect(Number(spacer['w:line'])).toBeGreaterThan(mmToTwips(30));
    expect(Number(spacer['w:line'])).toBeLessThanOrEqual(mmToTwips(35));
    expect(parts['word/styles.xml']).toMatch(/w:styleId="IssuerMark">[\s\S]*?w:eastAsia="方正小标宋简体"[\s\S]*?<\/w:style>/);
  });

  it('puts 发文字号 and 签发人 on one line two lines below it, the name in 楷体, then the red line', () => {
    const at = texts().findIndex((t) => t.startsWith('济兖政字'));
    expect(texts()[at]).toBe('济兖政字〔2023〕18号\t签发人：王营');
    const line = paragraphs[at]!;
    expect(line).toMatch(/<w:tab w:val="right" w:pos="\d+"\/>/);
    expect(line).toMatch(/<w:rFonts w:eastAsia="楷体_GB2312"\/><\/w:rPr><w:t xml:space="preserve">王营/);
    expect(textOf(paragraphs[at - 1]!)).toBe('');
    const rule = paragraphs[at + 1]!;
    expect(rule).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="0"\/><\/w:pBdr>/);
    expect(attrs(elements(rule, 'w:spacing')[0]!)['w:line']).toBe(String(mmToTwips(4)));
  });

  it('titles it as a 请示 of the government, 主送 the province\'s ecology department (never 生态环境部 by default), and ends the body with 妥否，请批示。', () => {
    const title = paragraphs.find((p) => styleOf(p) === 'Title')!;
    expect(textOf(title)).toBe('济宁市兖州区人民政府关于申报\n第七批国家生态文明建设示范区的请示');
    expect(texts()).toContain('山东省生态环境厅：');
    expect(texts()).not.toContain('生态环境部：');
    expect(texts()).toContain('妥否，请批示。');
    // the numbers the bundle backs, nothing more
    expect(texts().join('')).toContain('35项指标中，19项约束性指标达标18项，16项参考性指标达标12项；全部指标中未达标2项、待补充3项。');
  });
});

describe('申报文件: 附件说明, 落款, 印章 and 附注 (7.3)', () => {
  it('names the report, the task table and the annex', () => {
    const attachments = paragraphs.filter((p) => styleOf(p) === 'AttachmentNote').map(textOf);
    expect(attachments).toEqual([
      '附件：1.济宁市兖州区国家生态文明建设示范区创建工作报告',
      '2.济宁市兖州区创建国家生态文明建设示范区指标任务分解表',
      '3.济宁市兖州区国家生态文明建设示范区创建佐证材料汇编',
    ]);
  });

  it('leaves two lines for the seal above the sender, centred over the date four characters from the right', () => {
    const sender = indexOf('济宁市兖州区人民政府');
    expect(textOf(paragraphs[sender + 1]!)).toBe('2023年7月6日');
    expect(paragraphs.slice(sender - 2, sender).map(textOf)).toEqual(['', '']);
    const right = (p: string) => Number(attrs(elements(p, 'w:ind')[0]!)['w:right']);
    expect(right(paragraphs[sender + 1]!)).toBe(4 * 320);
    // the sender (10 characters) centred on the date (6: its digits are half-width): 4 + (6 − 10) / 2 = 2 in
    expect(right(paragraphs[sender]!)).toBe(Math.round(2 * 320));
  });

  it('keeps the 附件说明, the seal’s two lines, the sender and the date on one page: the 落款 never begins a page alone', () => {
    const sender = indexOf('济宁市兖州区人民政府');
    const firstNote = paragraphs.findIndex((p) => styleOf(p) === 'AttachmentNote');
    expect(firstNote).toBeGreaterThan(0);
    // each paragraph from the 附件说明 to the sender keeps with the next (by its style or its own mark)
    for (let k = firstNote; k <= sender; k++) {
      const own = paragraphs[k]!.includes('<w:keepNext/>');
      const byStyle = ['AttachmentNote', 'Signature'].includes(styleOf(paragraphs[k]!) ?? '');
      expect(own || byStyle, `paragraph ${k}: ${textOf(paragraphs[k]!)}`).toBe(true);
    }
  });

  it('writes the 附注 in parentheses on the line below the date', () => {
    const date = indexOf('2023年7月6日');
    expect(textOf(paragraphs[date + 1]!)).toBe('（联系人：张明，电话：0537-0000000）');
  });
});

describe('申报文件: 版记 (7.4)', () => {
  const box = () => {
    const anchor = elements(doc, 'wp:anchor').find((a) => a.includes('name="版记"'));
    if (!anchor) throw new Error('no 版记');
    return anchor;
  };

  it('is a box as wide as the 版心 held at the foot of the text area, with text kept clear of it', () => {
    expect(box()).toContain('<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>');
    expect(box()).toContain('<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>');
    expect(box()).toContain('<wp:wrapTopAndBottom/>');
    expect(Number(attrs(elements(box(), 'wp:extent')[0]!)['cx'])).toBe(pageGeometry('portrait').textWidth * 635);
  });

  it('holds 抄送 ending with 。 and 印发机关 with the date followed by 印发, between thick and thin rules', () => {
    const inner = elements(box(), 'w:p');
    expect(inner.map(textOf)).toEqual([
      '',
      '抄送：济宁市人民政府，济宁市生态环境局。',
      '',
      '济宁市兖州区人民政府办公室\t2023年7月6日印发',
      '',
    ]);
    const rule = (p: string) => attrs(elements(p, 'w:bottom')[0] ?? '<x/>')['w:sz'];
    expect(inner.map(rule)).toEqual(['8', undefined, '6', undefined, '8']);
    // 4号 (14 pt), one character in from either side; 抄送 wraps under the first name
    expect(inner[1]).toContain('<w:ind w:left="1120" w:right="280" w:hanging="840"/>');
    expect(inner[3]).toContain('<w:ind w:left="280" w:right="280"/>');
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Imprint">[\s\S]*?<w:sz w:val="28"\/>[\s\S]*?<\/w:style>/);
  });
});
