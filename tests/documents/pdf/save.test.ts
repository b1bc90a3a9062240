import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { embedAllFonts } from '../../../src/documents/pdf/fonts.ts';
import { savePdfToFile } from '../../../src/documents/pdf/save.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EVIDENCE = path.resolve('fixtures/yanzhou-2023/evidence');

/** A document with what an annex volume holds: embedded subset fonts, Chinese text, copied evidence pages, a photo and a PNG. */
async function volumeLike(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedAllFonts(doc);
  const cover = doc.addPage([595.28, 841.89]);
  cover.drawText('佐证材料汇编（第1册）', { x: 72, y: 700, size: 22, font: fonts.heading });
  cover.drawText('济宁市兖州区 ff fi ——', { x: 72, y: 650, size: 14, font: fonts.body });
  const source = await PDFDocument.load(readFileSync(path.join(EVIDENCE, '区统计局/能源消费统计.pdf')));
  for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
  const jpg = await doc.embedJpg(readFileSync(path.join(EVIDENCE, '区自然资源局/泗河湿地鸟类监测.jpg')));
  const png = await doc.embedPng(readFileSync(path.join(EVIDENCE, '区住建局/黑臭水体整治前后对比.png')));
  const photos = doc.addPage([595.28, 841.89]);
  photos.drawImage(jpg, { x: 72, y: 400, width: 300, height: 200 });
  photos.drawImage(png, { x: 72, y: 100, width: 300, height: 200 });
  photos.drawText('第3页', { x: 280, y: 40, size: 10, font: fonts.label });
  // a stream larger than the writer's 1 MiB piece, as a scanned page is
  const scan = Buffer.alloc(1_500_000);
  for (let k = 0; k < scan.length; k++) scan[k] = (k * 7919) % 251;
  doc.context.register(PDFRawStream.of(doc.context.obj({ Length: scan.length }), scan));
  return doc;
}

describe('savePdfToFile', () => {
  it('writes the bytes doc.save() gives, and their sha256', async () => {
    const saved = Buffer.from(await (await volumeLike()).save({ useObjectStreams: true, objectsPerTick: Infinity }));
    const file = path.join(dir, 'streamed.pdf');
    const streamed = await savePdfToFile(await volumeLike(), file);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1_500_000);
    expect(streamed.bytes).toBe(bytes.length);
    expect(streamed.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.equals(saved)).toBe(true);
  });
});
