/**
 * Page geometry and type sizes of an official document (公文) after GB/T 9704-2012《党政机关公文格式》:
 * A4, 版心 156 mm × 225 mm (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm),
 * 3号仿宋 body text, 22 lines of 28 characters per page.
 */

/** 1 mm in twips (1/20 pt): 1440 / 25.4. */
export function mmToTwips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Chinese type sizes (字号) in points. */
export const FONT_SIZE = {
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
} as const;

/** The official font names, exactly as Word and WPS know them. */
export const FONT = {
  /** body text, 1. and （1） headings, tables */
  fangsong: '仿宋_GB2312',
  /** the title */
  xiaobiaosong: '方正小标宋简体',
  /** 一、 headings, 附件 labels */
  heiti: '黑体',
  /** （一） headings */
  kaiti: '楷体_GB2312',
  /** page numbers (4号半角宋体阿拉伯数字) */
  songti: '宋体',
  /** Latin letters and digits in body text */
  latin: 'Times New Roman',
} as const;

export type Orientation = 'portrait' | 'landscape';

/** A4 in twips: 210 mm × 297 mm. */
export const A4 = { width: mmToTwips(210), height: mmToTwips(297) } as const;

/** GB/T 9704 margins (portrait) in twips. */
export const MARGINS = {
  top: mmToTwips(37),
  bottom: mmToTwips(35),
  left: mmToTwips(28),
  right: mmToTwips(26),
  header: mmToTwips(15),
  footer: footerDistance(mmToTwips(35)),
} as const;

/**
 * Footer distance from the page edge for a bottom margin: the page number's dashes sit 7 mm below the text
 * block, and its 4号 line is about 6 mm high (35 mm margin → 22 mm).
 */
export function footerDistance(bottomMargin: number): number {
  return bottomMargin - mmToTwips(13);
}

/** Body text: 22 lines × 28 characters per page. */
export const BODY_LINES = 22;
export const BODY_CHARS = 28;
export const BODY_SIZE_PT = FONT_SIZE.三号;

export interface PageGeometry {
  readonly orientation: Orientation;
  /** page size as laid out (landscape: width > height) */
  readonly width: number;
  readonly height: number;
  readonly margins: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number; readonly header: number; readonly footer: number };
  /** width and height of the text block (版心) */
  readonly textWidth: number;
  readonly textHeight: number;
  /** w:docGrid: line pitch in twips and character space in 1/4096 pt relative to the body size */
  readonly linePitch: number;
  readonly charSpace: number;
  /** characters per line the grid gives */
  readonly charsPerLine: number;
}

/**
 * Portrait pages carry the standard's 版心; a landscape page (a wide table in an attachment) turns the same
 * text block on its side, so both have 156 mm × 225 mm of text. Bound into the document, a landscape page
 * lies with its top at the binding edge (GB/T 9704 7.5: the table head at the binding edge of an odd page):
 * its top margin is the portrait left one, its left margin the portrait bottom one, where the page number goes.
 */
export function pageGeometry(orientation: Orientation): PageGeometry {
  const portrait = orientation === 'portrait';
  const margins = portrait
    ? { ...MARGINS }
    : { top: MARGINS.left, bottom: MARGINS.right, left: MARGINS.bottom, right: MARGINS.top, header: MARGINS.header, footer: footerDistance(MARGINS.right) };
  const width = portrait ? A4.width : A4.height;
  const height = portrait ? A4.height : A4.width;
  const textWidth = width - margins.left - margins.right;
  const textHeight = height - margins.top - margins.bottom;
  // the portrait grid's pitch on every page, so body text keeps its spacing on a landscape page
  const linePitch = Math.floor((A4.height - MARGINS.top - MARGINS.bottom) / BODY_LINES);
  const charsPerLine = portrait ? BODY_CHARS : Math.floor(textWidth / (BODY_SIZE_PT * 20));
  return { orientation, width, height, margins, textWidth, textHeight, linePitch, charSpace: charSpaceFor(textWidth, charsPerLine), charsPerLine };
}

/**
 * Word's character grid: pitch = body size + charSpace / 4096 pt. Rounded down so that `chars` pitches never
 * exceed the line (28 × 15.794 pt ≤ 442.25 pt for the portrait page).
 */
export function charSpaceFor(textWidthTwips: number, chars: number, sizePt: number = BODY_SIZE_PT): number {
  return Math.floor((textWidthTwips / 20 / chars - sizePt) * 4096);
}

/** Exact line spacing of body text in twips: the grid's line pitch (28.95 pt, 22 lines on a portrait page). */
export const BODY_LINE = pageGeometry('portrait').linePitch;

/** Width of `n` body characters (3号, 16 pt) in twips. */
export function chars(n: number, sizePt: number = BODY_SIZE_PT): number {
  return Math.round(n * sizePt * 20);
}
