import { crc32 as zlibCrc32 } from 'node:zlib';
import { ImageDecodeError } from './jpeg.ts';

/** Just enough of PNG to refuse a file a PDF could not show: signature, chunk checksums, IHDR, IDAT, IEND. */
export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes) >>> 0; // native: a 30 MB photo is checked in milliseconds
}

/** The table-driven CRC-32 the native one is checked against in tests. */
export function crc32Table(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The compressed pixel data of a PNG that a PDF can show without decoding it: 8-bit grey or RGB, not
 * interlaced, no transparency. PDF's FlateDecode with PNG predictors (Predictor 15) reads IDAT as it is,
 * so a 4000×3000 photo is placed without inflating and re-deflating 36 MB of pixels. Undefined otherwise.
 * `parts`: the IDAT chunks' data in order, views of `bytes` (joined, they are the stream's content).
 */
export function pngPassthroughData(bytes: Uint8Array): { readonly info: PngInfo; readonly colors: 1 | 3; readonly parts: readonly Uint8Array[] } | undefined {
  let at = 8;
  let info: PngInfo | undefined;
  let interlaced = false;
  const parts: Uint8Array[] = [];
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      info = { width: u32(data, 0), height: u32(data, 4), bitDepth: data[8]!, colorType: data[9]! };
      interlaced = data[12] !== 0;
    } else if (type === 'tRNS') return undefined;
    else if (type === 'IDAT') parts.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!info || interlaced || info.bitDepth !== 8 || (info.colorType !== 0 && info.colorType !== 2)) return undefined;
  return { info, colors: info.colorType === 2 ? 3 : 1, parts };
}

const u32 = (b: Uint8Array, at: number) => b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);

export function inspectPng(bytes: Uint8Array): PngInfo {
  if (bytes.length < 8 || SIGNATURE.some((v, i) => bytes[i] !== v)) throw new ImageDecodeError('不是 PNG 文件（文件头不对）');
  let at = 8;
  let info: PngInfo | undefined;
  let sawData = false;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) break;
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32(bytes, at + 8 + length)) {
      throw new ImageDecodeError(`数据块 ${type} 校验和错误（文件已损坏）`);
    }
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (!info && type !== 'IHDR') throw new ImageDecodeError('缺少文件头数据块 IHDR');
    if (type === 'IHDR') {
      info = { width: u32(data, 0), height: u32(data, 4), bitDepth: data[8]!, colorType: data[9]! };
      if (info.width === 0 || info.height === 0) throw new ImageDecodeError('图像宽度或高度为 0');
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') {
      if (!sawData) throw new ImageDecodeError('没有图像数据（IDAT）');
      return info!;
    }
    at = end;
  }
  throw new ImageDecodeError('文件不完整（缺少结束数据块 IEND，可能只传了一部分）');
}

/** Bits per pixel of a PNG colour type at a bit depth (0 for an invalid pair). */
function bitsPerPixel(colorType: number, bitDepth: number): number {
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  return channels === undefined ? 0 : channels * bitDepth;
}

/**
 * How many bytes a PNG's pixel data inflates to, from its header alone: one filter byte and the packed pixels
 * for every row (of every Adam7 pass when interlaced). Anything else in the file is a header that lies.
 */
export function pngDataSize(width: number, height: number, colorType: number, bitDepth: number, interlaced: boolean): number {
  const bpp = bitsPerPixel(colorType, bitDepth);
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bpp) / 8)));
  if (!interlaced) return rows(width, height);
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
  return passes.reduce((n, [x0, y0, dx, dy]) => n + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

/**
 * The header fields the pixel-data check needs, and the compressed data: the IDAT chunks' data, in order,
 * as views of `bytes` (a photo's 2–10 MB are not copied to be checked or placed).
 */
export function pngHeaderAndData(bytes: Uint8Array): { width: number; height: number; colorType: number; bitDepth: number; interlaced: boolean; parts: readonly Uint8Array[] } | undefined {
  let at = 8;
  let head: { width: number; height: number; colorType: number; bitDepth: number; interlaced: boolean } | undefined;
  const parts: Uint8Array[] = [];
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') head = { width: u32(data, 0), height: u32(data, 4), bitDepth: data[8]!, colorType: data[9]!, interlaced: data[12] !== 0 };
    else if (type === 'IDAT') parts.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  return head ? { ...head, parts } : undefined;
}
