/**
 * Line breaking for Chinese text on pages eco-dossier draws itself. pdf-lib only breaks at spaces, so text is
 * measured and broken here, with the usual 禁则 (line-breaking rules of GB/T 15834 practice):
 * no line starts with closing or pausing punctuation (，。、；：）」』！？ …) and none ends with an opening
 * bracket or quote (（「『 …). A break that would break a rule moves earlier, taking the character before it
 * to the next line; only where that would empty the line does the punctuation hang past the margin.
 * Latin words and numbers (PM2.5, 86.2%, ≥20) and ranges of numbers (5—9, 2020—2022, 33～35) are kept whole
 * unless wider than the line.
 */

/** What line breaking needs of a font: pdf-lib's PDFFont has it. */
export interface MeasuringFont {
  widthOfTextAtSize(text: string, size: number): number;
}

const WIDTHS = new WeakMap<MeasuringFont, Map<string, number>>();

/** 行首禁则: characters that may not begin a line. */
export const NO_LINE_START = new Set([...'，。、；：？！）」』】〕〉》”’…‥％‰℃·・〜～,.;:?!)]}%']);
/** 行尾禁则: characters that may not end a line. */
export const NO_LINE_END = new Set([...'（「『【〔〈《“‘([{']);

/** Latin letters, digits and the ASCII punctuation that belongs inside a word or number. */
const WORD = /^[A-Za-z0-9\u00C0-\u024F.,'%+\-_/:@#&=~*<>≥≤±]+$/u;
/** A range of numbers: 5—9, 2020—2022年 is cut after 2022, 33～35, 08:30—12:00. */
const RANGE = /[0-9][0-9.,:%]*(?:\u2060?(?:—+|–|～|〜|~)\u2060?[0-9][0-9.,:%]*)+/u;
const PLAIN_TOKEN = /[A-Za-z0-9\u00C0-\u024F.,'%+\-_/:@#&=~*<>≥≤±]+|[ \t\u3000]+|—+|…+|[\s\S]/gu;
const TOKEN = new RegExp(`${RANGE.source}|[A-Za-z0-9\\u00C0-\\u024F.,'%+\\-_/:@#&=~*<>≥≤±]+|[ \\t\\u3000]+|—+|…+|[\\s\\S]`, 'gu');

function isSpace(unit: string): boolean {
  return /^[ \t\u3000]+$/.test(unit);
}

function tokenize(paragraph: string, measure: (s: string) => number, maxWidth: number, tokens: RegExp = TOKEN): string[] {
  const units: string[] = [];
  for (const match of paragraph.matchAll(tokens)) {
    const unit = match[0];
    // a range of numbers is one word while it takes at most half the line (with a bracket or a word beside it
    // it must still fit); a longer one breaks at its dash like any text
    if (RANGE.test(unit) && !WORD.test(unit) && measure(unit) > maxWidth / 2) units.push(...tokenize(unit, measure, maxWidth, PLAIN_TOKEN));
    // a word wider than the line is broken between its characters
    else if (WORD.test(unit) && unit.length > 1 && measure(unit) > maxWidth) for (const ch of unit) units.push(ch);
    else units.push(unit);
  }
  return units;
}

/** Moves a break earlier while it would break a rule; `start` if nothing can move. */
function settle(units: readonly string[], start: number, at: number): number {
  const violates = (i: number) =>
    NO_LINE_START.has(units[i]!.charAt(0)) || NO_LINE_END.has(units[i - 1]!.charAt(units[i - 1]!.length - 1));
  while (at > start && violates(at)) at--;
  return at;
}

const trimEnd = (s: string) => s.replace(/[ \t\u3000]+$/u, '');

function breakParagraph(
  units: readonly string[],
  measure: (s: string) => number,
  measureLine: (s: string) => number,
  maxWidth: number,
): string[] {
  const lines: string[] = [];
  let start = 0;
  const n = units.length;
  while (start < n) {
    while (start < n && isSpace(units[start]!)) start++;
    if (start >= n) break;
    let width = 0;
    let end = start;
    while (end < n) {
      const w = measure(units[end]!);
      if (width + w > maxWidth && end > start && !isSpace(units[end]!)) break;
      width += w;
      end++;
    }
    let at = end < n ? settle(units, start, end) : end;
    // the sum of the parts can differ from the whole line by kerning: check the whole, move back if needed
    while (at > start + 1 && measureLine(trimEnd(units.slice(start, at).join(''))) > maxWidth) {
      const earlier = settle(units, start, at - 1);
      if (earlier === start) break;
      at = earlier;
    }
    if (at === start) {
      // nothing can move down: let closing punctuation hang past the margin instead
      at = end;
      while (at < n && NO_LINE_START.has(units[at]!.charAt(0))) at++;
    }
    end = at;
    lines.push(trimEnd(units.slice(start, end).join('')));
    start = end;
  }
  return lines;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` at `size` (explicit '\n' starts a new line; an empty
 * line stays empty). Returns at least one line.
 */
export function breakLines(text: string, font: MeasuringFont, size: number, maxWidth: number): string[] {
  // widths grow linearly with the size: measured once per font at size 1 (a font shapes text slowly)
  let widths = WIDTHS.get(font);
  if (!widths) WIDTHS.set(font, (widths = new Map()));
  const known = widths;
  const measure = (s: string) => {
    let w = known.get(s);
    if (w === undefined) {
      w = font.widthOfTextAtSize(s, 1);
      known.set(s, w);
    }
    return w * size;
  };
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const broken = breakParagraph(tokenize(paragraph, measure, maxWidth), measure, (line) => font.widthOfTextAtSize(line, size), maxWidth);
    // one by one: spreading a paragraph of millions of lines into push() overflows the stack
    if (broken.length === 0) lines.push('');
    for (const line of broken) lines.push(line);
  }
  return lines;
}
