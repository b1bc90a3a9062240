import { ImageRun } from 'docx';
import { BODY_LINE } from './layout.ts';

/**
 * Figures (插图) of an official document: a picture the caller supplies as PNG bytes, centred on its own line
 * with its caption (图1　…) under it. The writer draws nothing itself: the report renders its charts and hands
 * them over by name, as it does with tables. Sizes are fixed on the page, so the same bytes give the same file.
 */
export interface FigureSpec {
  /** the picture, PNG */
  readonly png: Uint8Array;
  /** size on the page in millimetres; a figure larger than the text block is scaled down to fit it */
  readonly widthMm: number;
  readonly heightMm: number;
  /** what the picture shows, for readers that cannot see it (Word's alt text) */
  readonly description: string;
}

/** 96 pixels an inch: the unit docx's ImageRun takes (1 pixel = 9525 EMU). */
const PIXELS_PER_MM = 96 / 25.4;
const TWIPS_PER_MM = 1440 / 25.4;

/** The picture's size on the page in whole pixels, within `maxWidth` × `maxHeight` twips, aspect kept. */
export function figurePixels(spec: FigureSpec, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const fit = Math.min(1, maxWidth / TWIPS_PER_MM / spec.widthMm, maxHeight / TWIPS_PER_MM / spec.heightMm);
  return { width: Math.floor(spec.widthMm * fit * PIXELS_PER_MM), height: Math.floor(spec.heightMm * fit * PIXELS_PER_MM) };
}

/** Body lines the picture takes on the page, rounded up (for the writer's count of a page's lines). */
export function figureLines(pixels: { height: number }): number {
  return Math.ceil((pixels.height / PIXELS_PER_MM) * TWIPS_PER_MM / BODY_LINE);
}

/**
 * The image run, named after the figure, its caption as the title of its alt text. Its drawing id is
 * renumbered after packing (docx counts drawings per process, not per document).
 */
export function figureRun(spec: FigureSpec, pixels: { width: number; height: number }, name: string, caption: string): ImageRun {
  return new ImageRun({
    type: 'png',
    data: spec.png,
    transformation: pixels,
    altText: { name, description: spec.description, title: caption || name },
  });
}

/**
 * docx numbers `wp:docPr` ids from one counter per process, so a second document built in the same process
 * would get other ids. In the body the figures come first in order: numbered from `first` in that order.
 */
export function renumberDrawings(xml: string, first: number): string {
  let next = first;
  return xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${next++}"`);
}
