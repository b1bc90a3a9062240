import { rgb } from 'pdf-lib';
import type { Box } from '../../documents/pdf/index.ts';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import type { TextStyle } from '../../documents/pdf/index.ts';

/** A4 in points. Pages eco-dossier draws (cover, contents, dividers, photos, placeholders) are A4 portrait. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Margins of generated pages. */
export const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/**
 * Bands at the top and bottom of every page kept free of evidence content: the header stamp
 * (指标12 危险废物利用处置率　第3页) sits in the top band, the page number (— 5 —) in the bottom one.
 * Evidence pages are shrunk uniformly into what is left (about 93 % on A4).
 */
export const BAND = { top: 30, bottom: 30, side: 14 } as const;

/**
 * Stamps keep one physical size up to A3; on larger drawings (A2, A1 …) they grow with the page,
 * so that they stay readable when the page is printed or shown scaled down.
 */
export function stampUnit(width: number, height: number): number {
  return Math.max(1, Math.min(width, height) / 842);
}

/** Where an evidence page's content goes on a page of the given size. */
export function evidenceArea(width: number, height: number): Box {
  const u = stampUnit(width, height);
  return { x: BAND.side * u, y: BAND.bottom * u, width: width - 2 * BAND.side * u, height: height - (BAND.top + BAND.bottom) * u };
}

export const RED = rgb(0.75, 0.05, 0.05);
export const RULE = rgb(0.55, 0.55, 0.55);

export function styles(fonts: PdfFonts) {
  return {
    heading: { font: fonts.heading, size: 20, lineHeight: 30 } satisfies TextStyle,
    subheading: { font: fonts.heading, size: 13, lineHeight: 22 } satisfies TextStyle,
    body: { font: fonts.body, size: 11, lineHeight: 18 } satisfies TextStyle,
    small: { font: fonts.body, size: 9.5, lineHeight: 14, color: rgb(0.3, 0.3, 0.3) } satisfies TextStyle,
    label: { font: fonts.label, size: 10.5, lineHeight: 18 } satisfies TextStyle,
  };
}
export type AnnexStyles = ReturnType<typeof styles>;
