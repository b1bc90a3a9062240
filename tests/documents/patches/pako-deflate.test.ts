import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { deflateReusing, originalDeflate, speedUpPdfDeflate, usePdfDeflate } from '../../../src/documents/patches/pako-deflate.ts';
import { fontkitAdapter } from '../../../src/documents/pdf/fontkit-adapter.ts';

/** The pako module pdf-lib compresses with. */
const pako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as { deflate: typeof originalDeflate };

/** Bytes of several kinds: text like a page's content stream, noise, runs, and sizes around pako's 16 KB piece. */
function inputs(): Uint8Array[] {
  const stamp = (i: number) => Buffer.from(`q\nBT\n/F1 9 Tf\n1 0 0 1 ${56 + (i % 7)} ${800 - (i % 13)} Tm\n<${(i * 2654435761 >>> 0).toString(16)}0041> Tj\nET\nQ\n`);
  const list: Uint8Array[] = [];
  for (let i = 0; i < 40; i++) list.push(stamp(i));
  list.push(new Uint8Array(0), Buffer.from('a'), Buffer.alloc(70_000, 7), randomBytes(16_383), randomBytes(16_384), randomBytes(16_385));
  list.push(randomBytes(300_000), Buffer.from('东方红太阳升'.repeat(20_000)), stamp(1), randomBytes(33));
  // text with long repeats after large noise: a compressor keeping anything of the last stream would show it here
  list.push(Buffer.concat([randomBytes(40_000), Buffer.from('BT /F1 9 Tf ET\n'.repeat(5_000))]), stamp(2));
  return list;
}

describe('one reset compressor for the streams pdf-lib writes', () => {
  it('gives pako.deflate\'s bytes for every input, in any order', () => {
    const all = inputs();
    for (const order of [all, [...all].reverse()]) {
      for (const input of order) expect(Buffer.from(deflateReusing(input)).equals(Buffer.from(originalDeflate(input))), `${input.length} bytes`).toBe(true);
    }
  });

  it('hands calls with options or other input to pako unchanged', () => {
    speedUpPdfDeflate();
    expect(pako.deflate).not.toBe(originalDeflate);
    const text = 'eco-dossier '.repeat(100);
    expect(Buffer.from(pako.deflate(text)).equals(Buffer.from(originalDeflate(text)))).toBe(true);
    const bytes = randomBytes(5000);
    expect(Buffer.from(pako.deflate(bytes, { level: 9, raw: true })).equals(Buffer.from(originalDeflate(bytes, { level: 9, raw: true })))).toBe(true);
  });

  it('a document with pages drawn on, an embedded subset font and copied pages has the same bytes with and without it', async () => {
    const font = readFileSync('node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
    const evidence = readFileSync('fixtures/yanzhou-2023/evidence/区统计局/能源消费统计.pdf');
    const make = async () => {
      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.registerFontkit(fontkitAdapter);
      const chinese = await doc.embedFont(font, { subset: true });
      const latin = await doc.embedFont(StandardFonts.Helvetica);
      const source = await PDFDocument.load(evidence);
      for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
      for (let k = 0; k < 30; k++) {
        const page = k < doc.getPageCount() ? doc.getPage(k) : doc.addPage([595, 842]);
        page.drawText(`指标${k + 1} 第${k + 1}页`, { x: 56, y: 800, size: 9, font: chinese });
        page.drawText(`— ${k + 1} —`, { x: 280, y: 30, size: 10, font: latin, color: rgb(0, 0, 0) });
        page.drawRectangle({ x: 40, y: 40, width: 100 + k, height: 50 });
      }
      return Buffer.from(await doc.save({ useObjectStreams: false }));
    };
    speedUpPdfDeflate();
    const installed = pako.deflate;
    let calls = 0;
    usePdfDeflate((i, o) => (calls++, installed(i, o)));
    const patched = await make();
    expect(calls).toBeGreaterThan(30); // pdf-lib compressed its streams through it
    usePdfDeflate(originalDeflate);
    try {
      expect(patched.equals(await make())).toBe(true);
    } finally {
      usePdfDeflate(installed);
    }
  });
});
