import { readFileSync } from 'node:fs';
import { PDFDocument, PDFStream, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../../src/render/pdf/fonts.ts';
import { fontkitAdapter } from '../../../src/render/pdf/fontkit-adapter.ts';
import { originalCopyBytesInto, rememberWidths, speedUpPdfLib } from '../../../src/render/pdf/speedups.ts';

async function freshFont(file: string) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitAdapter);
  return doc.embedFont(readFileSync(file), { subset: true });
}

describe('pdf-lib speed-ups give what pdf-lib itself gives', () => {
  it('widths: ligatures ("ff fi"), Latin, digits and Chinese measure as the full layout measures them', async () => {
    for (const role of ['body', 'heading', 'label'] as const) {
      const plain = await freshFont(FONT_FILES[role].file);
      const cached = rememberWidths(await freshFont(FONT_FILES[role].file));
      for (const text of ['ff fi', 'office file', '指标12 危险废物利用处置率　第3页', 'ΔEQI = -0.5', 'efficient 佐证 fi', '— 2 —', '——', '目录——第3页', 'PM2.5', '②PM2.5浓度下降幅度', '']) {
        expect(cached.widthOfTextAtSize(text, 12), `${role}: ${text}`).toBeCloseTo(plain.widthOfTextAtSize(text, 12), 6);
      }
    }
    const body = await freshFont(FONT_FILES.body.file);
    expect(body.widthOfTextAtSize('ff fi', 1000)).toBeLessThan([...'ff fi'].reduce((w, ch) => w + body.widthOfTextAtSize(ch, 1000), 0));
  });

  it('stream copying: a saved document has the same bytes with and without the patch', async () => {
    const make = async () => {
      const doc = await PDFDocument.create({ updateMetadata: false });
      const page = doc.addPage([595, 842]);
      page.drawText('eco-dossier 1234', { x: 50, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
      page.drawRectangle({ x: 40, y: 40, width: 100, height: 50 });
      return doc.save({ useObjectStreams: false });
    };
    const prototype = PDFStream.prototype as unknown as { copyBytesInto: unknown };
    speedUpPdfLib();
    const patched = prototype.copyBytesInto;
    expect(patched).not.toBe(originalCopyBytesInto);
    const withPatch = await make();
    prototype.copyBytesInto = originalCopyBytesInto;
    try {
      const without = await make();
      expect(Buffer.from(withPatch).equals(Buffer.from(without))).toBe(true);
    } finally {
      prototype.copyBytesInto = patched;
    }
  });
});
