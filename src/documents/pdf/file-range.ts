import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PDFRawStream, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib';

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

/** Reads a range of an opened file after checking it is still the file that was read. */
export function readRangeFrom(fd: number, range: FileRange, into: Uint8Array, at: number, length: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, done, length - done, range.offset + at + done);
    if (n === 0) throw new EvidenceChangedError(range.file);
    done += n;
  }
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

/** A new stream with `dict` and the content of `source`: in the same file range when `source` is file-backed. */
export function withContentOf(dict: PDFRawStream['dict'], source: PDFRawStream): PDFRawStream {
  const range = ranges.get(source);
  return range ? fileBackedStream(dict, range) : PDFRawStream.of(dict, source.contents);
}

function keep(context: PDFContext, ref: PDFRef, object: unknown, input: Uint8Array, file: string, stamp: string): void {
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
 * a long one is replaced by a file-backed stream, a short one gets its own copy, so that nothing in `doc`
 * holds on to `input` afterwards. Streams made from other bytes (a file qpdf repaired) are left as they are.
 */
export function keepStreamsInFile(doc: PDFDocument, input: Uint8Array, file: string, stamp: string): void {
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) keep(doc.context, ref, object, input, file, stamp);
}

/** The same for the one object at `ref` (a photo embedded as it is). */
export function keepStreamInFile(doc: PDFDocument, ref: PDFRef, input: Uint8Array, file: string, stamp: string): void {
  keep(doc.context, ref, doc.context.lookup(ref), input, file, stamp);
}
