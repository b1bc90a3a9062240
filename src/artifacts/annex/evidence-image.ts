import { createInflate } from 'node:zlib';
import { PDFDocument, PDFRawStream, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFPage, type PDFRef } from 'pdf-lib';
import type { EvidenceFile } from '../../model/index.ts';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import { ImageDecodeError, inspectJpeg, jpegDataFitsSize, ORIENTATION_MATRIX, shownSize, type ExifOrientation } from '../../documents/pdf/index.ts';
import { compose, fitInto } from '../../documents/pdf/index.ts';
import { inspectPng, pngDataSize, pngHeaderAndData, pngPassthroughData, streamOfPieces } from '../../documents/pdf/index.ts';
import { drawLine, lineHeightOf, wrap, type TextStyle } from '../../documents/pdf/index.ts';
import { chineseDate } from '../../common/index.ts';
import { A4, CONTENT_WIDTH, MARGIN, styles } from './layout.ts';
import type { EvidenceProblem } from './problems.ts';

export interface CheckedImage {
  readonly type: 'jpeg' | 'png';
  readonly width: number;
  readonly height: number;
  readonly orientation: ExifOrientation;
}

/** Structure check of a JPEG/PNG (a truncated or corrupt file is refused before anything is drawn). */
export function checkImage(type: 'jpeg' | 'png', bytes: Uint8Array): CheckedImage | EvidenceProblem {
  try {
    if (type === 'jpeg') {
      const info = inspectJpeg(bytes);
      if (!jpegDataFitsSize(info)) return lying(info.width, info.height, bytes.length);
      return { type, width: info.width, height: info.height, orientation: info.orientation };
    }
    return { type, ...inspectPng(bytes), orientation: 1 };
  } catch (e) {
    if (e instanceof ImageDecodeError) return { kind: 'image-corrupt', detail: e.message };
    throw e;
  }
}

const lying = (width: number, height: number, bytes: number): EvidenceProblem => ({
  kind: 'image-corrupt', detail: `文件头声明 ${width}×${height} 像素，但只有 ${bytes} 字节的图像数据，与声明的尺寸不符`,
});

/** Pixels a picture may have: 100 million (a 12 000 × 8 000 scan); one that is decoded in memory, 40 million. */
export const MAX_PIXELS = 100_000_000;
export const MAX_DECODED_PIXELS = 40_000_000;

/**
 * The picture's real size checked against what its header claims, before anything is decoded: a PNG's pixel
 * data is inflated as a stream (nothing kept) and must come to exactly the size the header gives; too many
 * pixels is refused. Memory stays bounded by the real size, whatever the header says.
 */
export async function checkImageData(image: CheckedImage, bytes: Uint8Array): Promise<EvidenceProblem | undefined> {
  const pixels = image.width * image.height;
  const png = image.type === 'png' ? pngHeaderAndData(bytes) : undefined;
  const decoded = png !== undefined && pngPassthroughData(bytes) === undefined;
  const limit = decoded ? MAX_DECODED_PIXELS : MAX_PIXELS;
  if (pixels > limit) return { kind: 'image-too-large', detail: `${image.width}×${image.height} 像素，上限为 ${limit / 1e6} 百万像素` };
  if (!png) return undefined;
  const expected = pngDataSize(png.width, png.height, png.colorType, png.bitDepth, png.interlaced);
  if (expected === 0) return { kind: 'image-corrupt', detail: `颜色类型 ${png.colorType} 与位深 ${png.bitDepth} 的组合无效` };
  const got = await inflatedSize(png.parts, expected);
  if (typeof got === 'string') return { kind: 'image-corrupt', detail: `图像数据无法解压：${got}` };
  if (got !== expected) {
    return { kind: 'image-corrupt', detail: `文件头声明 ${png.width}×${png.height} 像素，应有 ${expected} 字节像素数据，实际${got > expected ? '多于' : '只有'} ${got > expected ? expected : got} 字节，与声明的尺寸不符` };
  }
  return undefined;
}

/** The inflated size of deflate data (in pieces), counted as it streams; stops once past `cap` (returns cap + 1). */
function inflatedSize(parts: readonly Uint8Array[], cap: number): Promise<number | string> {
  return new Promise((resolve) => {
    // 1 MiB pieces: a scanned page inflates to tens of MB, and each piece is a round trip through the thread pool
    const inflate = createInflate({ chunkSize: 1 << 20 });
    let n = 0;
    let done = false;
    const finish = (v: number | string) => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(v);
    };
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) finish(cap + 1);
    });
    inflate.on('end', () => finish(n));
    inflate.on('error', (e) => finish(e.message));
    for (const part of parts) inflate.write(part);
    inflate.end();
  });
}

/** A placed picture: only its object reference is needed to draw it. */
export interface PlacedImage {
  readonly ref: PDFRef;
}

/** Where the bytes of a picture were read from: its compressed data may stay there until the volume is written. */
export interface ReadFrom {
  readonly file: string;
  readonly stamp: string;
}

/**
 * An 8-bit grey or RGB PNG goes in as its own compressed data (FlateDecode with PNG predictors); the data is
 * inflated once, streamed and thrown away, only to prove it decodes. With `from`, the data stays in the
 * file (its IDAT chunks, documents/pdf/file-range.ts) until the volume is written.
 */
async function embedPngAsIs(doc: PDFDocument, bytes: Uint8Array, inflated: boolean, from?: ReadFrom): Promise<PlacedImage | undefined> {
  const png = pngPassthroughData(bytes);
  if (!png) return undefined;
  if (!inflated) await new Promise<void>((resolve, reject) => {
    const inflate = createInflate();
    inflate.on('data', () => {}).on('end', resolve).on('error', reject);
    for (const part of png.parts) inflate.write(part);
    inflate.end();
  });
  const { width, height } = png.info;
  const dict = doc.context.obj({
    Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8,
    ColorSpace: png.colors === 3 ? 'DeviceRGB' : 'DeviceGray', Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: png.colors, BitsPerComponent: 8, Columns: width },
  });
  const stream = from ? streamOfPieces(dict, png.parts, bytes, from.file, from.stamp) : PDFRawStream.of(dict, Buffer.concat(png.parts));
  return { ref: doc.context.register(stream) };
}

/**
 * Embeds the picture; a bad deflate stream or broken JPEG is found now, before anything is drawn.
 * `dataChecked`: checkImageData has inflated the PNG's data already (once is enough to prove it decodes).
 */
export async function embedImage(doc: PDFDocument, image: CheckedImage, bytes: Uint8Array, dataChecked = false, from?: ReadFrom): Promise<PlacedImage | EvidenceProblem> {
  try {
    if (image.type === 'jpeg') return await doc.embedJpg(bytes);
    return (await embedPngAsIs(doc, bytes, dataChecked, from)) ?? (await doc.embedPng(bytes));
  } catch (e) {
    return { kind: 'image-corrupt', detail: (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160) };
  }
}

const CAPTION_BOTTOM = 64;

function captionLines(evidence: EvidenceFile, fonts: PdfFonts) {
  const s = styles(fonts);
  const title: TextStyle = { ...s.body, size: 12, lineHeight: 19, align: 'center' };
  const meta: TextStyle = { ...s.small, align: 'center' };
  const titleLines = wrap(evidence.title, CONTENT_WIDTH, title);
  const metaText = [evidence.issuer, chineseDate(evidence.date), evidence.docNo].filter(Boolean).join('　');
  const metaLines = wrap(metaText, CONTENT_WIDTH, meta);
  const height = titleLines.length * lineHeightOf(title) + metaLines.length * lineHeightOf(meta);
  return { title, meta, titleLines, metaLines, height };
}

/** Room between the photo and its caption, points. */
export const CAPTION_GAP = 14;

/**
 * A photo on an A4 page: upright as the camera meant it (EXIF orientation: the stored pixels are turned or
 * mirrored while drawing), scaled to fit the page above room for its caption, set at the top of the page,
 * with its caption (title, issuing unit, date) right below it, so a wide photo's caption is not left at the
 * foot of the page. Returns where the photo and caption went (points from the page's bottom).
 */
export function drawPhotoPage(page: PDFPage, fonts: PdfFonts, evidence: EvidenceFile, image: PlacedImage, checked: CheckedImage) {
  const caption = captionLines(evidence, fonts);
  const top = A4.height - 56;
  const area = { x: 56, y: CAPTION_BOTTOM + caption.height + CAPTION_GAP, width: A4.width - 112, height: 0 };
  const shown = shownSize(checked.width, checked.height, checked.orientation);
  const fit = fitInto(shown.width, shown.height, { ...area, height: top - area.y });
  const drawnHeight = shown.height * fit[3];
  const photoBottom = top - drawnHeight;
  const scaleToShown: readonly [number, number, number, number, number, number] = [shown.width * fit[0], 0, 0, drawnHeight, fit[4], photoBottom];
  const matrix = compose(ORIENTATION_MATRIX[checked.orientation], scaleToShown);
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
  let y = photoBottom - CAPTION_GAP;
  const captionTop = y;
  for (const line of caption.titleLines) {
    drawLine(page, line, MARGIN.left, y - caption.title.size, CONTENT_WIDTH, caption.title);
    y -= lineHeightOf(caption.title);
  }
  for (const line of caption.metaLines) {
    drawLine(page, line, MARGIN.left, y - caption.meta.size, CONTENT_WIDTH, caption.meta);
    y -= lineHeightOf(caption.meta);
  }
  return { photoBottom, captionTop };
}
