import { createHash } from 'node:crypto';
import { closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PDFStream, PDFStreamWriter, type PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';
import { InternalError } from '../../model/index.ts';
import { checkStamp, fileRangeOf, openAgain, readRangeFrom, type FileRange } from './file-range.ts';

/** What computeBufferSize of pdf-lib's PDFStreamWriter gives (the layout doc.save() writes). */
interface Layout {
  readonly size: number;
  readonly header: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number };
  readonly indirectObjects: readonly [PDFRef, PDFObject][];
  readonly trailer: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number };
}

const PIECE = 1 << 20;
const STREAM = Buffer.from('\nstream\n', 'latin1');
const END_STREAM = Buffer.from('\nendstream', 'latin1');
const END_OBJECT = Buffer.from('\nendobj\n\n', 'latin1');

type Serialisable = { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number };
const bytesOf = (object: Serialisable): Uint8Array => {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return buffer;
};

/**
 * doc.save({ useObjectStreams: true }) written straight into `file`, with its sha256. pdf-lib's save lays the
 * whole document out in one buffer (a copy of every image and scanned page: a 70 MB volume needed 70 MB more,
 * and copying it cost 1.3 s of a 1 GB build); here pdf-lib lays out the same objects in the same order
 * (PDFStreamWriter.computeBufferSize: object streams, cross-reference stream, offsets) and each piece is
 * written as it comes, a stream's content from where it already is. The bytes are save()'s:
 * tests/documents/pdf/save.test.ts compares them.
 */
export async function savePdfToFile(doc: PDFDocument, file: string): Promise<{ bytes: number; sha256: string }> {
  // what save() does before writing (a volume always has pages; forms are not made here)
  await doc.flush();
  const writer = PDFStreamWriter.forContext(doc.context, Infinity) as unknown as { computeBufferSize(): Promise<Layout> };
  const layout = await writer.computeBufferSize();
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  // two pieces: one being written while the other fills (a fresh piece each time made a volume's worth of garbage)
  const pieces = [Buffer.allocUnsafe(PIECE), Buffer.allocUnsafe(PIECE)];
  let buffer = pieces[0]!;
  let used = 0;
  let written = 0;
  // one write in flight while the next piece is hashed and laid out (the hash costs as much as the write)
  let writing: Promise<unknown> = Promise.resolve();
  const writeAll = async (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
  };
  const send = async (bytes: Uint8Array) => {
    hash.update(bytes);
    written += bytes.length;
    await writing;
    writing = writeAll(bytes);
  };
  const flush = async () => {
    if (used === 0) return;
    const full = buffer.subarray(0, used);
    // send returns once the other piece's write is done and this one's has begun: the other piece is free
    await send(full);
    buffer = buffer === pieces[0] ? pieces[1]! : pieces[0]!;
    used = 0;
  };
  // a file-backed stream's content is copied from its evidence file, a piece at a time; each file is opened
  // once and checked to be the file that was read
  const sources = new Map<string, { fd: number; range: FileRange }>();
  const putRange = async (range: FileRange) => {
    let fd = sources.get(range.file)?.fd;
    if (fd === undefined) {
      fd = openAgain(range);
      sources.set(range.file, { fd, range });
      checkStamp(fd, range);
    }
    await flush();
    for (let at = 0; at < range.length; at += PIECE) {
      const n = Math.min(PIECE, range.length - at);
      readRangeFrom(fd, range, buffer, at, n);
      await send(buffer.subarray(0, n));
      buffer = buffer === pieces[0] ? pieces[1]! : pieces[0]!;
    }
  };
  const put = async (bytes: Uint8Array) => {
    if (bytes.length > PIECE - used) await flush();
    if (bytes.length >= PIECE) return send(bytes);
    buffer.set(bytes, used);
    used += bytes.length;
  };
  try {
    await put(bytesOf(layout.header));
    await put(Buffer.from('\n\n', 'latin1'));
    for (const [ref, object] of layout.indirectObjects) {
      await put(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
      if (object instanceof PDFStream) {
        object.updateDict();
        await put(bytesOf(object.dict));
        await put(STREAM);
        const range = fileRangeOf(object);
        if (range) await putRange(range);
        else await put(object.getContents());
        await put(END_STREAM);
      } else {
        await put(bytesOf(object));
      }
      await put(END_OBJECT);
    }
    await put(bytesOf(layout.trailer));
    await flush();
    await writing;
    // and still the same files now that they have been copied
    for (const { fd, range } of sources.values()) checkStamp(fd, range);
  } finally {
    await writing.catch(() => undefined);
    await handle.close();
    for (const { fd } of sources.values()) closeSync(fd);
  }
  if (written !== layout.size) throw new InternalError(`PDF 写出 ${written} 字节，与排版计算的 ${layout.size} 字节不符：${file}`);
  return { bytes: written, sha256: hash.digest('hex') };
}
