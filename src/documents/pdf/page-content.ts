import {
  PDFArray, PDFContentStream, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFStream, concatTransformationMatrix, decodePDFRawStream,
  drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFPage, type PDFRef,
} from 'pdf-lib';
import { withContentOf } from './file-range.ts';
import { compose, normalizeRotation, pageToVisual, transformBox, fitInto, visualSize, type Box, type Matrix } from './matrix.ts';

/** The page's content cannot be read: a broken stream or reference (bad input, not a bug). */
export class PageContentError extends Error {}

const BOXES_TO_DROP = ['CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate', 'Thumb'];
const FORM_NAME = 'EcoPage';
/** A page side shorter than 1 pt shows nothing; longer than 200 in of 14 400 pt × 10 is no page (PDF's own limit is 14 400). */
const MIN_PAGE_SIDE = 1;
const MAX_PAGE_SIDE = 144_000;
const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : String(v));

function boxOf(array: PDFArray | undefined): Box | undefined {
  if (!array || array.size() < 4) return undefined;
  const n = [0, 1, 2, 3].map((i) => (array.lookup(i) as PDFNumber | undefined)?.asNumber?.());
  if (n.some((v) => v === undefined || !Number.isFinite(v))) return undefined;
  const [x1, y1, x2, y2] = n as number[];
  return { x: Math.min(x1!, x2!), y: Math.min(y1!, y2!), width: Math.abs(x2! - x1!), height: Math.abs(y2! - y1!) };
}

function intersect(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : a;
}

/** What a reader shows of a page: its visible box (crop ∩ media) in user space, the turn, the visual size. */
export function visibleGeometry(page: PDFPage) {
  const media = boxOf(page.node.MediaBox()) ?? { x: 0, y: 0, width: 595.28, height: 841.89 };
  const crop = boxOf(page.node.CropBox());
  const box = crop ? intersect(crop, media) : media;
  const rotation = normalizeRotation(page.getRotation().angle);
  return { box, rotation, ...visualSize(box, rotation) };
}

function contentStreams(page: PDFPage): PDFStream[] {
  const context = page.doc.context;
  const raw = page.node.get(PDFName.of('Contents'));
  if (raw === undefined) return [];
  const resolved = context.lookup(raw);
  if (resolved instanceof PDFStream) return [resolved];
  if (!(resolved instanceof PDFArray)) throw new PageContentError('页面内容流缺失或损坏');
  const streams: PDFStream[] = [];
  for (let i = 0; i < resolved.size(); i++) {
    const s = resolved.lookup(i);
    if (!(s instanceof PDFStream)) throw new PageContentError(`页面内容流 ${i + 1} 缺失或损坏`);
    streams.push(s);
  }
  return streams;
}

function decodeStream(s: PDFStream, label: string): Uint8Array {
  try {
    if (s instanceof PDFRawStream) return decodePDFRawStream(s).decode();
    if (s instanceof PDFContentStream) return s.getUnencodedContents();
  } catch (e) {
    throw new PageContentError(`${label}无法解码：${(e as Error).message}`);
  }
  throw new PageContentError(`${label}的类型无法识别`);
}

/**
 * Checks that what a page draws can be read: every content stream present and decodable, every image, form
 * and font it names present. A broken file otherwise shows as a blank page. Throws PageContentError.
 */
export function checkPageContent(page: PDFPage): void {
  const { width, height } = visibleGeometry(page);
  if (!(width >= MIN_PAGE_SIDE && height >= MIN_PAGE_SIDE && width <= MAX_PAGE_SIDE && height <= MAX_PAGE_SIDE)) {
    throw new PageContentError(`页面尺寸异常（${round(width)}×${round(height)} 点），无法显示`);
  }
  contentStreams(page).forEach((s, i) => decodeStream(s, `页面内容流 ${i + 1} `));
  const resources = page.node.Resources();
  if (!resources) return;
  for (const [kind, type, label] of [['XObject', PDFStream, '图像或表单'], ['Font', PDFDict, '字体']] as const) {
    const dict = resources.lookup(PDFName.of(kind));
    if (!(dict instanceof PDFDict)) continue;
    for (const [name, value] of dict.entries()) {
      if (!(page.doc.context.lookup(value) instanceof type)) throw new PageContentError(`页面用到的${label} ${name.decodeText()} 缺失或损坏`);
    }
  }
}

/** The page's content: its one stream as stored, or several decoded and joined. */
function contentBytes(page: PDFPage): { bytes?: Uint8Array; single?: PDFRawStream } {
  const streams = contentStreams(page);
  // one stream: keep its original encoded bytes (no re-compression); several: join the decoded text
  if (streams.length === 1 && streams[0] instanceof PDFRawStream) return { single: streams[0] };
  const decoded = streams.map((s, i) => decodeStream(s, `页面内容流 ${i + 1} `));
  const joined = new Uint8Array(decoded.reduce((n, d) => n + d.length + 1, 0));
  let at = 0;
  for (const d of decoded) {
    joined.set(d, at);
    joined[at + d.length] = 0x0a;
    at += d.length + 1;
  }
  return { bytes: joined };
}

/** The page's content as a Form XObject in user space, clipped to its visible box. */
function pageAsForm(doc: PDFDocument, page: PDFPage, box: Box): PDFRef {
  const { bytes, single } = contentBytes(page);
  const resources = page.node.get(PDFName.of('Resources')) ?? doc.context.obj({});
  const dict = { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [box.x, box.y, box.x + box.width, box.y + box.height] };
  let form: PDFStream;
  if (single) {
    const formDict = doc.context.obj(dict);
    formDict.set(PDFName.of('Resources'), resources);
    for (const key of ['Filter', 'DecodeParms']) {
      const value = single.dict.get(PDFName.of(key));
      if (value !== undefined) formDict.set(PDFName.of(key), value);
    }
    form = withContentOf(formDict, single);
  } else {
    form = doc.context.flateStream(bytes!, dict);
    form.dict.set(PDFName.of('Resources'), resources);
  }
  const group = page.node.get(PDFName.of('Group'));
  if (group !== undefined) form.dict.set(PDFName.of('Group'), group);
  return doc.context.register(form);
}

function transformAnnotations(page: PDFPage, m: Matrix): void {
  const annots = page.node.Annots();
  if (!annots) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict)) continue;
    const rect = boxOf(annot.lookup(PDFName.of('Rect')) as PDFArray | undefined);
    if (rect) {
      const r = transformBox(m, rect);
      annot.set(PDFName.of('Rect'), page.doc.context.obj([r.x, r.y, r.x + r.width, r.y + r.height]));
    }
    annot.delete(PDFName.of('QuadPoints'));
  }
}

/**
 * Turns a page (typically one copied from an evidence PDF) into a plain, unrotated page of the size a reader
 * shows it, with all of its original content shrunk uniformly into `area` (in the new page's coordinates,
 * as returned by `area(width, height)`), so that bands around it stay free for headers and footers.
 * The original content becomes one Form XObject: unbalanced q/Q or a stray clip in it cannot leak into
 * what is drawn on the page afterwards. Annotation rectangles move with the content.
 * Returns the new page size and the matrix from the old user space to the new page.
 */
export function shrinkPageInto(
  doc: PDFDocument,
  page: PDFPage,
  area: (width: number, height: number) => Box,
): { width: number; height: number; matrix: Matrix } {
  const { box, rotation, width, height } = visibleGeometry(page);
  const formRef = pageAsForm(doc, page, box);
  const matrix = compose(pageToVisual(box, rotation), fitInto(width, height, area(width, height), 1));
  // never a NaN or Infinity in what is drawn (a page that slipped past checkPageContent is refused, not drawn)
  if (!matrix.every(Number.isFinite)) throw new PageContentError(`页面尺寸异常（${round(width)}×${round(height)} 点），无法缩放`);
  transformAnnotations(page, matrix);
  const node = page.node;
  for (const key of BOXES_TO_DROP) node.delete(PDFName.of(key));
  node.set(PDFName.of('MediaBox'), doc.context.obj([0, 0, width, height]));
  node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { [FORM_NAME]: formRef } }));
  const stream = doc.context.contentStream([pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(FORM_NAME), popGraphicsState()]);
  node.set(PDFName.of('Contents'), doc.context.obj([doc.context.register(stream)]));
  return { width, height, matrix };
}
