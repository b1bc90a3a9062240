import { crc32, deflateSync } from 'node:zlib';
import { appendFileSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { planAnnexVolumes, renderAnnex, renderAnnexVolume } from '../../../src/artifacts/annex/index.ts';
import { fingerprintOf } from '../../../src/files/fingerprints.ts';
import { fileRangeOf, fileStamp, keepStreamsInFile } from '../../../src/documents/pdf/file-range.ts';
import { placeEvidence } from '../../../src/artifacts/annex/evidence.ts';
import { checkImage, drawPhotoPage, embedImage, type CheckedImage, type PlacedImage } from '../../../src/artifacts/annex/evidence-image.ts';
import { A4 } from '../../../src/artifacts/annex/layout.ts';
import { embedAllFonts } from '../../../src/documents/pdf/fonts.ts';
import { savePdfToFile } from '../../../src/documents/pdf/save.ts';
import { miniProject, noisePdf, SAMPLE_EVIDENCE, tempDir } from './helpers.ts';
import { installLibraryPatches } from '../../../src/documents/patches/index.ts';

// as the annex does before it places anything: the parser's views of the file are what keep scans in it
installLibraryPatches();

const cleanups: (() => Promise<void>)[] = [];

/** A PNG file of an 8-bit image of `colorType` (2 RGB, 6 RGBA) whose compressed data is split over the IDAT chunks given. */
function pngFile(width: number, height: number, colorType: 2 | 6, idats: readonly Buffer[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colorType, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), ...idats.map((d) => chunk('IDAT', d)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small 8-bit RGBA PNG (a gradient, half transparent): pdf-lib decodes it and gives it a mask. */
function rgbaPng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows.set([x * 4, y * 5, 128, 128], y * (width * 4 + 1) + 1 + x * 4);
  return pngFile(width, height, 6, [deflateSync(rows)]);
}

/** An 8-bit RGB PNG of noise (incompressible), its data split over `chunks` IDAT chunks: placed as it is. */
function rgbPngInChunks(width: number, height: number, chunks: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  let x = 12345;
  for (let i = 0; i < rows.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    rows[i] = i % (width * 3 + 1) === 0 ? 0 : x >>> 24;
  }
  const data = deflateSync(rows);
  const step = Math.ceil(data.length / chunks);
  return pngFile(width, height, 2, Array.from({ length: chunks }, (_, i) => data.subarray(i * step, (i + 1) * step)));
}

afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('scans kept in their evidence file until the volume is written', () => {
  it('a loaded PDF: long streams become file ranges of the right bytes, short ones own copies, and the saved bytes do not change', async () => {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const file = path.join(dir.dir, 'scan.pdf');
    writeFileSync(file, await noisePdf(2, 200, 7));
    const input = new Uint8Array(readFileSync(file));
    const save = async (fileBacked: boolean) => {
      const source = await PDFDocument.load(input);
      if (fileBacked) keepStreamsInFile(source, input, file, fileStamp(statSync(file, { bigint: true })));
      const streams = source.context.enumerateIndirectObjects().map(([, o]) => o).filter((o) => o instanceof PDFRawStream);
      const out = await PDFDocument.create({ updateMetadata: false });
      for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
      return { streams, bytes: Buffer.from(await out.save()) };
    };
    const backed = await save(true);
    const ranged = backed.streams.filter((s) => fileRangeOf(s));
    expect(ranged.length).toBe(2); // the two 200 KB page images
    for (const s of backed.streams) {
      const range = fileRangeOf(s);
      if (range) expect(Buffer.from(s.getContents()).equals(Buffer.from(input.subarray(range.offset, range.offset + range.length)))).toBe(true);
      else expect(s.getContents().buffer).not.toBe(input.buffer);
    }
    expect(backed.bytes.equals((await save(false)).bytes)).toBe(true);
  });

  /** The annex of two PDFs, E1's file changed by `change` once every item is placed (E1 placed, not yet written). */
  async function annexChangingE1(seed: number, change: (file: string) => void) {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(2, 300, seed), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await noisePdf(1, 300, seed + 1), indicators: [2] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const first = project.input.data.evidence.find((e) => e.id === 'E1')!.absPath;
    const result = await renderAnnex(project.input, {
      outDir: out.dir, maxVolumeMb: 0, allowMissing: false,
      onProgress: (p) => { if (p.step === '编排佐证材料汇编' && p.done === p.total) change(first); },
    });
    return { result, written: readdirSync(out.dir) };
  }

  it('an evidence file changed after it was placed: the volume is not written and the file is named', async () => {
    const { result, written } = await annexChangingE1(1, (file) => appendFileSync(file, '%% changed\n'));
    expect(result.volumes).toEqual([]);
    const changed = result.issues.filter((i) => i.code === 'changed-during-build');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.message).toBe('佐证材料 E1（材料E1）的文件在生成过程中被改动，佐证材料汇编第1册未生成');
    expect(changed[0]!.file).toContain('a.pdf');
    expect(written).toEqual([]);
  });

  it('an evidence file removed after it was placed: the same, not a crash', async () => {
    const { result, written } = await annexChangingE1(5, (file) => unlinkSync(file));
    expect(result.issues.map((i) => i.code)).toEqual(['changed-during-build']);
    expect(written).toEqual([]);
  });

  it('an evidence file that is not as it was hashed is refused, not placed', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(1, 100, 3), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await noisePdf(1, 100, 4), indicators: [2] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const hashedAs = new Map(project.input.data.evidence.map((e) => [e.id, fingerprintOf(statSync(e.absPath, { bigint: true }))]));
    const volume = planAnnexVolumes(project.input, 0).volumes[0]!;
    const outFile = path.join(out.dir, 'v.pdf');
    const good = await renderAnnexVolume(project.input, volume, { startPage: 1, outFile, allowMissing: false, hashedAs });
    expect(good.issues).toEqual([]);
    // E2 changed after it was hashed (here: its recorded fingerprint is another one)
    hashedAs.set('E2', 'another');
    const bad = await renderAnnexVolume(project.input, volume, { startPage: 1, outFile, allowMissing: false, hashedAs });
    expect(bad.issues.map((i) => [i.code, i.message])).toEqual([['changed-during-build', '佐证材料 E2（材料E2）的文件在生成过程中被改动，佐证材料汇编第1册未生成']]);
    expect(readdirSync(out.dir)).toEqual([]);
  });

  it('a placed photo gives the bytes of embedding it as pdf-lib does at save: a JPEG, an RGB PNG kept in its file in three pieces, an RGBA PNG (its mask numbered at save)', async () => {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const project = await miniProject([
      { id: 'P1', file: 'rgba.png', bytes: rgbaPng(64, 48), indicators: [1] },
      { id: 'P2', file: 'rgb.png', bytes: rgbPngInChunks(300, 200, 3), indicators: [1] },
      { id: 'J1', file: 'photo.jpg', bytes: readFileSync(path.join(SAMPLE_EVIDENCE, '区水务局/河长公示牌.jpg')), indicators: [1] },
    ]);
    cleanups.push(project.cleanup);
    for (const evidence of project.input.data.evidence) {
      const placed = await PDFDocument.create({ updateMetadata: false });
      const placedFonts = await embedAllFonts(placed);
      await placeEvidence(placed, placedFonts, evidence, project.input.data.dir);
      placed.addPage();
      const ranges = placed.context.enumerateIndirectObjects().map(([, o]) => fileRangeOf(o)).filter((r) => r !== undefined);
      if (evidence.id === 'P2') expect(ranges.map((r) => r.parts?.length)).toEqual([3]);
      // as pdf-lib is used without keeping anything in the file: embed, draw, and a page after it
      const plain = await PDFDocument.create({ updateMetadata: false });
      const plainFonts = await embedAllFonts(plain);
      const bytes = new Uint8Array(readFileSync(evidence.absPath));
      const checked = checkImage(evidence.type as 'jpeg' | 'png', bytes) as CheckedImage;
      const image = await embedImage(plain, checked, bytes, true);
      drawPhotoPage(plain.addPage([A4.width, A4.height]), plainFonts, evidence, image as PlacedImage, checked);
      plain.addPage();
      const file = path.join(dir.dir, `${evidence.id}.pdf`);
      await savePdfToFile(placed, file);
      expect(readFileSync(file).equals(Buffer.from(await plain.save({ useObjectStreams: true, objectsPerTick: Infinity }))), evidence.id).toBe(true);
    }
  });
});

describe('evidence read into two buffers in turn', () => {
  it('a volume of scans, photos and pictures pdf-lib decodes is byte for byte the one read with a buffer per file', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await noisePdf(3, 150, 11), indicators: [1] },
      { id: 'E2', file: 'b.png', bytes: rgbPngInChunks(300, 200, 3), indicators: [1] },
      { id: 'E3', file: 'c.pdf', bytes: await noisePdf(1, 40, 12), indicators: [1] },
      { id: 'E4', file: 'd.jpg', bytes: readFileSync(path.join(SAMPLE_EVIDENCE, '区水务局/河长公示牌.jpg')), indicators: [2] },
      { id: 'E5', file: 'e.png', bytes: rgbaPng(64, 48), indicators: [2] },
      { id: 'E6', file: 'f.pdf', bytes: await noisePdf(2, 90, 13), indicators: [2] },
      { id: 'E7', file: 'g.png', bytes: rgbPngInChunks(200, 150, 1), indicators: [2] },
    ]);
    cleanups.push(project.cleanup);
    const out = await tempDir();
    cleanups.push(out.cleanup);
    const volume = planAnnexVolumes(project.input, 0).volumes[0]!;
    const render = async (reuseReadBuffers: boolean) => {
      const outFile = path.join(out.dir, `${reuseReadBuffers}.pdf`);
      const result = await renderAnnexVolume(project.input, volume, { startPage: 1, outFile, allowMissing: false, reuseReadBuffers });
      expect(result.issues).toEqual([]);
      return readFileSync(outFile);
    };
    const reused = await render(true);
    expect(reused.equals(await render(false))).toBe(true);
  });
});
