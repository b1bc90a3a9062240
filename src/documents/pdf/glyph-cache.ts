import { PDFHexString, type PDFFont } from 'pdf-lib';

/**
 * fontkit's full text layout, avoided where it cannot change the result (found by profiling the annex):
 * - widthOfTextAtSize runs the layout for every measurement (line breaking and stamping measure thousands
 *   of strings). A drawn string's width is the sum of its glyphs' advances (pdf-lib applies no kerning when
 *   showing text), so where layout substitutes no glyph, widths are summed per character from a cache.
 *   Layout does substitute in places: ligatures ("ff", "fi", and "——" in Noto's `ccmp`) and, in Latin,
 *   Greek or Cyrillic text, localized digits and quotes (`locl`). Strings that could meet one of these are
 *   measured by the full layout: see plainCharacters.
 * - encodeText runs it for every string drawn: see rememberGlyphs.
 * tests/documents/patches/pdf-lib.test.ts checks both against unpatched pdf-lib.
 */
const measured = new WeakSet<PDFFont>();

/** Letters and marks of any script but Han: they can make fontkit shape the text as Latin, Greek, kana … */
const OTHER_SCRIPT = /[\p{L}\p{M}]/u;
const HAN = /\p{Script=Han}/u;

/** The parts of fontkit's parsed GSUB table read here. */
interface Coverage { version: number; glyphs?: number[]; rangeRecords?: { start: number; end: number }[] }
interface Gsub {
  scriptList: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { get(i: number): { lookupType: number; subTables: { coverage?: Coverage; extension?: { coverage?: Coverage } }[] } };
}
interface ShapingFont {
  GSUB?: Gsub;
  glyphForCodePoint(codePoint: number): { id: number };
}

/** The substitution features fontkit's default (horizontal) shaper applies without being asked. */
const DEFAULT_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt', 'frac', 'numr', 'dnom']);

/**
 * Every glyph that a substitution could replace in text with no letters but Han: the coverage of each
 * lookup of a default feature in the default language of the scripts fontkit shapes such text as (DFLT,
 * hani). undefined when the font has no DFLT script or the table has a shape this does not read: then every
 * string is measured by the full layout.
 */
function substitutable(font: ShapingFont): Set<number> | undefined {
  const gsub = font.GSUB;
  const glyphs = new Set<number>();
  if (!gsub) return glyphs;
  try {
    const scripts = gsub.scriptList.filter((s) => s.tag === 'DFLT' || s.tag === 'hani');
    if (!scripts.some((s) => s.tag === 'DFLT')) return undefined;
    for (const { script } of scripts) {
      for (const f of script.defaultLangSys?.featureIndexes ?? []) {
        const { tag, feature } = gsub.featureList[f]!;
        if (!DEFAULT_FEATURES.has(tag)) continue;
        for (const l of feature.lookupListIndexes) {
          for (const table of gsub.lookupList.get(l).subTables) {
            const coverage = table.coverage ?? table.extension?.coverage;
            if (coverage?.glyphs) for (const g of coverage.glyphs) glyphs.add(g);
            else if (coverage?.rangeRecords) for (const r of coverage.rangeRecords) for (let g = r.start; g <= r.end; g++) glyphs.add(g);
            else return undefined;
          }
        }
      }
    }
  } catch {
    return undefined;
  }
  return glyphs;
}

/** What follows from a font file's bytes alone: which glyphs substitutions reach, which characters are plain, their advances. */
interface FontFacts {
  readonly substituted: Set<number> | undefined;
  readonly plain: Map<string, boolean>;
  /** advance at size 1000, or NaN for a character that may take part in a substitution */
  readonly advance: Map<string, number>;
}

/**
 * FontFacts by the bytes a font was embedded from: every document embedding the same bytes (each annex volume
 * embeds the three fonts afresh) shares them, so only the first reads the GSUB table and lays out each
 * character. A font embedded with features of its own keeps its facts to itself.
 */
const factsByBytes = new WeakMap<object, FontFacts>();

function factsOf(font: PDFFont, shaping: ShapingFont): FontFacts {
  const embedder = (font as unknown as { embedder?: { fontData?: Uint8Array; fontFeatures?: unknown } }).embedder;
  const key: object = embedder?.fontData && embedder.fontFeatures === undefined ? embedder.fontData : font;
  let facts = factsByBytes.get(key);
  if (!facts) {
    facts = { substituted: substitutable(shaping), plain: new Map(), advance: new Map() };
    factsByBytes.set(key, facts);
  }
  return facts;
}

/**
 * Which characters a string may be taken apart into without fontkit's layout: those with no letter or mark
 * but Han (so the text is shaped as Han or as script-less text) that start no substitution there. undefined
 * when the font's tables cannot tell (then every string goes through the full layout).
 */
function plainCharacters(font: PDFFont): { shaping: ShapingFont; isPlain(ch: string): boolean; advance: Map<string, number> } | undefined {
  const shaping = (font as unknown as { embedder?: { font?: ShapingFont } }).embedder?.font;
  if (!shaping) return undefined;
  const known = factsOf(font, shaping);
  const { substituted, plain, advance } = known;
  if (!substituted) return undefined;
  return {
    shaping,
    advance,
    isPlain: (ch) => {
      let p = plain.get(ch);
      if (p === undefined) {
        p = !(OTHER_SCRIPT.test(ch) && !HAN.test(ch)) && !substituted.has(shaping.glyphForCodePoint(ch.codePointAt(0)!).id);
        plain.set(ch, p);
      }
      return p;
    },
  };
}

/**
 * Per-character advance widths, remembered: the same numbers as pdf-lib's widthOfTextAtSize (fontkit's
 * layout; summed in another order, so the last bit may differ), without the layout where the sum of single
 * characters is exact (see plainCharacters); any other string goes through the full layout.
 */
export function rememberWidths(font: PDFFont): PDFFont {
  if (measured.has(font)) return font;
  measured.add(font);
  const layoutWidth = font.widthOfTextAtSize.bind(font);
  const plain = plainCharacters(font);
  if (!plain) return font;
  const { advance } = plain;
  const perCharacter = (ch: string): number => {
    let w = advance.get(ch);
    if (w === undefined) {
      w = plain.isPlain(ch) ? layoutWidth(ch, 1000) : Number.NaN;
      advance.set(ch, w);
    }
    return w;
  };
  font.widthOfTextAtSize = (text: string, size: number) => {
    let total = 0;
    for (const ch of text) {
      const w = perCharacter(ch);
      if (Number.isNaN(w)) return layoutWidth(text, size);
      total += w;
    }
    return (total * size) / 1000;
  };
  return font;
}

/** The parts of pdf-lib's CustomFontSubsetEmbedder that encodeText uses. */
interface SubsetEmbedder {
  font: { layout(text: string, features?: unknown): { glyphs: { id: number }[] } };
  fontFeatures?: unknown;
  subset: { includeGlyph(glyph: { id: number }): number };
  glyphs: unknown[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
  encodeText(text: string): PDFHexString;
}

const encoding = new WeakSet<object>();

/**
 * Drawing text runs fontkit's full layout for every string too (encodeText: glyph ids for the content
 * stream); the annex draws a header and a page number on every page, and that layout was most of the
 * time spent stamping them (npm run bench). Where every character is plain (see plainCharacters), each
 * one's glyph is remembered from a layout of that character alone, and the subset is told of the glyphs in
 * the same order as pdf-lib does it, so the subset font and the content stream have the same bytes; any
 * other string goes through pdf-lib's own encodeText. tests/documents/patches/pdf-lib.test.ts compares both.
 */
export function rememberGlyphs(font: PDFFont): PDFFont {
  const embedder = (font as unknown as { embedder?: SubsetEmbedder }).embedder;
  if (!embedder || encoding.has(embedder) || !embedder.subset || !(embedder.glyphIdMap instanceof Map)) return font;
  encoding.add(embedder);
  const plain = plainCharacters(font);
  if (!plain) return font;
  const layoutEncode = embedder.encodeText.bind(embedder);
  /** the glyph a plain character is laid out as, or null where it is not one glyph of its own */
  const glyphOf = new Map<string, { id: number } | null>();
  const glyph = (ch: string) => {
    let g = glyphOf.get(ch);
    if (g === undefined) {
      // a plain character is laid out as its cmap glyph: no substitution reaches it (plainCharacters)
      g = plain.isPlain(ch) ? plain.shaping.glyphForCodePoint(ch.codePointAt(0)!) : null;
      glyphOf.set(ch, g);
    }
    return g;
  };
  embedder.encodeText = (text: string) => {
    const glyphs: { id: number }[] = [];
    for (const ch of text) {
      const g = glyph(ch);
      if (!g) return layoutEncode(text);
      glyphs.push(g);
    }
    let hex = '';
    for (const g of glyphs) {
      const subsetId = embedder.subset.includeGlyph(g);
      embedder.glyphs[subsetId - 1] = g;
      embedder.glyphIdMap.set(g.id, subsetId);
      hex += subsetId.toString(16).padStart(4, '0').toUpperCase();
    }
    embedder.glyphCache.invalidate();
    return PDFHexString.of(hex);
  };
  return font;
}
