import { PDFStream, type PDFFont } from 'pdf-lib';

/**
 * Two hot spots of pdf-lib found by profiling the annex (npm run bench, 200 MB of scans):
 * 1. PDFStream.copyBytesInto copies every stream's content into the output one byte at a time
 *    (17 % of the annex's CPU time). The same bytes are written with one TypedArray.set; the
 *    surrounding "stream"/"endstream" framing is unchanged, so output is byte-identical.
 * 2. widthOfTextAtSize runs fontkit's full text layout for every measurement (line breaking and
 *    stamping measure thousands of strings). A drawn string's width is the sum of its glyph advances
 *    (the PDF /W array; pdf-lib applies no kerning when showing text), so widths are summed per
 *    character from a cache.
 */
const STREAM = Buffer.from('\nstream\n', 'latin1');
const END = Buffer.from('\nendstream', 'latin1');
let patched = false;

export function speedUpPdfLib(): void {
  if (patched) return;
  patched = true;
  type Writable = { updateDict(): void; dict: { copyBytesInto(b: Uint8Array, o: number): number }; getContents(): Uint8Array };
  (PDFStream.prototype as unknown as { copyBytesInto(this: Writable, buffer: Uint8Array, offset: number): number }).copyBytesInto = function (buffer, offset) {
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
}

const measured = new WeakSet<PDFFont>();

/** Per-character advance widths, remembered: the same numbers as fontkit's layout, without the layout. */
export function rememberWidths(font: PDFFont): PDFFont {
  if (measured.has(font)) return font;
  measured.add(font);
  const layoutWidth = font.widthOfTextAtSize.bind(font);
  const advance = new Map<string, number>();
  font.widthOfTextAtSize = (text: string, size: number) => {
    let total = 0;
    for (const ch of text) {
      let w = advance.get(ch);
      if (w === undefined) {
        w = layoutWidth(ch, 1000);
        advance.set(ch, w);
      }
      total += w;
    }
    return (total * size) / 1000;
  };
  return font;
}
