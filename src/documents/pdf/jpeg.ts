/**
 * Just enough of JPEG to place a photo correctly and to refuse one that would not show: the frame header
 * (size, components), the EXIF orientation a camera writes instead of turning the pixels, and the end marker
 * that a truncated file lacks.
 */
export class ImageDecodeError extends Error {}

/** EXIF Orientation: 1 upright … 6 turn 90° clockwise to view … 8 turn 90° counter-clockwise; 2/4/5/7 mirrored. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface JpegInfo {
  /** stored size in pixels (before orientation) */
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly orientation: ExifOrientation;
  /** bytes of entropy-coded (pixel) data in all scans */
  readonly scanBytes?: number;
}

const u16 = (b: Uint8Array, at: number, little = false) => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
const u32 = (b: Uint8Array, at: number, little = false) =>
  little ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000 : b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);

/** Orientation from an APP1 payload ("Exif\0\0" + TIFF); 1 when absent or unreadable. */
export function orientationFromExif(app1: Uint8Array): ExifOrientation {
  if (app1.length < 14 || String.fromCharCode(...app1.subarray(0, 6)) !== 'Exif\0\0') return 1;
  const tiff = app1.subarray(6);
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  if (u16(tiff, 2, little) !== 42) return 1;
  const ifd = u32(tiff, 4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(tiff, ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(tiff, entry, little) !== 0x0112) continue;
    const type = u16(tiff, entry + 2, little);
    const value = type === 3 ? u16(tiff, entry + 8, little) : type === 4 ? u32(tiff, entry + 8, little) : 0;
    return value >= 1 && value <= 8 ? (value as ExifOrientation) : 1;
  }
  return 1;
}

const SOF_SUPPORTED = new Set([0xc0, 0xc1, 0xc2]);
const SOF_OTHER = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Reads a JPEG's structure; throws ImageDecodeError (Chinese text) for a file a PDF reader could not show. */
export function inspectJpeg(bytes: Uint8Array): JpegInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ImageDecodeError('不是 JPEG 文件（缺少文件头）');
  let at = 2;
  let frame: { width: number; height: number; components: number } | undefined;
  let orientation: ExifOrientation = 1;
  let sawScan = false;
  let scanBytes = 0;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) {
      if (!sawScan) throw new ImageDecodeError(`文件结构损坏（位置 ${at} 处应为标记）`);
      // entropy-coded data: skip to the next marker that is neither a stuffed 0xFF00 nor a restart marker
      const next = bytes.indexOf(0xff, at);
      if (next < 0) break;
      scanBytes += next - at;
      at = next;
      continue;
    }
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1];
    if (marker === undefined) break;
    if (sawScan && (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7))) {
      scanBytes += 2;
      at += 2;
      continue;
    }
    if (marker === 0xd9) {
      if (!frame) throw new ImageDecodeError('缺少图像帧头（SOF）');
      if (!sawScan) throw new ImageDecodeError('没有图像数据');
      return { ...frame, orientation, scanBytes };
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) break;
    const length = u16(bytes, at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) break;
    const data = bytes.subarray(at + 4, end);
    if (marker === 0xe1 && orientation === 1) orientation = orientationFromExif(data);
    if (SOF_OTHER.has(marker)) throw new ImageDecodeError('使用了 PDF 不支持的 JPEG 编码（无损或算术编码）');
    if (SOF_SUPPORTED.has(marker)) {
      if (data.length < 6) throw new ImageDecodeError('图像帧头（SOF）不完整');
      const precision = data[0]!;
      frame = { height: u16(data, 1), width: u16(data, 3), components: data[5]! };
      if (precision !== 8) throw new ImageDecodeError(`使用了 PDF 不支持的 ${precision} 位精度`);
      if (frame.width === 0 || frame.height === 0) throw new ImageDecodeError('图像宽度或高度为 0');
      if (![1, 3, 4].includes(frame.components)) throw new ImageDecodeError(`颜色通道数 ${frame.components} 无法识别`);
    }
    if (marker === 0xda) {
      if (!frame) throw new ImageDecodeError('图像数据出现在帧头（SOF）之前');
      sawScan = true;
    }
    at = end;
  }
  throw new ImageDecodeError('文件不完整（缺少结束标记，可能只传了一部分）');
}

/**
 * Where the stored pixels go when shown upright, as a matrix on the unit square (PDF image space):
 * stored (u, v) → shown (X, Y), both in [0, 1]. Orientations 5–8 swap width and height.
 */
export const ORIENTATION_MATRIX: Record<ExifOrientation, readonly [number, number, number, number, number, number]> = {
  1: [1, 0, 0, 1, 0, 0],
  2: [-1, 0, 0, 1, 1, 0],
  3: [-1, 0, 0, -1, 1, 1],
  4: [1, 0, 0, -1, 0, 1],
  5: [0, -1, -1, 0, 1, 1],
  6: [0, -1, 1, 0, 0, 1],
  7: [0, 1, 1, 0, 0, 0],
  8: [0, 1, -1, 0, 1, 0],
};

/** Size as shown: orientations 5–8 turn the picture a quarter. */
export function shownSize(width: number, height: number, orientation: ExifOrientation): { width: number; height: number } {
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * Whether a JPEG's pixel data could hold the size its frame header claims: every 8×8 block of the
 * brightness channel costs at least one bit of coded data in any JPEG (baseline or progressive). A header
 * that claims far more pixels than the data holds (a "lying" size) shows as a blank or grey picture.
 */
export function jpegDataFitsSize(info: JpegInfo): boolean {
  if (info.scanBytes === undefined) return true;
  const blocks = Math.ceil(info.width / 8) * Math.ceil(info.height / 8);
  return info.scanBytes * 8 >= blocks;
}
