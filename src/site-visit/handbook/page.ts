import { rgb, type PDFPage } from 'pdf-lib';
import { drawLine, lineHeightOf, wrap, type PdfFonts, type TextStyle, type VerdictKind } from '../shared.ts';

/** A4 portrait in points, and the handbook's margins. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 56, bottom: 56, left: 56, right: 56 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK = rgb(0.1, 0.1, 0.1);
export const GREY = rgb(0.45, 0.45, 0.45);
export const LIGHT = rgb(0.8, 0.8, 0.8);
export const RED = rgb(0.75, 0.05, 0.05);
export const BLUE = rgb(0.05, 0.3, 0.65);

const VERDICT_COLOR: Record<VerdictKind, ReturnType<typeof rgb>> = {
  达标: rgb(0.05, 0.5, 0.2),
  未达标: RED,
  待补充: rgb(0.8, 0.45, 0),
  不涉及: GREY,
};
export const verdictColor = (v: VerdictKind) => VERDICT_COLOR[v];

export function handbookStyles(fonts: PdfFonts) {
  return {
    title: { font: fonts.heading, size: 24, lineHeight: 36, align: 'center' } satisfies TextStyle,
    heading: { font: fonts.heading, size: 16, lineHeight: 24 } satisfies TextStyle,
    subheading: { font: fonts.heading, size: 11.5, lineHeight: 18 } satisfies TextStyle,
    body: { font: fonts.body, size: 10.5, lineHeight: 16 } satisfies TextStyle,
    small: { font: fonts.body, size: 8.5, lineHeight: 12, color: GREY } satisfies TextStyle,
    label: { font: fonts.label, size: 9.5, lineHeight: 14 } satisfies TextStyle,
    mapLabel: { font: fonts.label, size: 7.5, lineHeight: 10 } satisfies TextStyle,
  };
}
export type HandbookStyles = ReturnType<typeof handbookStyles>;

/** Wrapped text from the top line `top` (its top edge); returns the y below the last line. */
export function drawText(page: PDFPage, text: string, x: number, top: number, width: number, style: TextStyle): number {
  let y = top;
  for (const line of wrap(text, width, style)) {
    drawLine(page, line, x, y - style.size, width, style);
    y -= lineHeightOf(style);
  }
  return y;
}

/** The page number — N — centred at the foot. */
export function drawFolio(page: PDFPage, n: number, style: TextStyle): void {
  drawLine(page, `— ${n} —`, 0, 28, A4.width, { ...style, align: 'center' });
}

export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

export interface Cell {
  readonly text: string;
  readonly color?: ReturnType<typeof rgb>;
}

/** A ruled table; each row as tall as its tallest wrapped cell. Returns the y below the table. */
export function drawTable(page: PDFPage, x: number, top: number, columns: readonly Column[], rows: readonly (readonly (Cell | string)[])[], style: TextStyle, head: TextStyle): number {
  const pad = 4;
  const total = columns.reduce((s, c) => s + c.width, 0);
  let y = top;
  const drawRow = (cells: readonly (Cell | string)[], st: TextStyle, shade: boolean) => {
    const lines = cells.map((c, i) => wrap(typeof c === 'string' ? c : c.text, columns[i]!.width - 2 * pad, st));
    const height = Math.max(...lines.map((l) => l.length)) * lineHeightOf(st) + 2 * pad - (lineHeightOf(st) - st.size) / 2;
    if (shade) page.drawRectangle({ x, y: y - height, width: total, height, color: rgb(0.93, 0.93, 0.93) });
    let cx = x;
    cells.forEach((c, i) => {
      const color = typeof c === 'string' ? undefined : c.color;
      let ly = y - pad - st.size;
      for (const line of lines[i]!) {
        drawLine(page, line, cx + pad, ly, columns[i]!.width - 2 * pad, { ...st, align: columns[i]!.align ?? 'left', ...(color ? { color } : {}) });
        ly -= lineHeightOf(st);
      }
      cx += columns[i]!.width;
    });
    page.drawLine({ start: { x, y: y - height }, end: { x: x + total, y: y - height }, thickness: 0.5, color: LIGHT });
    y -= height;
  };
  page.drawLine({ start: { x, y }, end: { x: x + total, y }, thickness: 0.8, color: INK });
  drawRow(columns.map((c) => c.title), head, true);
  for (const row of rows) drawRow(row, style, false);
  page.drawLine({ start: { x, y }, end: { x: x + total, y }, thickness: 0.8, color: INK });
  return y;
}
