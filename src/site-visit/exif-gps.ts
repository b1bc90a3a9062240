/**
 * The GPS position a camera or phone writes into a JPEG's EXIF (APP1 → TIFF IFD0 → GPS IFD, tags 1–4:
 * GPSLatitudeRef, GPSLatitude, GPSLongitudeRef, GPSLongitude as degree/minute/second rationals). Phones write
 * WGS-84, the datum of sites.yaml. Undefined when the file has no readable position.
 */
export interface GpsPosition {
  readonly lon: number;
  readonly lat: number;
}

const u16 = (b: Uint8Array, at: number, little: boolean) => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
const u32 = (b: Uint8Array, at: number, little: boolean) =>
  little ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000 : b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);

interface Entry { readonly tag: number; readonly type: number; readonly count: number; readonly at: number }

function entries(tiff: Uint8Array, offset: number, little: boolean): Entry[] {
  if (offset + 2 > tiff.length) return [];
  const n = u16(tiff, offset, little);
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const at = offset + 2 + i * 12;
    if (at + 12 > tiff.length) break;
    out.push({ tag: u16(tiff, at, little), type: u16(tiff, at + 2, little), count: u32(tiff, at + 4, little), at });
  }
  return out;
}

function gpsFromTiff(tiff: Uint8Array): GpsPosition | undefined {
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  if (u16(tiff, 2, little) !== 42) return undefined;
  const pointer = entries(tiff, u32(tiff, 4, little), little).find((e) => e.tag === 0x8825);
  if (!pointer) return undefined;
  const gps = entries(tiff, u32(tiff, pointer.at + 8, little), little);
  const ref = (tag: number) => {
    const e = gps.find((g) => g.tag === tag && g.type === 2);
    return e ? String.fromCharCode(tiff[e.at + 8] ?? 0) : undefined;
  };
  const dms = (tag: number) => {
    const e = gps.find((g) => g.tag === tag && g.type === 5 && g.count === 3);
    if (!e) return undefined;
    const at = u32(tiff, e.at + 8, little);
    if (at + 24 > tiff.length) return undefined;
    const part = (k: number) => {
      const den = u32(tiff, at + k * 8 + 4, little);
      return den ? u32(tiff, at + k * 8, little) / den : NaN;
    };
    const value = part(0) + part(1) / 60 + part(2) / 3600;
    return Number.isFinite(value) ? value : undefined;
  };
  const lat = dms(2);
  const lon = dms(4);
  if (lat === undefined || lon === undefined || (lat === 0 && lon === 0)) return undefined;
  return { lat: ref(1) === 'S' ? -lat : lat, lon: ref(3) === 'W' ? -lon : lon };
}

export function readJpegGps(bytes: Uint8Array): GpsPosition | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = u16(bytes, at + 2, false);
    const data = bytes.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1 && String.fromCharCode(...data.subarray(0, 6)) === 'Exif\0\0') {
      const found = gpsFromTiff(data.subarray(6));
      if (found) return found;
    }
    at += 2 + length;
  }
  return undefined;
}
