import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectJpeg, ImageDecodeError, orientationFromExif, ORIENTATION_MATRIX, shownSize, type ExifOrientation } from '../../../src/documents/pdf/jpeg.ts';
import { applyMatrix } from '../../../src/documents/pdf/matrix.ts';
import { crc32, inspectPng } from '../../../src/documents/pdf/png.ts';

const EVIDENCE = path.resolve('fixtures/yanzhou-2023/evidence');
const PLAIN_JPEG = readFileSync(path.join(EVIDENCE, '区水务局/河长公示牌.jpg'));
const EXIF6_JPEG = readFileSync(path.join(EVIDENCE, '区应急局/IMG_20220616_093012.jpg'));
const PNG = readFileSync(path.join(EVIDENCE, '区住建局/黑臭水体整治前后对比.png'));

/** An APP1 Exif payload with IFD0 holding a few tags, Orientation among them. */
function exifPayload(orientation: number, little: boolean, type = 3): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 3 * 12 + 4);
  const w16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const w32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  w16(3, 8);
  const entry = (i: number, tag: number, t: number, value: number) => {
    const at = 10 + i * 12;
    w16(tag, at);
    w16(t, at + 2);
    w32(1, at + 4);
    if (t === 3) w16(value, at + 8);
    else w32(value, at + 8);
  };
  entry(0, 0x010f, 4, 0); // Make (pointer, irrelevant)
  entry(1, 0x0112, type, orientation);
  entry(2, 0x011a, 4, 72);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

function withApp1(jpeg: Buffer, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

describe('EXIF orientation', () => {
  it('reads Orientation from big- and little-endian EXIF, as SHORT or LONG', () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(orientationFromExif(exifPayload(o, false))).toBe(o);
      expect(orientationFromExif(exifPayload(o, true))).toBe(o);
    }
    expect(orientationFromExif(exifPayload(6, true, 4))).toBe(6);
  });

  it('treats missing, invalid or truncated EXIF as upright', () => {
    expect(orientationFromExif(Buffer.from('Exif\0\0', 'latin1'))).toBe(1);
    expect(orientationFromExif(Buffer.from('XMP data here...', 'latin1'))).toBe(1);
    expect(orientationFromExif(exifPayload(9, false))).toBe(1);
    expect(orientationFromExif(exifPayload(6, false).subarray(0, 20))).toBe(1);
  });

  it('finds the orientation in whole JPEG files', () => {
    expect(inspectJpeg(EXIF6_JPEG)).toMatchObject({ width: 800, height: 600, components: 3, orientation: 6 });
    expect(inspectJpeg(PLAIN_JPEG)).toMatchObject({ width: 800, height: 600, orientation: 1 });
    expect(inspectJpeg(withApp1(PLAIN_JPEG, exifPayload(8, true))).orientation).toBe(8);
  });

  it('maps the stored corners where a viewer shows them', () => {
    // the stored image's top-left corner (0, 1) in PDF image space, shown after each orientation
    const topLeft: Record<ExifOrientation, [number, number]> = {
      1: [0, 1], 2: [1, 1], 3: [1, 0], 4: [0, 0], 5: [0, 1], 6: [1, 1], 7: [1, 0], 8: [0, 0],
    };
    for (const [o, [x, y]] of Object.entries(topLeft)) {
      const p = applyMatrix(ORIENTATION_MATRIX[Number(o) as ExifOrientation], 0, 1);
      expect([p.x, p.y], `orientation ${o}`).toEqual([x, y]);
    }
    // orientation 6 (turn 90° clockwise): the stored bottom-left shows top-left
    expect(applyMatrix(ORIENTATION_MATRIX[6], 0, 0)).toEqual({ x: 0, y: 1 });
    expect(shownSize(800, 600, 6)).toEqual({ width: 600, height: 800 });
    expect(shownSize(800, 600, 3)).toEqual({ width: 800, height: 600 });
  });
});

describe('image structure checks', () => {
  it('refuses a truncated JPEG (no end marker) and one that is not a JPEG inside', () => {
    expect(() => inspectJpeg(PLAIN_JPEG.subarray(0, PLAIN_JPEG.length >> 1))).toThrow(/文件不完整/);
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.alloc(2000, 0x41)]);
    expect(() => inspectJpeg(garbage)).toThrow(ImageDecodeError);
    expect(() => inspectJpeg(Buffer.from('not a jpeg'))).toThrow(/缺少文件头/);
  });

  it('accepts a whole PNG and refuses a truncated or corrupted one', () => {
    expect(inspectPng(PNG)).toMatchObject({ width: 800, height: 600 });
    expect(() => inspectPng(PNG.subarray(0, PNG.length - 30))).toThrow(/文件不完整/);
    const bad = Buffer.from(PNG);
    bad[200] = bad[200]! ^ 0xff;
    expect(() => inspectPng(bad)).toThrow(/校验和错误/);
  });

  it('computes the PNG CRC-32', () => {
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082);
  });
});
