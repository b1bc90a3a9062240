import type { Token, Tokens } from 'marked';

/** A piece of text inside a paragraph: plain, **bold**, *emphasised* (set in 楷体), or a line break (`<br>`). */
export type Inline =
  | { readonly kind: 'text'; readonly text: string; readonly bold?: boolean; readonly emphasis?: boolean }
  | { readonly kind: 'break' };

interface Marks {
  readonly bold?: boolean;
  readonly emphasis?: boolean;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * A soft line break inside a paragraph joins the lines: without a space between Chinese characters
 * (a template may wrap a long sentence), with one between Latin words.
 */
export function joinSoftBreaks(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, (_m, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _m.length] ?? '';
    return CJK.test(before) || CJK.test(after) || !before || !after ? '' : ' ';
  });
}

/**
 * A range of numbers (1—8月, 2021—2035年, 5—9、33～35) never breaks at its dash in justified text: Word and
 * LibreOffice may break after a dash, leaving "33—" at a line's end and "35" at the next one's start. Word
 * joiners (U+2060, no width, no break) on both sides of the dash keep the range one word.
 */
export function keepRangesWhole(text: string): string {
  return text.replace(/(\d)\u2060?([—–～〜~])\u2060?(?=\d)/g, '$1\u2060$2\u2060');
}

/**
 * A list of numbers (第1、5—9、12、14、22项) may break after each 、: LibreOffice takes 、 between digits for a
 * separator inside one number and will not break the list, so a long one went whole to the next line and the
 * line before it was stretched letter by letter. A zero-width space (U+200B) after the 、 is the break
 * Word, WPS and LibreOffice all allow; a reader sees only the list.
 */
export function breakNumberLists(text: string): string {
  return text.replace(/(\d)、\u200b?(?=\d)/g, '$1、\u200b');
}

export function toInlines(tokens: readonly Token[], line: number, marks: Marks = {}): Inline[] {
  const out: Inline[] = [];
  const text = (t: string) => {
    if (t) out.push({ kind: 'text', text: joinSoftBreaks(t), ...marks });
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        if ('tokens' in token && token.tokens?.length) out.push(...toInlines(token.tokens, line, marks));
        else text((token as Tokens.Text).text);
        break;
      case 'escape':
      case 'codespan':
        text((token as Tokens.Escape).text);
        break;
      case 'strong':
        out.push(...toInlines((token as Tokens.Strong).tokens, line, { ...marks, bold: true }));
        break;
      case 'em':
        out.push(...toInlines((token as Tokens.Em).tokens, line, { ...marks, emphasis: true }));
        break;
      case 'del':
      case 'link':
        out.push(...toInlines((token as Tokens.Link).tokens, line, marks));
        break;
      case 'br':
        out.push({ kind: 'break' });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(token.raw.trim())) out.push({ kind: 'break' });
        else if (!/^<!--[\s\S]*-->$/.test(token.raw.trim())) text(token.raw);
        break;
      default:
        text(token.raw);
    }
  }
  return out;
}

/** The text of inlines, breaks as newlines: for numbering checks and tests. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'break' ? '\n' : i.text)).join('');
}
