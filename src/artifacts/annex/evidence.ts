import { PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import { fingerprintOf } from '../../files/index.ts';
import { FileTooLargeError, readWhole, type ReadSlot } from '../../files/index.ts';
import { MAX_EVIDENCE_BYTES, sizeText, sniffFileType } from '../../load/index.ts';
import { InternalError, type Issue } from '../../model/index.ts';
import type { EvidenceFile } from '../../model/index.ts';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import { EvidenceChangedError, fileStamp, keepStreamInFile, keepStreamsInFile } from '../../documents/pdf/index.ts';
import { checkImage, checkImageData, drawPhotoPage, embedImage } from './evidence-image.ts';
import { appendEvidencePages, openEvidencePdf } from './evidence-pdf.ts';
import { A4 } from './layout.ts';
import { drawPlaceholder, type EvidenceProblem } from './problems.ts';

export interface PlacedEvidence {
  /** the pages added to the annex: the evidence, or one 材料无法读取 page */
  readonly pages: readonly PDFPage[];
  readonly problem?: EvidenceProblem;
  /** info notes (e.g. decrypted with qpdf) */
  readonly notes: readonly Issue[];
}

const NAMES: Record<string, string> = { tiff: 'TIFF 图片', webp: 'WebP 图片', bmp: 'BMP 图片', heic: 'HEIC 照片', gif: 'GIF 图片', zip: 'Office 文档或压缩包', unknown: '无法识别的格式' };

/** An evidence file's bytes, or why they cannot be had (started ahead by placeSections while the previous item is placed). */
/** `fingerprint`: files/fingerprints.ts's of the file as it was read (to compare with the one it was hashed with) */
export type EvidenceBytes = { readonly bytes: Uint8Array; readonly stamp: string; readonly fingerprint: string } | EvidenceProblem;

export async function readEvidence(evidence: EvidenceFile, slot?: ReadSlot): Promise<EvidenceBytes> {
  let bytes: Buffer;
  let stamp: string;
  let fingerprint: string;
  try {
    const read = await readWhole(evidence.absPath, MAX_EVIDENCE_BYTES, slot);
    bytes = read.bytes;
    stamp = fileStamp(read.info);
    fingerprint = fingerprintOf(read.info);
  } catch (e) {
    if (e instanceof FileTooLargeError) return { kind: 'too-large', detail: `${sizeText(e.size)}，上限 2 GB（${e.limit} 字节）` };
    return { kind: 'unreadable-file', detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  if (bytes.length === 0) return { kind: 'empty' };
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), stamp, fingerprint };
}

/** The 材料无法读取 page for a file already known to be bad (nothing added with `checkOnly`). */
export function placeholder(doc: PDFDocument, fonts: PdfFonts, evidence: EvidenceFile, problem: EvidenceProblem, projectDir: string, checkOnly = false): PlacedEvidence {
  if (checkOnly) return { pages: [], problem, notes: [] };
  const page = doc.addPage([A4.width, A4.height]);
  drawPlaceholder(page, fonts, evidence, problem, projectDir);
  return { pages: [page], problem, notes: [] };
}

const isProblem = (v: unknown): v is EvidenceProblem => typeof v === 'object' && v !== null && 'kind' in v && !('ref' in v);

/**
 * Reads one evidence file and appends its pages to the annex. A file that cannot be placed gets one
 * placeholder page instead (kept only when the annex allows missing material). With `checkOnly`, the file is
 * read and checked as thoroughly as for placing, but nothing is added (used once the annex has failed, to
 * report every bad file in one run).
 */
export async function placeEvidence(
  doc: PDFDocument,
  fonts: PdfFonts,
  evidence: EvidenceFile,
  projectDir: string,
  checkOnly = false,
  readAhead: Promise<EvidenceBytes> = readEvidence(evidence),
): Promise<PlacedEvidence> {
  const fail = (problem: EvidenceProblem): PlacedEvidence => placeholder(doc, fonts, evidence, problem, projectDir, checkOnly);
  const read = await readAhead;
  if (isProblem(read)) return fail(read);
  const { bytes, stamp } = read;
  // the loader sniffed the type; sniff again, the file may have changed since
  const type = sniffFileType(bytes.subarray(0, 1024));
  if (type !== 'pdf' && type !== 'jpeg' && type !== 'png') return fail({ kind: 'unsupported', detail: `文件实际是${NAMES[type] ?? type}` });
  if (type === 'pdf') {
    const opened = await openEvidencePdf(evidence, bytes);
    if (!opened.ok) return fail(opened.problem);
    if (checkOnly) return { pages: [], notes: opened.notes };
    // the scans stay in the file until the volume is written (documents/pdf/file-range.ts)
    keepStreamsInFile(opened.value, bytes, evidence.absPath, stamp);
    try {
      return { pages: await appendEvidencePages(doc, opened.value), notes: opened.notes };
    } catch (e) {
      // pdf-lib copying a page of a file it misread: the file's problem, named as such (nothing was added)
      if (e instanceof InternalError || e instanceof EvidenceChangedError) throw e;
      return fail({ kind: 'pdf-corrupt', detail: (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160) });
    }
  }
  const checked = checkImage(type, bytes);
  if (isProblem(checked)) return fail(checked);
  const real = await checkImageData(checked, bytes);
  if (real) return fail(real);
  const target = checkOnly ? await PDFDocument.create() : doc;
  const image = await embedImage(target, checked, bytes, true, checkOnly ? undefined : { file: evidence.absPath, stamp });
  if (isProblem(image)) return fail(image);
  if (checkOnly) return { pages: [], notes: [] };
  // a JPEG photo goes in as it is: embedded now (its stream takes the number given to it already, so the
  // volume's bytes are those of embedding at save), it stays in its file until the volume is written. A PNG
  // pdf-lib decodes is left to be embedded at save: its mask would take a new number now.
  if (checked.type === 'jpeg') {
    await (image as PDFImage).embed();
    keepStreamInFile(doc, image.ref, bytes, evidence.absPath, stamp);
  }
  const page = doc.addPage([A4.width, A4.height]);
  drawPhotoPage(page, fonts, evidence, image, checked);
  return { pages: [page], notes: [] };
}
