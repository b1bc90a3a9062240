import { PDFStream, type PDFFont } from 'pdf-lib';

/**
 * Two hot spots of pdf-lib found by profiling the annex (npm run bench, 200 MB of scans):
 * 1. PDFStream.copyBytesInto copies every stream's content into the output one byte at a time
 *    (17 % of the annex's CPU time). The same bytes are written with one TypedArray.set; the
 *    surrounding "stream"/"endstream" framing is unchanged, so output is byte-identical.
 * 2. widthOfTextAtSize runs fontkit's full text layout for every measurement (line breaking and
 *    stamping measure thousands of strings). A drawn string's width is the sum of the advances of the
 *    glyphs the layout picks (pdf-lib applies no kerning when showing text). Chinese characters and
 *    punctuation map one to one onto glyphs, so their advances are summed per character from a cache;
 *    a run of other characters is laid out as a whole (cached per run), because there the layout may
 *    join letters into one glyph ("ff", "fi" become ligatures: "ff fi" is 1652, not 1752, units wide).
 * tests/render/pdf/speedups.test.ts checks both against unpatched pdf-lib.
 */
const STREAM = Buffer.from('\nstream\n', 'latin1');
const END = Buffer.from('\nendstream', 'latin1');
type Writable = { updateDict(): void; dict: { copyBytesInto(b: Uint8Array, o: number): number }; getContents(): Uint8Array };
type CopyBytesInto = (this: Writable, buffer: Uint8Array, offset: number) => number;
const streamPrototype = PDFStream.prototype as unknown as { copyBytesInto: CopyBytesInto };

/** pdf-lib's own PDFStream.copyBytesInto, kept so a test can compare the bytes both write. */
export const originalCopyBytesInto: CopyBytesInto = streamPrototype.copyBytesInto;
let patched = false;

export function speedUpPdfLib(): void {
  if (patched) return;
  patched = true;
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
}

const measured = new WeakSet<PDFFont>();

/** CJK ideographs, kana, CJK and full-width punctuation: laid out one glyph per character, no ligatures. */
const ONE_GLYPH = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2460-\u2473\u2014\u2018-\u201d\u2026]/u;

/** Widths remembered: the same numbers as fontkit's layout, without laying out the same text again. */
export function rememberWidths(font: PDFFont): PDFFont {
  if (measured.has(font)) return font;
  measured.add(font);
  const layoutWidth = font.widthOfTextAtSize.bind(font);
  const advance = new Map<string, number>();
  const runs = new Map<string, readonly number[]>();
  const charWidth = (ch: string) => {
    let w = advance.get(ch);
    if (w === undefined) {
      w = layoutWidth(ch, 1000);
      advance.set(ch, w);
    }
    return w;
  };
  /** a run's widths to add, in order: its characters' when the layout keeps them apart, else the run's as a whole */
  const runWidths = (run: string): readonly number[] => {
    let widths = runs.get(run);
    if (!widths) {
      const chars = [...run].map(charWidth);
      const whole = layoutWidth(run, 1000);
      widths = Math.abs(chars.reduce((a, b) => a + b, 0) - whole) < 1e-6 ? chars : [whole];
      runs.set(run, widths);
    }
    return widths;
  };
  font.widthOfTextAtSize = (text: string, size: number) => {
    let total = 0;
    let run = '';
    for (const ch of text) {
      if (ONE_GLYPH.test(ch)) {
        if (run) for (const w of runWidths(run)) total += w;
        run = '';
        total += charWidth(ch);
      } else run += ch;
    }
    if (run) for (const w of runWidths(run)) total += w;
    return (total * size) / 1000;
  };
  return font;
}
