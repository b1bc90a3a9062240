import type { PDFPage } from 'pdf-lib';
import { TemplateError, renderTemplate, resolveTemplate, templateSet } from '../../documents/templates/index.ts';
import { titlesOf } from '../../common/index.ts';
import type { RenderInput } from '../render-input.ts';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import { drawLine, wrap, lineHeightOf, type TextStyle } from '../../documents/pdf/index.ts';
import { A4, CONTENT_WIDTH, MARGIN, RED } from './layout.ts';

/**
 * The cover comes from the Handlebars template templates/annex/cover.txt.hbs (a district may copy it into its
 * own templates folder). The template writes one item per line, `style: text`; this module lays them out.
 */
export const COVER_TEMPLATE = 'annex/cover.txt.hbs';

export type CoverStyle = 'mark' | 'title' | 'subtitle' | 'text' | 'small' | 'space';
export interface CoverLine {
  readonly style: CoverStyle;
  readonly text: string;
  /** true for lines after `---`: placed at the foot of the page */
  readonly bottom: boolean;
}

const STYLES = new Set<CoverStyle>(['mark', 'title', 'subtitle', 'text', 'small', 'space']);

/** Parses the template's output; an unknown style or a malformed line is a template error. */
export function parseCoverLines(output: string, templateFile: string): CoverLine[] {
  const lines: CoverLine[] = [];
  let bottom = false;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === '---') {
      bottom = true;
      continue;
    }
    const m = /^([a-z]+)\s*[:：]\s*(.*)$/.exec(line);
    if (!m || !STYLES.has(m[1] as CoverStyle)) {
      throw new TemplateError(templateFile, undefined, `封面模板输出了无法识别的一行“${line}”（应为“样式: 文字”，样式为 ${[...STYLES].join('、')}）`);
    }
    const style = m[1] as CoverStyle;
    if (style === 'space' && !/^\d+(\.\d+)?$/.test(m[2]!)) throw new TemplateError(templateFile, undefined, `“space:” 后应为行数，实际为“${m[2]}”`);
    lines.push({ style, text: m[2]!, bottom });
  }
  return lines;
}

export interface CoverFacts {
  readonly volume: { readonly no: number; readonly total: number };
  /** printed labels of the first numbered page and of the last page (`215`, or an inserted page `215-2`) */
  readonly pages: {
    readonly first: string;
    readonly last: string;
    /** in a revision: inserted pages and numbers left unused, e.g. 含插页1页；第81页空缺（修订时删减）; else '' */
    readonly note: string;
  };
  readonly indicators: readonly number[];
}

/** Renders the cover template for one volume (throws TemplateError). */
export function coverLines(input: RenderInput, facts: CoverFacts): CoverLine[] {
  const { project } = input.data;
  const set = templateSet(input.data.dir, project.templates);
  const context = {
    title: titlesOf(project).annex,
    district: { name: project.district.name, shortName: project.district.shortName },
    programme: { title: project.programme.title, batch: project.programme.batch, year: project.programme.year },
    government: project.district.government,
    date: project.generatedAt,
    revision: input.revision,
    volume: facts.volume,
    pages: facts.pages,
    indicators: { first: facts.indicators[0] ?? 0, last: facts.indicators[facts.indicators.length - 1] ?? 0, count: facts.indicators.length },
    sample: project.sample,
  };
  return parseCoverLines(renderTemplate(set, COVER_TEMPLATE, context), resolveTemplate(set, COVER_TEMPLATE));
}

function styleOf(line: CoverLine, fonts: PdfFonts): TextStyle {
  switch (line.style) {
    case 'title': return { font: fonts.heading, size: 26, lineHeight: 40, align: 'center' };
    case 'subtitle': return { font: fonts.heading, size: 17, lineHeight: 28, align: 'center' };
    case 'mark': return { font: fonts.heading, size: 14, lineHeight: 26, align: 'center', color: RED };
    case 'small': return { font: fonts.body, size: 12, lineHeight: 22, align: 'center' };
    default: return { font: fonts.body, size: 16, lineHeight: 28, align: 'center' };
  }
}

interface Placed { readonly lines: string[]; readonly style: TextStyle; readonly height: number; readonly line: CoverLine }

function measure(lines: readonly CoverLine[], fonts: PdfFonts): Placed[] {
  return lines.map((line) => {
    if (line.style === 'space') return { line, lines: [], style: styleOf(line, fonts), height: Number(line.text) * 16 };
    const style = styleOf(line, fonts);
    const wrapped = wrap(line.text, CONTENT_WIDTH - (line.style === 'mark' ? 24 : 0), style);
    return { line, lines: wrapped, style, height: wrapped.length * lineHeightOf(style) };
  });
}

function drawItems(page: PDFPage, items: readonly Placed[], top: number): void {
  let y = top;
  for (const item of items) {
    const lh = lineHeightOf(item.style);
    if (item.line.style === 'mark' && item.lines.length) {
      const w = Math.max(...item.lines.map((l) => item.style.font.widthOfTextAtSize(l, item.style.size))) + 24;
      page.drawRectangle({ x: (A4.width - w) / 2, y: y - item.height - 2, width: w, height: item.height + 4, borderColor: RED, borderWidth: 1.2 });
    }
    for (const text of item.lines) {
      drawLine(page, text, MARGIN.left, y - lh + (lh - item.style.size) / 2 + item.style.size * 0.12, CONTENT_WIDTH, item.style);
      y -= lh;
    }
    if (item.lines.length === 0) y -= item.height;
  }
}

/** Draws the cover: the top part from the top margin down, the part after `---` ending at the bottom margin. */
export function drawCover(page: PDFPage, lines: readonly CoverLine[], fonts: PdfFonts): void {
  const top = measure(lines.filter((l) => !l.bottom), fonts);
  const foot = measure(lines.filter((l) => l.bottom), fonts);
  drawItems(page, top, A4.height - MARGIN.top - 24);
  const footHeight = foot.reduce((n, i) => n + i.height, 0);
  drawItems(page, foot, MARGIN.bottom + 24 + footHeight);
}
