import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';
import { toInlines, type Inline } from './inline.ts';

/**
 * The Markdown subset an official document is written in, read by the real Markdown parser (marked) into a
 * small tree the docx writer maps node by node. See README「模板的 Markdown 子集」.
 */
export type Block =
  | { readonly kind: 'heading'; readonly depth: number; readonly content: readonly Inline[]; readonly line: number }
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[]; readonly line: number }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly ListItem[]; readonly line: number }
  | { readonly kind: 'table'; readonly header: readonly (readonly Inline[])[]; readonly rows: readonly (readonly (readonly Inline[])[])[]; readonly line: number }
  | Directive;

export interface ListItem {
  readonly content: readonly Inline[];
  /** nested lists and further paragraphs of the item */
  readonly children: readonly Block[];
}

/** `::: name args` (leaf) or `::: name args` … `:::` (container, its lines kept as written). */
export interface Directive {
  readonly kind: 'directive';
  readonly name: string;
  readonly args: string;
  readonly lines: readonly string[];
  readonly line: number;
}

/** A problem in the Markdown itself, at a line of the text given to `parseMarkdown`. */
export class MarkdownError extends Error {
  constructor(readonly line: number, readonly detail: string, readonly snippet?: string) {
    super(`第 ${line} 行：${detail}`);
    this.name = 'MarkdownError';
  }
}

/** Directives with a body closed by a line `:::`; every other known directive is a single line. */
export const CONTAINER_DIRECTIVES = new Set(['signature', 'attachments', 'roster', 'masthead', 'seal', 'imprint']);
export const LEAF_DIRECTIVES = new Set(['pagebreak', 'table', 'figure', 'attachment', 'recipient', 'subtitle', 'caption', 'note']);

interface DirectiveToken extends Tokens.Generic {
  type: 'directive';
  name: string;
  args: string;
  lines: string[];
  unterminated: boolean;
}

const PAGEBREAK = /^(?:\\pagebreak|<!--\s*pagebreak\s*-->)[ \t]*(?:\n|$)/;
const OPENING = /^:::[ \t]*([A-Za-z][\w-]*)?([^\n]*)(?:\n|$)/;

const directiveExtension: TokenizerExtension = {
  name: 'directive',
  level: 'block',
  start: (src) => /^(?::::|\\pagebreak|<!--\s*pagebreak)/m.exec(src)?.index,
  tokenizer(src): DirectiveToken | undefined {
    const pagebreak = PAGEBREAK.exec(src);
    if (pagebreak) return { type: 'directive', raw: pagebreak[0], name: 'pagebreak', args: '', lines: [], unterminated: false };
    const open = OPENING.exec(src);
    if (!open) return undefined;
    const name = open[1] ?? '';
    const args = (open[2] ?? '').trim();
    if (!CONTAINER_DIRECTIVES.has(name)) return { type: 'directive', raw: open[0], name, args, lines: [], unterminated: false };
    const rest = src.slice(open[0].length);
    const close = /^:::[ \t]*(?:\n|$)/m.exec(rest);
    if (!close) return { type: 'directive', raw: src, name, args, lines: [], unterminated: true };
    const body = rest.slice(0, close.index).split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return { type: 'directive', raw: open[0] + rest.slice(0, close.index + close[0].length), name, args, lines: body, unterminated: false };
  },
};

const parser = new Marked({ gfm: true, extensions: [directiveExtension] });

/** Markdown text → blocks, each with the line it starts on. Throws MarkdownError for what the subset lacks. */
export function parseMarkdown(text: string): Block[] {
  const source = text.replace(/\r\n?/g, '\n');
  const tokens = parser.lexer(source);
  const blocks: Block[] = [];
  let offset = 0;
  for (const token of tokens) {
    const line = lineAt(source, offset, token.raw);
    offset = advance(source, offset, token.raw);
    blocks.push(...toBlocks(token, line));
  }
  return blocks;
}

function lineAt(source: string, offset: number, raw: string): number {
  const found = source.indexOf(raw.replace(/^\n+/, ''), offset);
  const at = found >= 0 ? found : offset;
  let line = 1;
  for (let i = 0; i < at; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function advance(source: string, offset: number, raw: string): number {
  const found = source.indexOf(raw, offset);
  return found >= 0 ? found + raw.length : offset + raw.length;
}

function toBlocks(token: Token, line: number): Block[] {
  switch (token.type) {
    case 'space':
      return [];
    case 'heading':
      return [{ kind: 'heading', depth: (token as Tokens.Heading).depth, content: toInlines(token.tokens ?? [], line), line }];
    case 'paragraph':
    case 'text':
      return [{ kind: 'paragraph', content: toInlines(token.tokens ?? [{ type: 'text', raw: token.raw, text: token.raw } as Token], line), line }];
    case 'list':
      return [toList(token as Tokens.List, line)];
    case 'table': {
      const t = token as Tokens.Table;
      return [{ kind: 'table', header: t.header.map((c) => toInlines(c.tokens, line)), rows: t.rows.map((r) => r.map((c) => toInlines(c.tokens, line))), line }];
    }
    case 'directive':
      return [toDirective(token as DirectiveToken, line)];
    case 'html':
      if (/^\s*<!--[\s\S]*-->\s*$/.test(token.raw)) return [];
      throw new MarkdownError(line, `不支持 HTML 块：${token.raw.trim().slice(0, 40)}`, token.raw);
    default:
      throw new MarkdownError(line, `公文模板不支持这种 Markdown 元素（${token.type}）`, token.raw);
  }
}

function toList(list: Tokens.List, line: number): Block {
  const items = list.items.map((item): ListItem => {
    const [first, ...rest] = item.tokens;
    const leading = first && (first.type === 'text' || first.type === 'paragraph');
    return {
      content: leading ? toInlines(first.tokens ?? [], line) : [],
      children: (leading ? rest : item.tokens).flatMap((t) => toBlocks(t, line)),
    };
  });
  return { kind: 'list', ordered: list.ordered, start: typeof list.start === 'number' ? list.start : 1, items, line };
}

function toDirective(token: DirectiveToken, line: number): Directive {
  if (!token.name) throw new MarkdownError(line, '“:::” 后缺少指令名', token.raw);
  if (token.unterminated) throw new MarkdownError(line, `指令 ::: ${token.name} 缺少结束行 “:::”`, token.raw);
  if (!CONTAINER_DIRECTIVES.has(token.name) && !LEAF_DIRECTIVES.has(token.name)) {
    const known = [...LEAF_DIRECTIVES, ...CONTAINER_DIRECTIVES].join('、');
    throw new MarkdownError(line, `不认识的指令 ::: ${token.name}（可用：${known}）`, token.raw.split('\n')[0]);
  }
  return { kind: 'directive', name: token.name, args: token.args, lines: token.lines, line };
}
