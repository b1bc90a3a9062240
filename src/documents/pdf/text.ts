import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { breakLines } from './linebreak.ts';

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  /** distance between baselines; default 1.5 × size */
  readonly lineHeight?: number;
  readonly color?: RGB;
  readonly align?: Align;
}

export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);

export function lineHeightOf(style: TextStyle): number {
  return style.lineHeight ?? style.size * 1.5;
}

/** Draws one line of text with its baseline at y, aligned within [x, x + width]. */
export function drawLine(page: PDFPage, text: string, x: number, y: number, width: number, style: TextStyle): void {
  if (text === '') return;
  const w = style.font.widthOfTextAtSize(text, style.size);
  const left = style.align === 'center' ? x + (width - w) / 2 : style.align === 'right' ? x + width - w : x;
  page.drawText(text, { x: left, y, size: style.size, font: style.font, color: style.color ?? BLACK });
}

/** Lines of a paragraph as they will be drawn: wrapped to `width` with the CJK rules. */
export function wrap(text: string, width: number, style: TextStyle): string[] {
  return breakLines(text, style.font, style.size, width);
}

/**
 * Draws wrapped text; `y` is the first baseline. Returns the baseline after the last line (where the next
 * line would go).
 */
export function drawParagraph(page: PDFPage, text: string, x: number, y: number, width: number, style: TextStyle): number {
  let baseline = y;
  for (const line of wrap(text, width, style)) {
    drawLine(page, line, x, baseline, width, style);
    baseline -= lineHeightOf(style);
  }
  return baseline;
}

/** The largest size ≤ `size` (and ≥ `minSize`) at which `text` fits on one line of `width`. */
export function fitSize(text: string, font: PDFFont, size: number, width: number, minSize = size / 2): number {
  const w = font.widthOfTextAtSize(text, size);
  return w <= width ? size : Math.max(minSize, (size * width) / w);
}

/**
 * Lines for a list of short fields (出具单位：…　日期：…　文号：…): fields are kept whole and packed onto lines
 * separated by `separator`; only a field wider than the whole line is broken inside.
 */
export function wrapFields(fields: readonly string[], width: number, style: TextStyle, separator = '　'): string[] {
  const lines: string[] = [];
  let current = '';
  const fits = (text: string) => style.font.widthOfTextAtSize(text, style.size) <= width;
  for (const field of fields.filter((f) => f !== '')) {
    const joined = current ? `${current}${separator}${field}` : field;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current) lines.push(current);
    if (fits(field)) current = field;
    else {
      const broken = wrap(field, width, style);
      for (const line of broken.slice(0, -1)) lines.push(line);
      current = broken[broken.length - 1] ?? '';
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}
