import { PDFContext, PDFObjectParser, PDFRawStream, PDFStream, type PDFDict } from 'pdf-lib';
import { once } from './once.ts';

/**
 * Copies pdf-lib makes of stream content, found by profiling the annex (npm run bench):
 * 1. PDFStream.copyBytesInto copies every stream's content into the output one byte at a time
 *    (17 % of the annex's CPU time). The same bytes are written with one TypedArray.set; the
 *    surrounding "stream"/"endstream" framing is unchanged, so output is byte-identical.
 * 2. PDFRawStream.clone copies the content it clones, 3. the parser copies every stream's content out of
 *    the file (see speedUpPdfLib).
 * Text measuring and encoding without fontkit's layout are in glyph-cache.ts.
 * tests/documents/patches/pdf-lib.test.ts checks each against unpatched pdf-lib.
 */
const STREAM = Buffer.from('\nstream\n', 'latin1');
const END = Buffer.from('\nendstream', 'latin1');
type Writable = { updateDict(): void; dict: { copyBytesInto(b: Uint8Array, o: number): number }; getContents(): Uint8Array };
type CopyBytesInto = (this: Writable, buffer: Uint8Array, offset: number) => number;
const streamPrototype = PDFStream.prototype as unknown as { copyBytesInto: CopyBytesInto };

/** pdf-lib's own PDFStream.copyBytesInto, kept so a test can compare the bytes both write. */
export const originalCopyBytesInto: CopyBytesInto = streamPrototype.copyBytesInto;
type Clone = (this: PDFRawStream, context?: PDFContext) => PDFRawStream;
const rawStreamPrototype = PDFRawStream.prototype as unknown as { clone: Clone };
/** pdf-lib's own PDFRawStream.clone, kept so a test can compare. */
export const originalRawClone: Clone = rawStreamPrototype.clone;
type Slice = (this: { bytes: Uint8Array }, start: number, end: number) => Uint8Array;
/** pdf-lib's parser reads through a ByteStream, which its index does not export: reached through a parser. */
const byteStreamPrototype = Object.getPrototypeOf((PDFObjectParser.forBytes(new Uint8Array(0), PDFContext.create()) as unknown as { bytes: object }).bytes) as { slice: Slice };
/** pdf-lib's own ByteStream.slice, kept so a test can compare. */
export const originalByteSlice: Slice = byteStreamPrototype.slice;
/** The three pdf-lib patches, once per process. */
export const speedUpPdfLib = once((): void => {
  // 2. copyPages clones every stream of a copied page, and PDFRawStream.clone copies its content: a second
  //    copy of every scanned page and photo while the source document is thrown away right after. Nothing
  //    here or in pdf-lib writes into a raw stream's content, so the clone shares it (0.26 s and a
  //    volume's worth of garbage per 1 GB build).
  rawStreamPrototype.clone = function (context) {
    return PDFRawStream.of((this.dict as PDFDict).clone(context), this.contents);
  };
  // 3. the parser copies each stream's content out of the file's bytes (ByteStream.slice), and the file's
  //    bytes are dropped right after: a view of them holds the same content without the copy and its
  //    garbage (the file's buffer then lives as long as its pages in the annex, which is what they weigh).
  byteStreamPrototype.slice = function (start, end) {
    return this.bytes.subarray(start, end);
  };
  streamPrototype.copyBytesInto = function (buffer, offset) {
    this.updateDict();
    const initial = offset;
    offset += this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM, offset);
    offset += STREAM.length;
    const contents = this.getContents();
    buffer.set(contents, offset);
    offset += contents.length;
    buffer.set(END, offset);
    offset += END.length;
    return offset - initial;
  };
});
