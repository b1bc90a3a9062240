import { PDFDocument } from 'pdf-lib';
import { isRealDate, type EvidenceDateSource } from '../model/index.ts';

/** Where a guessed evidence date came from. */
export type DateSource = 'pdf' | 'exif' | 'name' | 'file';

export const DATE_SOURCE_TEXT: Record<DateSource, string> = { pdf: 'PDF 属性', exif: '照片 EXIF', name: '文件名', file: '文件修改时间' };

/**
 * What evidence.yaml's dateSource says: a photo's EXIF is the document's own date; a PDF's creation date is
 * the day it was made or scanned, a name or a modification time only a guess: those are to be checked.
 */
export const DATE_SOURCE_FIELD: Record<DateSource, EvidenceDateSource> = {
  exif: 'EXIF', pdf: '待核对：PDF属性', name: '待核对：文件名', file: '待核对：文件修改时间',
};

const iso = (y: string, m: string, d: string) => {
  const text = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isRealDate(text) ? text : undefined;
};

/** A date written in a file name: 2023-05-01, 20230501, 2023.5.1, 2023年5月1日, IMG_20220616_093012. */
export function dateInName(name: string): string | undefined {
  const m = /(?<!\d)(19\d{2}|20\d{2})(?:[-_.年](\d{1,2})[-_.月](\d{1,2})日?|(\d{2})(\d{2}))(?!\d)/.exec(name.normalize('NFC'));
  if (!m) return undefined;
  return m[2] ? iso(m[1]!, m[2], m[3]!) : iso(m[1]!, m[4]!, m[5]!);
}

/** The creation date in a PDF's document information (/CreationDate (D:20230501…)), read without rendering. */
export async function pdfDate(bytes: Uint8Array): Promise<string | undefined> {
  const raw = /\/CreationDate\s*\(D:(\d{4})(\d{2})(\d{2})/.exec(Buffer.from(bytes.subarray(0, 4_000_000)).toString('latin1'));
  if (raw) return iso(raw[1]!, raw[2]!, raw[3]!);
  // the information dictionary may sit in a compressed object stream: let pdf-lib find it
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const date = doc.getCreationDate();
    if (!date) return undefined;
    return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  } catch {
    return undefined;
  }
}

/** DateTimeOriginal (or DateTime) from a JPEG's EXIF block: "2023:05:01 10:20:30" → 2023-05-01. */
export function exifDate(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0xffd8) return undefined;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return undefined; // image data: no EXIF before it
    const length = view.getUint16(at + 2);
    if (marker === 0xe1 && Buffer.from(bytes.subarray(at + 4, at + 10)).toString('latin1') === 'Exif\0\0') {
      return tiffDate(view, at + 10, Math.min(bytes.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return undefined;
}

function tiffDate(view: DataView, tiff: number, end: number): string | undefined {
  if (tiff + 8 > end) return undefined;
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = (o: number) => view.getUint16(tiff + o, little);
  const u32 = (o: number) => view.getUint32(tiff + o, little);
  const tags = (ifd: number): Map<number, number> => {
    const out = new Map<number, number>();
    if (tiff + ifd + 2 > end) return out;
    const n = u16(ifd);
    for (let k = 0; k < n && tiff + ifd + 2 + 12 * (k + 1) <= end; k++) {
      const e = ifd + 2 + 12 * k;
      out.set(u16(e), e);
    }
    return out;
  };
  const ascii = (entry: number): string | undefined => {
    const count = u32(entry + 4);
    const offset = count > 4 ? u32(entry + 8) : entry + 8;
    if (tiff + offset + count > end) return undefined;
    let s = '';
    for (let i = 0; i < count; i++) s += String.fromCharCode(view.getUint8(tiff + offset + i));
    return s;
  };
  const toIso = (s: string | undefined) => {
    const m = s && /^(\d{4}):(\d{2}):(\d{2})/.exec(s);
    return m ? iso(m[1]!, m[2]!, m[3]!) : undefined;
  };
  const ifd0 = tags(u32(4));
  const exifPointer = ifd0.get(0x8769);
  if (exifPointer !== undefined) {
    const exif = tags(u32(exifPointer + 8));
    for (const tag of [0x9003, 0x9004]) {
      const e = exif.get(tag);
      const date = e !== undefined ? toIso(ascii(e)) : undefined;
      if (date) return date;
    }
  }
  const e = ifd0.get(0x0132);
  return e !== undefined ? toIso(ascii(e)) : undefined;
}
