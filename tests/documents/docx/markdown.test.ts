import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/documents/docx/inline.ts';
import { MarkdownError, parseMarkdown, type Block } from '../../../src/documents/docx/markdown.ts';

function kinds(blocks: readonly Block[]) {
  return blocks.map((b) => (b.kind === 'directive' ? `directive:${b.name}` : b.kind));
}

function errorOf(text: string): MarkdownError {
  try {
    parseMarkdown(text);
  } catch (e) {
    if (e instanceof MarkdownError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('the official-document Markdown subset', () => {
  it('reads headings, paragraphs and lists with the line each starts on', () => {
    const blocks = parseMarkdown('# 标题<br>第二行\n\n## 基本情况\n\n正文第一行，\n接着写。\n\n1. 甲\n2. 乙\n   1. 丙\n- 丁\n');
    expect(kinds(blocks)).toEqual(['heading', 'heading', 'paragraph', 'list', 'list']);
    const [title, h2, paragraph, ordered] = blocks;
    expect(title).toMatchObject({ depth: 1, line: 1 });
    expect(title!.kind === 'heading' && title!.content.map((i) => i.kind)).toEqual(['text', 'break', 'text']);
    expect(h2).toMatchObject({ depth: 2, line: 3 });
    // a soft line break between Chinese characters joins without a space
    expect(paragraph!.kind === 'paragraph' && plainText(paragraph!.content)).toBe('正文第一行，接着写。');
    expect(paragraph!.line).toBe(5);
    expect(ordered).toMatchObject({ kind: 'list', ordered: true, start: 1, line: 8 });
    expect(ordered!.kind === 'list' && ordered!.items[1]!.children[0]).toMatchObject({ kind: 'list', ordered: true });
  });

  it('keeps bold and emphasis and joins Latin words with a space', () => {
    const [p] = parseMarkdown('这是**重点**和*强调*，see\nhere');
    expect(p!.kind === 'paragraph' && p!.content).toEqual([
      { kind: 'text', text: '这是' },
      { kind: 'text', text: '重点', bold: true },
      { kind: 'text', text: '和' },
      { kind: 'text', text: '强调', emphasis: true },
      { kind: 'text', text: '，see here' },
    ]);
  });

  it('reads leaf and container directives, and three ways of writing a page break', () => {
    const text = [
      '::: recipient 生态环境部：',
      '正文',
      '::: table indicators',
      '\\pagebreak',
      '<!-- pagebreak -->',
      '::: pagebreak',
      '::: signature',
      '济宁市兖州区人民政府',
      '',
      '2023年7月20日',
      ':::',
      '<!-- 模板里的说明不会出现在文件中 -->',
      '::: attachment 1 landscape',
    ].join('\n');
    const blocks = parseMarkdown(text);
    expect(kinds(blocks)).toEqual([
      'directive:recipient', 'paragraph', 'directive:table', 'directive:pagebreak', 'directive:pagebreak',
      'directive:pagebreak', 'directive:signature', 'directive:attachment',
    ]);
    expect(blocks[0]).toMatchObject({ args: '生态环境部：', line: 1 });
    expect(blocks[2]).toMatchObject({ args: 'indicators', line: 3 });
    expect(blocks[6]).toMatchObject({ lines: ['济宁市兖州区人民政府', '2023年7月20日'], line: 7 });
    expect(blocks[7]).toMatchObject({ args: '1 landscape', line: 13 });
  });

  it('reads a GFM table', () => {
    const [table] = parseMarkdown('| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n');
    expect(table!.kind === 'table' && table!.rows.length).toBe(1);
  });

  it('names the line of an unknown directive, an unclosed container and an unsupported element', () => {
    expect(errorOf('正文\n\n::: sigature\n').line).toBe(3);
    expect(errorOf('正文\n\n::: sigature\n').message).toContain('不认识的指令 ::: sigature');
    expect(errorOf('# 标题\n\n::: signature\n济宁市兖州区人民政府\n').message).toContain('缺少结束行');
    expect(errorOf('# 标题\n\n> 引用\n').line).toBe(3);
    expect(errorOf('a\n\n```\ncode\n```\n').message).toContain('code');
  });
});
