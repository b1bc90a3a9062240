import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import oldFontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { embedFonts, FONT_FILES } from '../../../src/documents/pdf/fonts.ts';
import { haveTools } from '../../helpers/tools.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-fonts-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIZE = 60;
const TEXT = '— 2 —';

/** Renders a one-line page at 72 dpi in grey and counts dark pixels where the digit stands. */
function darkPixelsOfDigit(bytes: Uint8Array, x: number, digitFrom: number, digitTo: number, name: string): number {
  const pdf = path.join(dir, `${name}.pdf`);
  writeFileSync(pdf, bytes);
  execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(dir, name)]);
  const pgm = readFileSync(path.join(dir, `${name}.pgm`));
  // P5 header: "P5\n<w> <h>\n255\n"
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  let dark = 0;
  // the text's baseline is at y = 400 pt from the bottom: rows 400-SIZE … 400 from the bottom
  for (let row = height - 400 - 5; row >= height - 400 - SIZE; row--) {
    for (let col = Math.ceil(x + digitFrom); col < Math.floor(x + digitTo); col++) if (data[row * width + col]! < 128) dark++;
  }
  return dark;
}

async function page(withOldFontkit: boolean, role: 'body' | 'label') {
  const doc = await PDFDocument.create({ updateMetadata: false });
  let font;
  if (withOldFontkit) {
    doc.registerFontkit(oldFontkit);
    font = await doc.embedFont(readFileSync(FONT_FILES[role].file), { subset: true, customName: FONT_FILES[role].name });
  } else font = (await embedFonts(doc, [role]))[role];
  const p = doc.addPage([595, 842]);
  const x = 200;
  p.drawText(TEXT, { x, y: 400, size: SIZE, font });
  const digitFrom = font.widthOfTextAtSize('— ', SIZE);
  const digitTo = font.widthOfTextAtSize('— 2', SIZE);
  return { bytes: await doc.save(), x, digitFrom, digitTo };
}

describe.runIf(haveTools('pdftoppm', 'pdffonts', 'pdftotext'))('embedded font subsets', () => {
  it('draws every glyph of a short string (the short-loca subsetting bug is avoided)', async () => {
    for (const role of ['body', 'label'] as const) {
      const ours = await page(false, role);
      expect(darkPixelsOfDigit(ours.bytes, ours.x, ours.digitFrom, ours.digitTo, `ours-${role}`), `digit drawn with ${role}`).toBeGreaterThan(60);
      const text = execFileSync('pdftotext', [path.join(dir, `ours-${role}.pdf`), '-']).toString().replace(/\s+/g, '');
      expect(text).toBe('—2—');
    }
  });

  it('would catch the bug: @pdf-lib/fontkit 1.1.1 loses the digit on the rendered page', async () => {
    const old = await page(true, 'body');
    expect(darkPixelsOfDigit(old.bytes, old.x, old.digitFrom, old.digitTo, 'old')).toBe(0);
  });

  it('embeds subsets under fixed names, the same bytes every time', async () => {
    const a = await page(false, 'body');
    const b = await page(false, 'body');
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const pdf = path.join(dir, 'names.pdf');
    writeFileSync(pdf, a.bytes);
    const fonts = execFileSync('pdffonts', [pdf]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatch(/^AAAAAB\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });
});
