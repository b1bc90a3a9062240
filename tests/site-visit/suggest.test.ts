import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJpegGps } from '../../src/site-visit/index.ts';
import { run } from '../helpers/cli.ts';
import { SAMPLE, sampleCopy } from './helpers.ts';

/** An EXIF APP1 segment with only a GPS position (degrees, minutes, seconds as rationals), little- or big-endian. */
function gpsApp1(lat: number, lon: number, little: boolean): Buffer {
  const tiff = Buffer.alloc(128);
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8); // IFD0: one entry, the GPS IFD pointer
  u16(0x8825, 10); u16(4, 12); u32(1, 14); u32(26, 18);
  u32(0, 22);
  u16(4, 26); // GPS IFD: four entries
  const entry = (k: number, tag: number, type: number, count: number, value: () => void) => {
    const at = 28 + k * 12;
    u16(tag, at); u16(type, at + 2); u32(count, at + 4); value.call(null);
  };
  entry(0, 1, 2, 2, () => tiff.write('N\0', 28 + 8, 'latin1'));
  entry(1, 2, 5, 3, () => u32(80, 28 + 12 + 8));
  entry(2, 3, 2, 2, () => tiff.write('E\0', 28 + 24 + 8, 'latin1'));
  entry(3, 4, 5, 3, () => u32(104, 28 + 36 + 8));
  u32(0, 76);
  const dms = (v: number, at: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 1000);
    [[d, 1], [m, 1], [s, 1000]].forEach(([num, den], i) => { u32(num!, at + i * 8); u32(den!, at + i * 8 + 4); });
  };
  dms(lat, 80);
  dms(lon, 104);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function withGps(jpeg: Buffer, lat: number, lon: number, little = true): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), gpsApp1(lat, lon, little), jpeg.subarray(2)]);
}

const PHOTO = 'evidence/区水务局/河长公示牌.jpg';

describe('EXIF GPS', () => {
  it('reads the position in either byte order, and nothing from a photo without one', () => {
    const jpeg = readFileSync(path.join(SAMPLE, PHOTO));
    expect(readJpegGps(jpeg)).toBeUndefined();
    for (const little of [true, false]) {
      const gps = readJpegGps(withGps(jpeg, 35.5721, 116.8119, little))!;
      expect(gps.lat).toBeCloseTo(35.5721, 5);
      expect(gps.lon).toBeCloseTo(116.8119, 5);
    }
  });

  it('site-visit --suggest lists the coordinates with the site the photo belongs to', async () => {
    const dir = sampleCopy();
    const file = path.join(dir, PHOTO);
    writeFileSync(file, withGps(readFileSync(file), 35.5721, 116.8119));
    const json = await run('site-visit', dir, '--suggest', '--json');
    expect(json.code).toBe(0);
    const { suggestions } = JSON.parse(json.stdout);
    expect(suggestions).toEqual([
      { evidence: 'E04-sign-photo', file: '区水务局/河长公示牌.jpg', lon: 116.8119, lat: 35.5721, insideDistrict: true, sites: [{ id: 'S01', name: '泗河兖州段河长制公示点（示例）', metres: 14 }] },
    ]);
    const text = await run('site-visit', dir, '--suggest');
    expect(text.stdout).toContain('E04-sign-photo（区水务局/河长公示牌.jpg）：lon: 116.811900, lat: 35.572100　点位 S01（泗河兖州段河长制公示点（示例））现有坐标相距 14 米');
  });

  it('says so when no photo has a position', async () => {
    const result = await run('site-visit', SAMPLE, '--suggest');
    expect(result.stdout).toBe('佐证材料中的 JPEG 照片都没有 GPS 位置信息（EXIF），无法推荐坐标。');
  });
});
