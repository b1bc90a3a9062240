import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

/**
 * The text of a chart's SVG turned into outlines (glyph paths from Noto Sans SC, read with fontkit) before the
 * SVG is rasterised. resvg can draw the text itself, but it lays out every text element with the whole 15 MB
 * font again: about 10 ms an element, 0.3 s a chart. Outlines take a few milliseconds, need no font at all in
 * resvg, and draw the same glyphs.
 *
 * Handles the text elements ECharts' SVG renderer writes: one line each, `text-anchor` start/middle/end,
 * `dominant-baseline` central/alphabetic/hanging/middle, `x`/`y`, a `transform`, `fill`, and the font size and
 * weight in `style`.
 */

interface Position {
  readonly xAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}
interface Path {
  translate(x: number, y: number): Path;
  toSVG(): string;
}
interface Font {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  layout(text: string): { glyphs: readonly { path: Path }[]; positions: readonly Position[] };
}

const FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' } as const;
const fonts = new Map<keyof typeof FILES, Font>();
// fontkit (with its Unicode tables), loaded when the first chart is drawn: `validate` and the planners never need it
let fontkit: typeof Fontkit | undefined;

function fontOf(weight: keyof typeof FILES): Font {
  let font = fonts.get(weight);
  if (!font) {
    const require = createRequire(import.meta.url);
    fontkit ??= require('fontkit') as typeof Fontkit;
    const file = require.resolve(`@expo-google-fonts/noto-sans-sc/${FILES[weight]}`);
    font = fontkit.create(readFileSync(file)) as Font;
    fonts.set(weight, font);
  }
  return font;
}

const TEXT = /<text\b([^>]*)>([^<]*)<\/text>/g;

/** The SVG with every `<text>` replaced by a `<path>` of its glyphs. Throws for text it cannot read (a bug). */
export function outlineText(svg: string): string {
  const outlined = svg.replace(TEXT, (_m, attributes: string, content: string) => textPath(attributes, unescape(content)));
  if (/<text\b/.test(outlined)) throw new Error(`图表中有无法转为轮廓的文字：${/<text\b[^>]*>[\s\S]{0,40}/.exec(outlined)![0]}`);
  return outlined;
}

function textPath(attributes: string, text: string): string {
  const attr = (name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
  const style = attr('style') ?? '';
  const size = Number(/font-size:\s*([\d.]+)px/.exec(style)?.[1] ?? 12);
  const bold = /font-weight:\s*(bold|[6-9]00)/.test(style);
  const font = fontOf(bold ? 'bold' : 'regular');
  const run = font.layout(text.trim() === text ? text : text.replace(/\s+/g, ' '));
  let pen = 0;
  const outlines: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const p = run.positions[i]!;
    const d = glyph.path.translate(pen + p.xOffset, p.yOffset).toSVG();
    if (d) outlines.push(d);
    pen += p.xAdvance;
  });
  if (outlines.length === 0) return '';
  const scale = size / font.unitsPerEm;
  const width = pen * scale;
  const anchor = attr('text-anchor') ?? 'start';
  const dx = anchor === 'middle' ? -width / 2 : anchor === 'end' ? -width : 0;
  const dy = baselineShift(attr('dominant-baseline') ?? 'alphabetic', font) * size;
  const x = Number(attr('x') ?? 0) + dx;
  const y = Number(attr('y') ?? 0) + dy;
  const transform = attr('transform');
  const fill = attr('fill') ?? '#000';
  const at = `${transform ? `${transform} ` : ''}translate(${round(x)} ${round(y)}) scale(${round(scale)} ${round(-scale)})`;
  return `<path transform="${at}" fill="${fill}" d="${outlines.join('')}"/>`;
}

/** Where the alphabetic baseline lies below the text's `y`, in ems, for each `dominant-baseline`. */
function baselineShift(baseline: string, font: Font): number {
  const ascent = font.ascent / font.unitsPerEm;
  const descent = font.descent / font.unitsPerEm; // negative
  switch (baseline) {
    case 'central':
    case 'middle':
      return (ascent + descent) / 2;
    case 'hanging':
    case 'text-before-edge':
      return ascent;
    case 'text-after-edge':
    case 'ideographic':
      return descent;
    default:
      return 0;
  }
}

function round(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

function unescape(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name.toLowerCase()] ?? m;
  });
}
