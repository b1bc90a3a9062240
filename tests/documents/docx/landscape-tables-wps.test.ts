import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../../src/load/check.ts';
import { textWidth } from '../../../src/documents/docx/elements.ts';
import { mmToTwips, pageGeometry } from '../../../src/documents/docx/layout.ts';
import { SIDE_NUMBER_BOX, SIDE_NUMBER_GAP } from '../../../src/documents/docx/page-furniture.ts';
import { CELL_MARGIN, columnWidths, type TableSpec } from '../../../src/documents/docx/table.ts';
import { paginateTable } from '../../../src/documents/docx/table-pages.ts';
import { renderReport } from '../../../src/artifacts/report/index.ts';
import { indicatorTable, taskBreakdownTable } from '../../../src/artifacts/report/tables.ts';
import type { ProjectData } from '../../../src/model/project-data.ts';
import type { Verdict } from '../../../src/judge/index.ts';
import { attrs, elements, first, openDocx, sections, tableRows, textOf, type Parts } from './docx-xml.ts';

let data: ProjectData;
let verdicts: readonly Verdict[];
let parts: Parts;
let doc: string;

beforeAll(async () => {
  const checked = await checkProject('fixtures/yanzhou-2023');
  data = checked.data!;
  verdicts = checked.verdicts;
  parts = await openDocx(await renderReport({ data, verdicts, revision: 1 }));
  doc = parts['word/document.xml']!;
});

function footerOf(sectPr: string, type: 'default' | 'even'): string {
  const ref = elements(sectPr, 'w:footerReference').find((f) => attrs(f)['w:type'] === type)!;
  const rel = elements(parts['word/_rels/document.xml.rels']!, 'Relationship').find((r) => attrs(r).Id === attrs(ref)['r:id'])!;
  return parts[`word/${attrs(rel).Target}`]!;
}

const landscape = () => sections(doc).filter((s) => attrs(first(s.sectPr, 'w:pgSz')!)['w:orient'] === 'landscape');

describe('landscape pages keep the page number where portrait pages have it (GB/T 9704 7.5)', () => {
  it('has a landscape section (附件1)', () => {
    expect(landscape()).toHaveLength(1);
  });

  it('turns the landscape page with its top at the binding edge: the left margin is the portrait foot (35 mm)', () => {
    const margins = attrs(first(landscape()[0]!.sectPr, 'w:pgMar')!);
    expect(margins).toMatchObject({ 'w:left': String(mmToTwips(35)), 'w:right': String(mmToTwips(37)), 'w:top': String(mmToTwips(28)), 'w:bottom': String(mmToTwips(26)) });
  });

  for (const [type, jc, ind] of [['default', 'right', 'w:right'], ['even', 'left', 'w:left']] as const) {
    it(`${type === 'default' ? 'odd' : 'even'} pages: — N — turned 90° on the left side, 7 mm from the text, one character from its ${jc === 'right' ? 'lower' : 'upper'} end`, () => {
      const footer = footerOf(landscape()[0]!.sectPr, type);
      const anchor = first(footer, 'wp:anchor')!;
      expect(anchor).toBeDefined();
      const page = pageGeometry('landscape');
      const x = page.margins.left - SIDE_NUMBER_GAP - SIDE_NUMBER_BOX;
      expect(anchor).toContain(`<wp:positionH relativeFrom="page"><wp:posOffset>${x * 635}</wp:posOffset></wp:positionH>`);
      expect(anchor).toContain(`<wp:positionV relativeFrom="page"><wp:posOffset>${page.margins.top * 635}</wp:posOffset></wp:positionV>`);
      expect(attrs(first(anchor, 'wp:extent')!)).toEqual({ cx: String(SIDE_NUMBER_BOX * 635), cy: String(page.textHeight * 635) });
      expect(attrs(first(anchor, 'wps:bodyPr')!)['vert']).toBe('vert');
      const p = first(anchor, 'w:p')!;
      expect(textOf(p)).toBe('— 1 —');
      expect(p).toMatch(/<w:instrText xml:space="preserve"> PAGE <\/w:instrText>/);
      expect(attrs(first(p, 'w:jc')!)['w:val']).toBe(jc);
      expect(attrs(first(p, 'w:ind')!)).toEqual({ [ind]: '280' });
      // nothing at the foot of the landscape page
      expect(footer.replace(/<w:drawing>[\s\S]*<\/w:drawing>/, '')).not.toContain('PAGE');
    });
  }

  it('portrait sections keep the number at the foot', () => {
    const portrait = sections(doc).filter((s) => attrs(first(s.sectPr, 'w:pgSz')!)['w:orient'] !== 'landscape');
    for (const s of portrait) expect(footerOf(s.sectPr, 'default')).not.toContain('wp:anchor');
  });
});

describe('附件1 across pages: no 领域 or 任务 cut, labels repeated', () => {
  it('is written as one table per page, each opening with its 领域 and 任务 labels (no merge continued from a page before)', () => {
    const tables = elements(landscape()[0]!.content, 'w:tbl');
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      const [header, firstRow] = elements(table, 'w:tr');
      expect(header).toContain('<w:tblHeader/>');
      const cells = elements(firstRow!, 'w:tc');
      expect(cells).toHaveLength(9);
      expect(cells.slice(0, 2).some((c) => /<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(c))).toBe(false);
      expect(textOf(cells[0]!)).not.toBe('');
      expect(textOf(cells[1]!)).toMatch(/^（[一二三四五六七八九十]+）/);
    }
    // every indicator once, in order
    const numbers = tables.flatMap((t) => tableRows(t).slice(1).map((r) => r[r.length - 7]!)).map(Number);
    expect(numbers).toEqual(data.indicators.map((i) => i.no));
  });

  it('keeps a task on one page and repeats a 领域 continued on the next page, with its label', () => {
    const spec: TableSpec = {
      columns: [{ title: '领域', width: 1 }, { title: '任务', width: 2 }, { title: '序号', width: 1 }],
      rows: [
        { cells: [{ lines: ['生', '态'], rowSpan: 4 }, { lines: ['（一）'], rowSpan: 2 }, { lines: ['1'] }] },
        { cells: [{ lines: ['2'] }] },
        { cells: [{ lines: ['（二）'], rowSpan: 2 }, { lines: ['3'] }] },
        { cells: [{ lines: ['4'] }] },
      ],
      paginate: true,
    };
    // room for the header and about two rows a page
    const pages = paginateTable(spec, 4000, 70, 70);
    expect(pages.map((p) => p.rows.map((r) => r.cells.map((c) => `${c.lines.join('')}${c.rowSpan ? `×${c.rowSpan}` : ''}`)))).toEqual([
      [['生态×2', '（一）×2', '1'], ['2']],
      [['生态×2', '（二）×2', '3'], ['4']],
    ]);
  });
});

describe('表1 and 附件1: cells that do not break inside a word or a number', () => {
  for (const [name, spec, width] of [
    ['表1', () => indicatorTable(data.indicators, verdicts), pageGeometry('portrait').textWidth],
    ['附件1', () => taskBreakdownTable(data.indicators), pageGeometry('landscape').textWidth],
  ] as const) {
    it(`${name}: every header fits its column on one line (五号 黑体)`, () => {
      const s = spec();
      const widths = columnWidths(s.columns, width);
      s.columns.forEach((c, i) => expect(textWidth(c.title) * 210 + 2 * CELL_MARGIN, c.title).toBeLessThanOrEqual(widths[i]!));
    });
  }

  it('writes ΔEQI=-0.5 without a space to break at', () => {
    const cell = elements(doc, 'w:tc').map(textOf).find((t) => t.startsWith('ΔEQI') && !t.includes('≥'));
    expect(cell).toBe('ΔEQI=-0.5');
  });
});

describe('what WPS needs (and Word is happy with)', () => {
  it('writes the grid column widths of every table, adding up to the table width', () => {
    const tables = elements(doc, 'w:tbl');
    expect(tables.length).toBeGreaterThan(2);
    for (const table of tables) {
      const grid = elements(first(table, 'w:tblGrid')!, 'w:gridCol').map((g) => Number(attrs(g)['w:w']));
      expect(grid.length).toBeGreaterThan(0);
      expect(grid.every((w) => w > 0)).toBe(true);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(Number(attrs(first(table, 'w:tblW')!)['w:w']));
    }
  });

  it('sets the theme fonts to the official Chinese fonts, and names no font the font table lacks', () => {
    const theme = parts['word/theme/theme1.xml']!;
    const scheme = first(theme, 'a:fontScheme')!;
    expect(scheme).toContain('<a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface="黑体"/>');
    expect(scheme).toContain('<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/>');
    const named = new Set(elements(parts['word/fontTable.xml']!, 'w:font').map((f) => attrs(f)['w:name']));
    const used = [...scheme.matchAll(/typeface="([^"]*)"/g)].map((m) => m[1]!);
    for (const font of used) expect(named.has(font), font).toBe(true);
    for (const [name, xml] of Object.entries(parts).filter(([n]) => n.startsWith('word/'))) {
      for (const tag of xml.match(/<w:rFonts\b[^>]*>/g) ?? []) {
        for (const m of tag.matchAll(/w:(?:ascii|eastAsia|hAnsi|cs)="([^"]+)"/g)) expect(named.has(m[1]!), `${name}: ${m[1]}`).toBe(true);
      }
    }
  });

  it('has no field WPS would show empty: no TOC, only PAGE numbers', () => {
    const instructions = Object.values(parts).flatMap((xml) => [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1]!.trim()));
    expect(new Set(instructions)).toEqual(new Set(['PAGE']));
    expect(Object.values(parts).some((xml) => xml.includes('<w:fldSimple'))).toBe(false);
  });
});
