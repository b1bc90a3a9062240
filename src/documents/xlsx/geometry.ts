/**
 * Text geometry for spreadsheet cells: how wide a text is, how many lines it wraps to in a column,
 * and how tall a row must be. exceljs writes no row heights and LibreOffice does not fit them on import,
 * so wrapped Chinese text would overlap unless we compute them here.
 *
 * Units: a column width is counted in "width units" (the width of a digit of the workbook's default
 * font, 宋体 11 — see workbook-bytes.ts: about 8 px); a row height in points. A CJK character of size s pt
 * is s × 96/72 px wide, i.e. about 0.167 × s width units (1.83 at 11 pt).
 */

/** Pixels of one width unit (digit width of the default font 宋体 11, in Excel and in LibreOffice alike). */
export const PX_PER_UNIT = 8;
/** Space the cell's left and right margins take, in width units. */
const CELL_PADDING_UNITS = 1.2;
/**
 * Line height as a multiple of the font size: LibreOffice renders the official fonts with Noto CJK,
 * whose ascent + descent is about 1.44 em; Excel/WPS with 仿宋_GB2312 need less, so rows are never short.
 */
const LINE_HEIGHT_EM = 1.45;
/** Space above and below the text in a row, in points. */
const ROW_PADDING_PT = 6;

/** Width units of one em at `size` points. */
export function emUnits(size: number): number {
  return (size * 96) / 72 / PX_PER_UNIT;
}

/**
 * Width of one character in em: full width for CJK ideographs, CJK and full-width punctuation,
 * circled numbers and the comparison signs a CJK font draws full width; about half for Latin letters
 * and digits.
 */
export function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return ch === '%' || ch === 'M' || ch === 'W' ? 0.92 : ch === ' ' ? 0.3 : 0.58;
  if (code >= 0x2460 && code <= 0x24ff) return 1; // ①②③
  if (code >= 0x2200 && code <= 0x22ff) return 1; // ≥ ≤ Δ-like math signs
  if (code >= 0x0370 && code <= 0x03ff) return 0.7; // Greek (Δ)
  if (code >= 0x2e80) return 1; // CJK, full-width forms, CJK punctuation
  return 0.7;
}

/** Width of a one-line text in width units at `size` points. */
export function textUnits(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * emUnits(size);
}

/** Characters that may not start a line (kinsoku): they stay with the character before them. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’%·…—']);
/** Characters that may not end a line: they stay with the character after them. */
const NO_LINE_END = new Set([...'（《「『“‘']);

/**
 * Pieces a line may break between: a CJK character alone (with the punctuation that may not start or
 * end a line kept on it), a run of Latin letters and digits as one word (2022年 breaks after 2022, never inside).
 */
function breakUnits(text: string): string[] {
  const units: string[] = [];
  let glue = false;
  for (const m of text.matchAll(/[A-Za-z0-9.,_%+\-]+|./gsu)) {
    const piece = m[0];
    const first = [...piece][0]!;
    if (units.length && (glue || NO_LINE_START.has(first))) units[units.length - 1] += piece;
    else units.push(piece);
    glue = NO_LINE_END.has([...piece].pop()!);
  }
  return units;
}

/** How many lines one paragraph takes when wrapped into `width` units (at least 1). */
function paragraphLines(text: string, width: number, size: number): number {
  const available = Math.max(width - CELL_PADDING_UNITS, emUnits(size));
  let lines = 1;
  let used = 0;
  for (const piece of breakUnits(text)) {
    const w = textUnits(piece, size);
    if (used > 0 && used + w > available + 1e-9) {
      lines++;
      used = 0;
    }
    if (w > available) {
      // a word wider than a whole line is broken wherever it must be
      const extra = Math.ceil(w / available) - 1;
      lines += extra;
      used = w - extra * available;
    } else {
      used += w;
    }
  }
  return lines;
}

/**
 * A paragraph broken into lines where wrapping would break it, for cells whose line positions matter
 * (sub-indicator lines side by side): with explicit breaks the renderer has nothing left to decide.
 * The estimate errs on the narrow side, so a renderer never needs to wrap such a line again.
 */
export function breakLines(text: string, width: number, size: number): string[] {
  const available = Math.max(width - CELL_PADDING_UNITS, emUnits(size));
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const piece of breakUnits(paragraph)) {
      for (const part of textUnits(piece, size) > available ? [...piece] : [piece]) {
        const w = textUnits(part, size);
        if (used > 0 && used + w > available + 1e-9) {
          out.push(line);
          line = '';
          used = 0;
        }
        line += part;
        used += w;
      }
    }
    out.push(line);
  }
  return out;
}

/** Lines a cell text takes in a column of `width` units: explicit newlines plus wrapping. */
export function wrappedLines(text: string, width: number, size: number): number {
  return text.split('\n').reduce((sum, paragraph) => sum + paragraphLines(paragraph, width, size), 0);
}

/** Height in points of a row showing `lines` lines of text at `size` points. */
export function rowHeight(lines: number, size: number): number {
  return round1(Math.max(1, lines) * LINE_HEIGHT_EM * size + ROW_PADDING_PT);
}

/** Width (units) a column needs to show every text of `texts` without wrapping, within [min, max]. */
export function fitWidth(texts: readonly string[], size: number, min: number, max: number): number {
  const widest = Math.max(0, ...texts.flatMap((t) => t.split('\n')).map((line) => textUnits(line, size)));
  return round1(Math.min(max, Math.max(min, widest + CELL_PADDING_UNITS + 0.8)));
}

/**
 * Distributes the extra height a merged cell needs over the rows it spans: the rows keep their own
 * heights and each gets an equal share of what is missing.
 */
export function stretchRows(heights: number[], from: number, to: number, needed: number): void {
  const have = heights.slice(from, to + 1).reduce((a, b) => a + b, 0);
  if (have >= needed) return;
  const share = (needed - have) / (to - from + 1);
  for (let r = from; r <= to; r++) heights[r] = round1(heights[r]! + share);
}

function round1(n: number): number {
  return Math.ceil(n * 10) / 10;
}
