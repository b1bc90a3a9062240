import { LineRuleType, Paragraph, Table, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';
import { circled, chineseNumeral } from '../../common/index.ts';
import { attachmentNote, roster, signature } from './elements.ts';
import type { AnchorSet } from './anchored.ts';
import { figureLines, figurePixels, figureRun, type FigureSpec } from './figure.ts';
import { imprint, masthead, note, sealedSignature } from './formal.ts';
import { breakNumberLists, keepRangesWhole, plainText, type Inline } from './inline.ts';
import { BODY_LINE, FONT, pageGeometry, type Orientation } from './layout.ts';
import { MarkdownError, type Block, type Directive, type ListItem } from './markdown.ts';
import type { StyleId } from './styles.ts';
import { buildTable, type TableSpec } from './table.ts';
import { paginateTable } from './table-pages.ts';

/** A run of pages with one orientation: the body, then one per attachment (附件). */
export interface DocumentPart {
  readonly orientation: Orientation;
  readonly children: (Paragraph | Table)[];
}

/**
 * Heading numbering by level, GB/T 9704's 一、 （一） 1. （1）: `##` gets 一、, `###` （一）, `####` 1.,
 * `#####` （1）. A heading that already starts with its number keeps it. A `#` title or an attachment restarts it.
 */
const NUMBERING: readonly { readonly style: StyleId; readonly format: (n: number) => string; readonly present: RegExp }[] = [
  { style: 'Heading1', format: (n) => `${chineseNumeral(n)}、`, present: /^[一二三四五六七八九十]+、/ },
  { style: 'Heading2', format: (n) => `（${chineseNumeral(n)}）`, present: /^（[一二三四五六七八九十]+）/ },
  { style: 'Heading3', format: (n) => `${n}.`, present: /^\d+[.．]/ },
  { style: 'Heading4', format: (n) => `（${n}）`, present: /^（\d+）/ },
];

/** Markers of ordered list items by nesting depth: 1. → （1） → ①. */
const LIST_MARKERS: readonly ((n: number) => string)[] = [(n) => `${n}.`, (n) => `（${n}）`, (n) => circled(n)];

export interface BlockContext {
  readonly tables: Readonly<Record<string, TableSpec>>;
  /** pictures the Markdown places with `::: figure NAME 图1　…` */
  readonly figures: Readonly<Record<string, FigureSpec>>;
  /** boxes anchored to the page (the 版记), placed after packing */
  readonly anchors: AnchorSet;
}

export function runsOf(inlines: readonly Inline[], prefix = ''): TextRun[] {
  const runs: TextRun[] = prefix ? [new TextRun(prefix)] : [];
  for (const inline of inlines) {
    if (inline.kind === 'break') runs.push(new TextRun({ break: 1 }));
    else runs.push(new TextRun({ text: breakNumberLists(keepRangesWhole(inline.text)), ...(inline.bold ? { bold: true } : {}), ...(inline.emphasis ? { font: { eastAsia: FONT.kaiti } } : {}) }));
  }
  return runs;
}

/** Maps the blocks to document parts: builders per node kind, one small state (counters, part, page break). */
export function layoutBlocks(blocks: readonly Block[], context: BlockContext): DocumentPart[] {
  const parts: DocumentPart[] = [{ orientation: 'portrait', children: [] }];
  const counters = [0, 0, 0, 0];
  let breakBefore = false;
  const current = () => parts[parts.length - 1]!;
  const add = (...children: (Paragraph | Table)[]) => current().children.push(...children);
  /** body lines used on the current page so far, roughly (for a table the writer paginates: its first page's room) */
  let linesUsed = 0;
  const paragraph = (style: StyleId, children: ParagraphChild[], extra: Partial<IParagraphOptions> = {}, lines = 1) => {
    if (breakBefore) linesUsed = 0;
    linesUsed += lines;
    const p = new Paragraph({ style, children, ...(breakBefore ? { pageBreakBefore: true } : {}), ...extra });
    breakBefore = false;
    return p;
  };
  const table = (spec: TableSpec) => {
    if (breakBefore) add(paragraph('Normal', []));
    const page = pageGeometry(current().orientation);
    if (!spec.paginate) return add(buildTable(spec, page.textWidth));
    const room = page.textHeight / 20;
    const pages = paginateTable(spec, page.textWidth, room - (linesUsed * BODY_LINE) / 20, room);
    pages.forEach((chunk, i) => {
      if (i > 0) add(new Paragraph({ style: 'Normal', pageBreakBefore: true, spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [] }));
      add(buildTable(chunk, page.textWidth));
    });
    linesUsed = 0;
  };

  /** The picture centred on its own line, kept with its caption under it (a figure's caption follows it). */
  const figure = (d: Directive) => {
    const name = d.args.split(/\s+/)[0] ?? '';
    const spec = context.figures[name];
    if (!spec) {
      const known = Object.keys(context.figures).join('、') || '无';
      throw new MarkdownError(d.line, `没有名为“${name}”的插图（可用：${known}）`);
    }
    const caption = d.args.slice(d.args.indexOf(name) + name.length).trim();
    const page = pageGeometry(current().orientation);
    const pixels = figurePixels(spec, page.textWidth, page.textHeight - 2 * BODY_LINE);
    // half a line from a table above it (text above has its own line's room)
    const afterTable = current().children.at(-1) instanceof Table;
    const extra = { ...(caption ? { keepNext: true } : {}), ...(afterTable ? { spacing: { before: Math.round(BODY_LINE / 2) } } : {}) };
    add(paragraph('Figure', [figureRun(spec, pixels, name, caption)], extra, figureLines(pixels) + (afterTable ? 1 : 0)));
    if (caption) add(paragraph('FigureCaption', [new TextRun(caption)]));
  };

  const list = (block: Extract<Block, { kind: 'list' }>, depth: number) => {
    block.items.forEach((item: ListItem, i) => {
      const marker = block.ordered ? LIST_MARKERS[Math.min(depth, LIST_MARKERS.length - 1)]!(block.start + i) : '';
      add(paragraph('BodyText', runsOf(item.content, marker)));
      for (const child of item.children) {
        if (child.kind === 'list') list(child, depth + 1);
        else visit(child);
      }
    });
  };

  const directive = (d: Directive) => {
    switch (d.name) {
      case 'pagebreak':
        breakBefore = true;
        return;
      case 'attachment': {
        const [no = '', orientation = 'portrait'] = d.args.split(/\s+/).filter(Boolean);
        if (orientation !== 'portrait' && orientation !== 'landscape') {
          throw new MarkdownError(d.line, `附件方向应为 portrait 或 landscape，实际为“${orientation}”`);
        }
        parts.push({ orientation, children: [] });
        counters.fill(0);
        breakBefore = false;
        linesUsed = 0;
        add(paragraph('AttachmentLabel', [new TextRun(`附件${no}`)], {}, 2));
        return;
      }
      case 'table': {
        const spec = context.tables[d.args];
        if (!spec) {
          const known = Object.keys(context.tables).join('、') || '无';
          throw new MarkdownError(d.line, `没有名为“${d.args}”的表格（可用：${known}）`);
        }
        table(spec);
        return;
      }
      case 'figure':
        return figure(d);
      case 'recipient':
        return add(paragraph('Recipient', [new TextRun(d.args)]));
      case 'subtitle':
        return add(paragraph('Subtitle', [new TextRun(d.args)]));
      case 'caption':
        return add(paragraph('Caption', [new TextRun(d.args)]));
      case 'signature':
        return add(...withBreak(signature(d.lines)));
      case 'attachments':
        return add(...withBreak(attachmentNote(d.lines)));
      case 'roster':
        return add(...withBreak(roster(d.lines)));
      case 'masthead':
        return add(...withBreak(masthead(d.lines, d.line)));
      case 'seal':
        return add(...withBreak(sealedSignature(d.lines, d.line)));
      case 'note':
        return add(note(d.args));
      case 'imprint':
        return add(...imprint(d.lines, d.line, context.anchors));
      default:
        throw new MarkdownError(d.line, `不认识的指令 ::: ${d.name}`);
    }
  };

  /** A page break before a block of ready-made paragraphs goes into an empty paragraph of its own. */
  const withBreak = (ps: Paragraph[]): Paragraph[] => (breakBefore ? [paragraph('Normal', []), ...ps] : ps);

  const heading = (block: Extract<Block, { kind: 'heading' }>, next: Block | undefined) => {
    if (block.depth === 1) {
      counters.fill(0);
      const subtitleNext = next?.kind === 'directive' && next.name === 'subtitle';
      const titleLines = block.content.filter((i) => i.kind === 'break').length + 1;
      return add(paragraph('Title', runsOf(block.content), subtitleNext ? { spacing: { after: 0 } } : {}, titleLines + (subtitleNext ? 0 : 1)));
    }
    const level = block.depth - 2;
    const numbering = NUMBERING[level];
    if (!numbering) throw new MarkdownError(block.line, `标题最多到 #####（（1）级），这里是 ${'#'.repeat(block.depth)}`);
    counters[level]!++;
    counters.fill(0, level + 1);
    const text = plainText(block.content);
    const prefix = numbering.present.test(text) ? '' : numbering.format(counters[level]!);
    add(paragraph(numbering.style, runsOf(block.content, prefix)));
  };

  const visit = (block: Block, next?: Block) => {
    switch (block.kind) {
      case 'heading':
        return heading(block, next);
      case 'paragraph':
        return add(paragraph('BodyText', runsOf(block.content)));
      case 'list':
        return list(block, 0);
      case 'table':
        return table({
          columns: block.header.map((h) => ({ title: plainText(h), width: 1 })),
          rows: block.rows.map((r) => ({ cells: r.map((c) => ({ lines: plainText(c).split('\n') })) })),
        });
      case 'directive':
        return directive(block);
    }
  };

  blocks.forEach((block, i) => visit(block, blocks[i + 1]));
  return parts;
}
