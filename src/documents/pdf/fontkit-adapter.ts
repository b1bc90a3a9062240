import { EventEmitter } from 'node:events';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * pdf-lib's own @pdf-lib/fontkit 1.1.1 writes small subsets with the short `loca` format and halves every odd
 * glyph offset: characters silently vanish from rendered pages (`— 2 —` shows as `— —`) while pdftotext still
 * reads them (see PITFALLS.md). Upstream fontkit 2.x keeps the font's own `loca` format and gets it right.
 *
 * pdf-lib calls, on what `create` returns: unitsPerEm, postscriptName, ascent/descent/bbox/capHeight/xHeight,
 * italicAngle, post, head, OS/2, cff, characterSet, glyphForCodePoint, layout(text, features).glyphs (id,
 * advanceWidth, codePoints) and createSubset() → { includeGlyph(glyph), cff, encodeStream() }. fontkit 2.x has
 * all of these except `encodeStream()` (it has a synchronous `encode()` instead), which this adapter supplies.
 */
interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => EventEmitter;
}

interface UpstreamFont {
  createSubset(): Subset;
}

function withEncodeStream(subset: Subset): Subset {
  subset.encodeStream = () => {
    const stream = new EventEmitter();
    setImmediate(() => {
      try {
        stream.emit('data', subset.encode());
        stream.emit('end');
      } catch (e) {
        stream.emit('error', e);
      }
    });
    return stream;
  };
  return subset;
}

/**
 * The font parsed from these bytes, by the bytes' identity: each annex volume embeds the same three font
 * files (documents/pdf/fonts.ts reads them once), and parsing their tables again for each volume cost about
 * 15 ms a volume. A fontkit font only reads its bytes and remembers what it decoded; what each document
 * includes is kept by the subset it creates, one per embedding. Dropped with the bytes (forgetFontBytes).
 */
const parsed = new WeakMap<Uint8Array, Map<string, UpstreamFont>>();

/** Register with `doc.registerFontkit(fontkitAdapter)`. */
export const fontkitAdapter = {
  create(data: Uint8Array, postscriptName?: string) {
    let byName = parsed.get(data);
    if (!byName) parsed.set(data, (byName = new Map()));
    let font = byName.get(postscriptName ?? '');
    if (font) return font;
    font = fontkit.create(data, postscriptName) as UpstreamFont;
    const createSubset = font.createSubset.bind(font);
    // an own property on this one font object: fontkit's prototypes stay untouched
    font.createSubset = () => withEncodeStream(createSubset());
    byName.set(postscriptName ?? '', font);
    return font;
  },
} as unknown as Parameters<PDFDocument['registerFontkit']>[0];
