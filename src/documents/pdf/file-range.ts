import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PDFInvalidObject, PDFRawStream, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * A stream whose content stays in the evidence file it came from: a scanned page's image or a photo is
 * not held in memory while its volume is assembled, only where it is (file, offset, length) and the file's
 * stamp when it was read. The saver (save.ts) copies the range from the file into the volume; whoever
 * else reads the content gets it read from the file. Either way the file must still be as it was read:
 * otherwise EvidenceChangedError, never other bytes.
 *
 * Memory of the annex is then the object structure of a volume and the fonts, whatever the size of the
 * scans (npm run bench, 1 GB: the arrays alive during the annex went from 116–188 MB to 58–100 MB, which is
 * now mostly garbage not yet collected).
 */
export interface FileRange {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
  /** size, modification time and inode of the file when it was read */
  readonly stamp: string;
  /**
   * Content in several pieces of the file, joined in this order (a PNG's IDAT chunks), when it is not one
   * run of bytes; `offset` is then the first piece's and `length` their sum.
   */
  readonly parts?: readonly { readonly offset: number; readonly length: number }[];
}

export class EvidenceChangedError extends Error {
  constructor(readonly file: string) {
    super(`文件在生成过程中被改动：${file}`);
    this.name = 'EvidenceChangedError';
  }
}

/** size, modification time (ns) and inode: what says a file is still the one that was read */
export function fileStamp(info: { size: bigint; mtimeNs: bigint; ino: bigint }): string {
  return `${info.size}/${info.mtimeNs}/${info.ino}`;
}

const ranges = new WeakMap<PDFRawStream, FileRange>();

/** The range a stream's content is kept in, for streams made by fileBacked. */
export function fileRangeOf(stream: unknown): FileRange | undefined {
  return stream instanceof PDFRawStream ? ranges.get(stream) : undefined;
}

/** Opens an evidence file again to copy from it; one that is gone or unreadable now has changed since it was read. */
export function openAgain(range: FileRange): number {
  try {
    return openSync(range.file, 'r');
  } catch {
    throw new EvidenceChangedError(range.file);
  }
}

/**
 * Reads `length` bytes of the content, from `at` (counted in the content, across its parts), of an opened
 * file; a file that ends early has changed since it was read.
 */
export function readRangeFrom(fd: number, range: FileRange, into: Uint8Array, at: number, length: number): void {
  let done = 0;
  let partStart = 0;
  for (const part of range.parts ?? [{ offset: range.offset, length: range.length }]) {
    const partEnd = partStart + part.length;
    while (done < length && at + done < partEnd) {
      const inPart = at + done - partStart;
      const n = readSync(fd, into, done, Math.min(length - done, part.length - inPart), part.offset + inPart);
      if (n === 0) throw new EvidenceChangedError(range.file);
      done += n;
    }
    if (done === length) return;
    partStart = partEnd;
  }
  if (done < length) throw new EvidenceChangedError(range.file);
}

export function checkStamp(fd: number, range: FileRange): void {
  if (fileStamp(fstatSync(fd, { bigint: true })) !== range.stamp) throw new EvidenceChangedError(range.file);
}

function readRange(range: FileRange): Uint8Array {
  const fd = openAgain(range);
  try {
    checkStamp(fd, range);
    const bytes = new Uint8Array(range.length);
    readRangeFrom(fd, range, bytes, 0, range.length);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

const EMPTY = new Uint8Array(0);

function fileBackedStream(dict: PDFRawStream['dict'], range: FileRange): PDFRawStream {
  const stream = PDFRawStream.of(dict, EMPTY);
  Object.defineProperty(stream, 'contents', { get: () => readRange(range), configurable: true });
  Object.assign(stream, {
    getContentsSize: () => range.length,
    getContents: () => readRange(range),
    asUint8Array: () => readRange(range),
    clone: (context?: PDFContext) => fileBackedStream(stream.dict.clone(context), range),
  });
  ranges.set(stream, range);
  return stream;
}

/** Streams at least this long are left in the file; smaller ones are copied out of the file's bytes. */
export const FILE_BACKED_MIN = 64 * 1024;

/**
 * A new stream with `dict` whose content is `views` joined: pieces of `input` (the bytes of `file` as read,
 * with `stamp`), kept in the file when together they are long enough; joined in memory otherwise.
 */
export function streamOfPieces(dict: PDFRawStream['dict'], views: readonly Uint8Array[], input: Uint8Array, file: string, stamp: string): PDFRawStream {
  const length = views.reduce((n, v) => n + v.length, 0);
  const inInput = views.every((v) => v.buffer === input.buffer && v.byteOffset >= input.byteOffset && v.byteOffset + v.length <= input.byteOffset + input.length);
  if (length < FILE_BACKED_MIN || !inInput || views.length === 0) return PDFRawStream.of(dict, Buffer.concat(views));
  const parts = views.map((v) => ({ offset: v.byteOffset - input.byteOffset, length: v.length }));
  return fileBackedStream(dict, { file, offset: parts[0]!.offset, length, stamp, ...(parts.length > 1 ? { parts } : {}) });
}

/** A new stream with `dict` and the content of `source`: in the same file range when `source` is file-backed. */
export function withContentOf(dict: PDFRawStream['dict'], source: PDFRawStream): PDFRawStream {
  const range = ranges.get(source);
  return range ? fileBackedStream(dict, range) : PDFRawStream.of(dict, source.contents);
}

function keep(context: PDFContext, ref: PDFRef, object: unknown, input: Uint8Array, file: string, stamp: string): void {
  // an object the parser could not read keeps its raw bytes (a view of the file's, see patches/pdf-lib.ts)
  if (object instanceof PDFInvalidObject) {
    const raw = object as unknown as { data: Uint8Array };
    if (raw.data.buffer === input.buffer) raw.data = raw.data.slice();
    return;
  }
  if (!(object instanceof PDFRawStream) || ranges.has(object)) return;
  const contents = object.contents;
  if (contents.buffer !== input.buffer) return;
  const offset = contents.byteOffset - input.byteOffset;
  if (offset < 0 || offset + contents.length > input.length) return;
  if (contents.length >= FILE_BACKED_MIN) context.assign(ref, fileBackedStream(object.dict, { file, offset, length: contents.length, stamp }));
  else (object as unknown as { contents: Uint8Array }).contents = contents.slice();
}

/**
 * Every stream of `doc` whose content is a view of `input` (the bytes of `file` as read, with `stamp`):
 * a long one is replaced by a file-backed stream, a short one gets its own copy (and so does an object the
 * parser could not read), so that nothing in `doc` holds on to `input` afterwards: the annex reads the
 * next files into the same buffer (files/read-whole.ts ReadSlot). Streams made from other bytes (a file qpdf repaired) are left as they are.
 */
export function keepStreamsInFile(doc: PDFDocument, input: Uint8Array, file: string, stamp: string): void {
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) keep(doc.context, ref, object, input, file, stamp);
}

/** The same for the one object at `ref` (a photo embedded as it is). */
export function keepStreamInFile(doc: PDFDocument, ref: PDFRef, input: Uint8Array, file: string, stamp: string): void {
  keep(doc.context, ref, doc.context.lookup(ref), input, file, stamp);
}
