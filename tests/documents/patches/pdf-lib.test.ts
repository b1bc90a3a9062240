import { readFileSync } from 'node:fs';
import { PDFContext, PDFDocument, PDFObjectParser, PDFRawStream, PDFStream, StandardFonts, type PDFFont } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../../src/documents/pdf/fonts.ts';
import { fontkitAdapter } from '../../../src/documents/pdf/fontkit-adapter.ts';
import { rememberGlyphs, rememberWidths } from '../../../src/documents/pdf/glyph-cache.ts';
import { originalByteSlice, originalCopyBytesInto, originalRawClone, speedUpPdfLib } from '../../../src/documents/patches/pdf-lib.ts';

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

  it('widths: documents embedding the same font bytes share what was measured (each annex volume lays out no character again)', async () => {
    const bytes = new Uint8Array(readFileSync(FONT_FILES.body.file));
    const embed = async () => {
      const doc = await PDFDocument.create();
      doc.registerFontkit(fontkitAdapter);
      return rememberWidths(await doc.embedFont(bytes, { subset: true }));
    };
    const text = '指标12 危险废物利用处置率　第3页';
    const first = await embed();
    const width = first.widthOfTextAtSize(text, 12);
    const second = await embed();
    const shaping = (second as unknown as { embedder: { font: { layout: (...a: unknown[]) => unknown } } }).embedder.font;
    const layout = shaping.layout.bind(shaping);
    let layouts = 0;
    shaping.layout = (...a: unknown[]) => {
      layouts++;
      return layout(...a);
    };
    expect(second.widthOfTextAtSize(text, 12)).toBe(width);
    expect(layouts).toBe(0);
    // a character neither has measured yet is laid out once, then remembered for both
    expect(second.widthOfTextAtSize('鲸', 10)).toBeCloseTo((await freshFont(FONT_FILES.body.file)).widthOfTextAtSize('鲸', 10), 6);
    expect(layouts).toBe(1);
    expect(first.widthOfTextAtSize('鲸', 10)).toBe(second.widthOfTextAtSize('鲸', 10));
  });

  it('parsing: documents embedding the same font bytes share one parsed font, and save what a font parsed afresh gives', async () => {
    const bytes = new Uint8Array(readFileSync(FONT_FILES.label.file));
    const draw = async (font: Uint8Array, text: string) => {
      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.registerFontkit(fontkitAdapter);
      const embedded = rememberGlyphs(rememberWidths(await doc.embedFont(font, { subset: true, customName: 'label' })));
      doc.addPage([595, 842]).drawText(text, { x: 40, y: 800, size: 12, font: embedded });
      const parsed = (embedded as unknown as { embedder: { font: object } }).embedder.font;
      return { parsed, bytes: Buffer.from(await doc.save({ useObjectStreams: true })) };
    };
    // the first volume uses glyphs the second does not, and the other way round
    const first = await draw(bytes, '佐证材料汇编（第1册）— 1 —');
    const second = await draw(bytes, '指标12 危险废物利用处置率　第3页 PM2.5');
    expect(second.parsed).toBe(first.parsed);
    const afresh = await draw(new Uint8Array(bytes), '指标12 危险废物利用处置率　第3页 PM2.5');
    expect(afresh.parsed).not.toBe(first.parsed);
    expect(second.bytes.equals(afresh.bytes)).toBe(true);
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

  it('glyphs: text drawn with remembered glyphs gives the same content and subset font bytes as the full layout', async () => {
    const texts = ['指标12 危险废物利用处置率　第3页', '— 2 —', '目录——第3页', 'ff fi office', 'PM2.5 ΔEQI', '佐证材料汇编（第1册）', '第12—15页', '', '②③'];
    const draw = async (remember: boolean) => {
      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.registerFontkit(fontkitAdapter);
      const fonts: PDFFont[] = [];
      for (const role of ['body', 'heading', 'label'] as const) {
        const font = await doc.embedFont(readFileSync(FONT_FILES[role].file), { subset: true, customName: role });
        fonts.push(remember ? rememberGlyphs(font) : font);
        // the remembered encoding is the embedder's own function, not its prototype's
        expect(Object.hasOwn((font as unknown as { embedder: object }).embedder, 'encodeText')).toBe(remember);
      }
      const page = doc.addPage([595, 842]);
      const encoded: string[] = [];
      texts.forEach((text, k) => {
        for (const font of fonts) {
          encoded.push(font.encodeText(text).toString());
          page.drawText(text, { x: 40, y: 800 - 20 * k, size: 12, font });
        }
      });
      return { encoded, bytes: Buffer.from(await doc.save({ useObjectStreams: true })) };
    };
    const remembered = await draw(true);
    const plain = await draw(false);
    expect(remembered.encoded).toEqual(plain.encoded);
    expect(remembered.bytes.equals(plain.bytes)).toBe(true);
  });

  it('copied pages: parsed and cloned streams share the file bytes, and the saved document has the same bytes as with copying', async () => {
    const evidence = readFileSync('fixtures/yanzhou-2023/evidence/区统计局/能源消费统计.pdf');
    const copy = async () => {
      const source = await PDFDocument.load(evidence);
      const doc = await PDFDocument.create({ updateMetadata: false });
      for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
      return Buffer.from(await doc.save({ useObjectStreams: true }));
    };
    speedUpPdfLib();
    const prototype = PDFRawStream.prototype as unknown as { clone: typeof originalRawClone };
    const patched = prototype.clone;
    expect(patched).not.toBe(originalRawClone);
    const raw = PDFRawStream.of((await PDFDocument.create()).context.obj({}), new Uint8Array([1, 2, 3]));
    expect(raw.clone().getContents()).toBe(raw.getContents());
    const byteStream = Object.getPrototypeOf((PDFObjectParser.forBytes(new Uint8Array(0), PDFContext.create()) as unknown as { bytes: object }).bytes) as { slice: typeof originalByteSlice };
    const patchedSlice = byteStream.slice;
    expect(patchedSlice).not.toBe(originalByteSlice);
    const parsedStream = async () => {
      const input = new Uint8Array(evidence);
      const doc = await PDFDocument.load(input);
      const stream = doc.context.enumerateIndirectObjects().map(([, o]) => o).find((o) => o instanceof PDFRawStream) as PDFRawStream;
      return stream.getContents().buffer === input.buffer;
    };
    expect(await parsedStream()).toBe(true);
    const shared = await copy();
    prototype.clone = originalRawClone;
    byteStream.slice = originalByteSlice;
    try {
      expect(raw.clone().getContents()).not.toBe(raw.getContents());
      expect(await parsedStream()).toBe(false);
      expect(shared.equals(await copy())).toBe(true);
    } finally {
      prototype.clone = patched;
      byteStream.slice = patchedSlice;
    }
  });
});
