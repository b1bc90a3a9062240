import { rememberGlyphs, rememberWidths } from './glyph-cache.ts';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { fontkitAdapter } from './fontkit-adapter.ts';

/** A font file of an installed font package, found as Node finds any module (wherever npm put the package). */
function fontFile(packageFile: string): string {
  try {
    return createRequire(import.meta.url).resolve(packageFile);
  } catch {
    return packageFile; // reported with the file's name when it is read (embedFonts)
  }
}

/**
 * The fonts of the PDFs eco-dossier draws itself: Noto Serif SC for body text, Noto Sans SC for headings and
 * the small header/footer stamps. Each has a fixed PDF name with a six-letter subset tag, so outputs are the
 * same bytes on every run and `pdffonts` reports them as subsets.
 */
export const FONT_FILES = {
  body: { file: fontFile('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'), name: 'AAAAAB+NotoSerifSC-Regular' },
  heading: { file: fontFile('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'), name: 'AAAAAC+NotoSansSC-Bold' },
  label: { file: fontFile('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), name: 'AAAAAD+NotoSansSC-Regular' },
} as const;

export type FontRole = keyof typeof FONT_FILES;
export type PdfFonts = Readonly<Record<FontRole, PDFFont>>;

/** The font files are large (about 15 MB each): read once per process (until forgetFontBytes), shared by every document. */
const cache = new Map<string, Promise<Uint8Array>>();

function fontBytes(file: string): Promise<Uint8Array> {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = readFile(file).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    bytes.catch(() => cache.delete(file));
    cache.set(file, bytes);
  }
  return bytes;
}

/**
 * Lets go of the font files read (about 36 MB): the build calls it after the last annex volume, so the table
 * and the zip run without them. A later document reads them again.
 */
export function forgetFontBytes(): void {
  cache.clear();
}

/**
 * Embeds the given fonts as subsets through upstream fontkit (see fontkit-adapter.ts). Only glyphs a page
 * really uses are written, when the document is saved; a font no text uses costs a few hundred bytes.
 */
export async function embedFonts<R extends FontRole>(doc: PDFDocument, roles: readonly R[]): Promise<Readonly<Record<R, PDFFont>>> {
  doc.registerFontkit(fontkitAdapter);
  const out = {} as Record<R, PDFFont>;
  for (const role of roles) {
    const { file, name } = FONT_FILES[role];
    let bytes: Uint8Array;
    try {
      bytes = await fontBytes(file);
    } catch (e) {
      throw new Error(`找不到字体文件 ${file}（${(e as Error).message}）；请在项目目录运行 npm install`);
    }
    out[role] = rememberGlyphs(rememberWidths(await doc.embedFont(bytes, { subset: true, customName: name })));
  }
  return out;
}

export async function embedAllFonts(doc: PDFDocument): Promise<PdfFonts> {
  return embedFonts(doc, ['body', 'heading', 'label']);
}
