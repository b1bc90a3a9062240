import type { PDFPage } from 'pdf-lib';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import { fitSize, GREY } from '../../documents/pdf/index.ts';
import { BAND, stampUnit } from './layout.ts';

/** The footer of every page after the cover: `— 5 —` (an inserted page: `— 83-1 —`), centred. */
export function pageNumberText(label: string): string {
  return `— ${label} —`;
}

/** The small header of evidence pages: where a reviewer's reference “指标12 第3页” points. */
export function evidenceHeaderText(indicatorNo: number, indicatorName: string, pageInSection: number): string {
  return `指标${indicatorNo} ${indicatorName}　第${pageInSection}页`;
}

/** Stamps the page number centred in the bottom band (pages are upright: see shrinkPageInto). */
export function stampPageNumber(page: PDFPage, fonts: PdfFonts, label: string): void {
  const { width, height } = page.getSize();
  const u = stampUnit(width, height);
  const text = pageNumberText(label);
  const size = 10.5 * u;
  const w = fonts.label.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (width - w) / 2, y: (BAND.bottom * u - size) / 2 + 1.5 * u, size, font: fonts.label });
}

/** Stamps the evidence header right-aligned in the top band, shrinking it on narrow pages. */
export function stampEvidenceHeader(page: PDFPage, fonts: PdfFonts, text: string): void {
  const { width, height } = page.getSize();
  const u = stampUnit(width, height);
  const margin = Math.max(BAND.side * u, Math.min(40 * u, width * 0.06));
  const size = fitSize(text, fonts.label, 9 * u, width - 2 * margin, 5 * u);
  const w = fonts.label.widthOfTextAtSize(text, size);
  page.drawText(text, { x: width - margin - w, y: height - (BAND.top * u + size) / 2 - 0.5 * u, size, font: fonts.label, color: GREY });
}
