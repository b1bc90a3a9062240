import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { officialDocument, type FigureSpec, type TableSpec } from '../../../src/documents/docx/index.ts';
import { MarkdownError } from '../../../src/documents/docx/markdown.ts';
import { pngOf, pngRows } from '../../helpers/crafted.ts';
import { attrs, bodyParagraphs, elements, first, openDocx, style, styleOf, textOf } from './docx-xml.ts';

const wide: FigureSpec = { png: pngOf(40, 20, pngRows(40, 20)), widthMm: 200, heightMm: 100, description: '示意图：甲 3 项、乙 5 项' };
const small: FigureSpec = { png: pngOf(30, 20, pngRows(30, 20, 3).fill(0x30)), widthMm: 120, heightMm: 80, description: '小图' };
const TABLE: TableSpec = { columns: [{ title: '序号', width: 1 }], rows: [{ cells: [{ lines: ['1'] }] }] };

const MARKDOWN = `## 指标达标情况

正文见图1。

::: table t

::: figure overview 图1　各领域指标达标情况

::: figure detail

## 下一部分
`;

const render = () => officialDocument({ markdown: MARKDOWN, tables: { t: TABLE }, figures: { overview: wide, detail: small }, date: '2023-07-20' });

/** EMU → mm */
const mm = (emu: string) => Number(emu) / 36000;

describe('officialDocument: figures', () => {
  it('centres the picture on its own line with the caption under it, kept together', async () => {
    const doc = (await openDocx(await render()))['word/document.xml']!;
    const paragraphs = bodyParagraphs(doc).map((p) => ({ style: styleOf(p), text: textOf(p), drawing: p.includes('<w:drawing>'), xml: p }));
    const at = paragraphs.findIndex((p) => p.drawing);
    expect(paragraphs.slice(at, at + 3).map((p) => [p.style, p.text, p.drawing])).toEqual([
      ['Figure', '', true], ['FigureCaption', '图1　各领域指标达标情况', false], ['Figure', '', true],
    ]);
    expect(paragraphs[at]!.xml).toContain('<w:keepNext/>');
    // half a line from the table above; the second picture (no caption) is not kept with what follows
    expect(attrs(first(paragraphs[at]!.xml, 'w:spacing')!)['w:before']).toBe('290');
    expect(paragraphs[at + 2]!.xml).not.toContain('<w:keepNext/>');
    expect(paragraphs[at + 3]!.style).toBe('Heading1');
  });

  it('styles the picture line single-spaced (exact spacing would cut it) and the caption 黑体 4号 centred', async () => {
    const styles = (await openDocx(await render()))['word/styles.xml']!;
    expect(style(styles, 'Figure')).toContain('<w:spacing w:line="240" w:lineRule="auto"/>');
    expect(style(styles, 'Figure')).toContain('<w:jc w:val="center"/>');
    const caption = style(styles, 'FigureCaption');
    expect(caption).toContain('w:eastAsia="黑体"');
    expect(caption).toContain('<w:sz w:val="28"/>');
    expect(caption).toContain('<w:jc w:val="center"/>');
    expect(caption).not.toContain('<w:keepNext/>');
  });

  it('fits a picture wider than the text block into its 156 mm, aspect kept, and keeps a smaller one as given', async () => {
    const doc = (await openDocx(await render()))['word/document.xml']!;
    const [big, little] = elements(doc, 'wp:extent').map((e) => attrs(e));
    expect(mm(big!.cx!)).toBeGreaterThan(155);
    expect(mm(big!.cx!)).toBeLessThanOrEqual(156);
    expect(Number(big!.cx) / Number(big!.cy)).toBeCloseTo(2, 2);
    expect(mm(little!.cx!)).toBeCloseTo(120, 0);
    expect(mm(little!.cy!)).toBeCloseTo(80, 0);
  });

  it('embeds the PNG bytes as given, with alt text, under stable names', async () => {
    const zip = await JSZip.loadAsync(await render());
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).sort();
    expect(media).toEqual(['word/media/image1.png', 'word/media/image2.png']);
    const stored = await Promise.all(media.map((n) => zip.file(n)!.async('nodebuffer')));
    expect(stored.map((b) => b.toString('hex')).sort()).toEqual([wide.png, small.png].map((b) => Buffer.from(b).toString('hex')).sort());
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(elements(doc, 'wp:docPr').map((d) => attrs(d))).toEqual([
      { id: '1', name: 'overview', descr: '示意图：甲 3 项、乙 5 项', title: '图1　各领域指标达标情况' },
      { id: '2', name: 'detail', descr: '小图', title: 'detail' },
    ]);
  });

  it('is byte-identical when built again in the same process (docx counts drawings per process)', async () => {
    const a = await render();
    const b = await render();
    expect(createHash('sha256').update(b).digest('hex')).toBe(createHash('sha256').update(a).digest('hex'));
  });

  it('rejects a figure the caller did not provide, naming the line and the figures there are', async () => {
    const error = await officialDocument({ markdown: '正文\n\n::: figure nope 图1　无\n', figures: { overview: wide }, date: '2023-07-20' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarkdownError);
    expect((error as MarkdownError).message).toBe('第 3 行：没有名为“nope”的插图（可用：overview）');
  });
});
