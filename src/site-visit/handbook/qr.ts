import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

/**
 * A QR code drawn as vector rectangles (one per horizontal run of dark modules), with the 4-module quiet zone
 * the standard asks for on a white ground: sharp at any zoom and in print, and no image to embed.
 */
export function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / (n + 8);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const from = col;
      while (col < n && modules.get(row, col)) col++;
      page.drawRectangle({ x: x + (4 + from) * unit, y: y + size - (4 + row + 1) * unit, width: (col - from) * unit, height: unit, color: rgb(0, 0, 0) });
    }
  }
}

/** What a site's code carries: a geo URI (RFC 5870, WGS-84), which phone map apps open. */
export function geoUri(lat: number, lon: number): string {
  return `geo:${lat.toFixed(6)},${lon.toFixed(6)}`;
}
