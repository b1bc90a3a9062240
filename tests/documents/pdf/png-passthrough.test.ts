import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedImage } from '../../../src/artifacts/annex/evidence-image.ts';
import { crc32, crc32Table, pngPassthroughData } from '../../../src/documents/pdf/png.ts';
import { haveTools } from '../../helpers/tools.ts';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32Table(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG whose left half is pure red and right half pure blue. */
function png(options: { colorType?: number; interlace?: number; trns?: boolean } = {}): Buffer {
  const width = 40;
  const height = 20;
  const colorType = options.colorType ?? 2;
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 1;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * channels);
    for (let x = 0; x < width; x++) {
      const px = x < width / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255];
      for (let c = 0; c < channels; c++) row[1 + x * channels + c] = channels === 1 ? 128 : px[c]!;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colorType, 0, 0, options.interlace ?? 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(options.trns ? [chunk('tRNS', Buffer.from([0, 0, 0, 0, 0, 0]))] : []),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PNG placed without re-encoding', () => {
  it('the native CRC-32 equals the table-driven one', () => {
    const bytes = Buffer.from('IHDR 佐证材料 0123456789'.repeat(50));
    expect(crc32(bytes)).toBe(crc32Table(bytes));
  });

  it('takes 8-bit RGB and grey as they are, and leaves alpha, transparency and interlacing to the decoder', () => {
    expect(pngPassthroughData(png())).toMatchObject({ colors: 3, info: { width: 40, height: 20 } });
    expect(pngPassthroughData(png({ colorType: 0 }))).toMatchObject({ colors: 1 });
    expect(pngPassthroughData(png({ colorType: 6 }))).toBeUndefined();
    expect(pngPassthroughData(png({ trns: true }))).toBeUndefined();
    expect(pngPassthroughData(png({ interlace: 1 }))).toBeUndefined();
  });

  it('refuses compressed data that does not inflate', async () => {
    const bad = png();
    const idat = bad.indexOf('IDAT', 0, 'latin1');
    bad[idat + 6] = bad[idat + 6]! ^ 0xff;
    // fix the chunk CRC so only the deflate stream is broken
    const length = bad.readUInt32BE(idat - 4);
    bad.writeUInt32BE(crc32Table(bad.subarray(idat, idat + 4 + length)), idat + 4 + length);
    const doc = await PDFDocument.create();
    const placed = await embedImage(doc, { type: 'png', width: 40, height: 20, orientation: 1 }, bad);
    expect(placed).toMatchObject({ kind: 'image-corrupt' });
  });

  describe.runIf(haveTools('pdftoppm'))('as a reader shows it', () => {
    it('renders the same colours as the PNG', async () => {
      const doc = await PDFDocument.create();
      const page = doc.addPage([40, 20]);
      const placed = await embedImage(doc, { type: 'png', width: 40, height: 20, orientation: 1 }, png());
      if (!('ref' in placed)) throw new Error('not placed');
      const name = page.node.newXObject('Im', placed.ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(40, 0, 0, 20, 0, 0), drawObject(name), popGraphicsState());
      const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-png-'));
      try {
        writeFileSync(path.join(dir, 'p.pdf'), await doc.save());
        execFileSync('pdftoppm', ['-r', '72', '-singlefile', path.join(dir, 'p.pdf'), path.join(dir, 'p')]);
        const ppm = readFileSync(path.join(dir, 'p.ppm'));
        const header = ppm.toString('latin1', 0, 20).split(/\s+/);
        const [w] = [Number(header[1])];
        const pixels = ppm.subarray(ppm.length - w * Number(header[2]) * 3);
        const at = (x: number, y: number) => [...pixels.subarray((y * w + x) * 3, (y * w + x) * 3 + 3)];
        expect(at(5, 10)).toEqual([255, 0, 0]);
        expect(at(35, 10)).toEqual([0, 0, 255]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
