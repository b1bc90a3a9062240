import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { PdfFonts } from '../../documents/pdf/index.ts';
import { drawFlow, paginate, type FlowPage } from '../../documents/pdf/index.ts';
import { contentsBlocks, CONTENTS_FRAME } from './contents.ts';
import { dividerBlocks } from './divider.ts';
import { A4, MARGIN, styles } from './layout.ts';
import { numberPages, PageBook, type KeptNumbers, type VolumePart } from './page-book.ts';
import type { AnnexSection } from './plan.ts';
import type { EvidenceProblem } from './problems.ts';
import { evidenceHeaderText, stampEvidenceHeader, stampPageNumber } from './stamp.ts';

/** One indicator's section after its evidence has been placed (pages appended at the end of the document). */
export interface BuiltSection {
  readonly section: AnnexSection;
  readonly items: readonly { readonly id: string; readonly pages: number }[];
  readonly problems: ReadonlyMap<string, EvidenceProblem>;
}

export interface AssembleContext {
  readonly volume: { readonly no: number; readonly total: number };
  readonly startPage: number;
  /** a revision's re-rendered volume: the ranges of numbers its parts keep (see numberPages) */
  readonly kept?: KeptNumbers;
  readonly referenceText: (indicator: number, id: string) => string;
  /** how the district names itself: 本区, 本县, 本市 */
  readonly own: string;
}

const FRAME = { top: A4.height - MARGIN.top, bottom: MARGIN.bottom };

/**
 * Puts a volume in order once its evidence is in the document (cover first, then every section's evidence
 * pages in order): lays out the contents and the dividers, which tells how many pages each takes, numbers
 * every page, inserts the contents after the cover and each divider before its evidence, draws them with
 * the real numbers, and stamps — N — on every page after the cover.
 */
export function assembleVolume(doc: PDFDocument, fonts: PdfFonts, built: readonly BuiltSection[], ctx: AssembleContext): PageBook {
  const book = new PageBook();
  const s = styles(fonts);
  const dividers: FlowPage[][] = built.map((b) =>
    paginate(dividerBlocks({ section: b.section, styles: s, book, problems: b.problems, referenceText: ctx.referenceText, own: ctx.own }), FRAME),
  );
  const contents = paginate(
    contentsBlocks({ volume: ctx.volume, sections: built.map((b) => b.section), book, styles: s, referenceText: ctx.referenceText }),
    CONTENTS_FRAME,
  );
  // positions: index 0 is the cover; index i is position startPage + i - 1, printed as book.label(position)
  const numberAt = (index: number) => ctx.startPage + index - 1;
  const parts: VolumePart[] = [
    { pages: contents.length },
    ...built.map((b, k) => ({ indicator: b.section.indicator.no, pages: dividers[k]!.length + b.items.reduce((n, item) => n + item.pages, 0) })),
  ];
  book.setNumbers(ctx.startPage, numberPages(ctx.startPage, parts, ctx.kept));
  let index = 1;
  book.contentsFirst = numberAt(index);
  index += contents.length;
  const dividerIndex: number[] = [];
  built.forEach((b, k) => {
    const ind = b.section.indicator.no;
    dividerIndex.push(index);
    book.dividers.set(ind, { first: numberAt(index), last: numberAt(index + dividers[k]!.length - 1) });
    const sectionFirst = numberAt(index);
    index += dividers[k]!.length;
    let rel = 1;
    for (const item of b.items) {
      if (item.pages === 0) continue;
      book.items.set(PageBook.key(ind, item.id), {
        first: numberAt(index), last: numberAt(index + item.pages - 1), relFirst: rel, relLast: rel + item.pages - 1,
      });
      index += item.pages;
      rel += item.pages;
    }
    book.sections.set(ind, { first: sectionFirst, last: numberAt(index - 1) });
  });
  const expected = index;
  const contentsPages = contents.map((_, i) => doc.insertPage(1 + i, [A4.width, A4.height]));
  const dividerPages: PDFPage[][] = built.map((_, k) => dividers[k]!.map((__, i) => doc.insertPage(dividerIndex[k]! + i, [A4.width, A4.height])));
  if (doc.getPageCount() !== expected) throw new Error(`内部错误：页数不符（应为 ${expected}，实际 ${doc.getPageCount()}）`);
  drawFlow(contents, contentsPages);
  built.forEach((b, k) => {
    drawFlow(dividers[k]!, dividerPages[k]!);
    const ind = b.section.indicator;
    // a divider running over: its later pages say whose list they continue
    dividerPages[k]!.slice(1).forEach((page) => stampEvidenceHeader(page, fonts, `指标${ind.no} ${ind.name}　佐证材料清单（续）`));
  });
  doc.getPages().forEach((page, i) => {
    if (i > 0) stampPageNumber(page, fonts, book.label(numberAt(i)));
  });
  return book;
}

/** Stamps the section-relative header on an indicator's evidence pages: 指标12 危险废物利用处置率　第3页. */
export function stampSectionHeaders(pages: readonly PDFPage[], fonts: PdfFonts, section: AnnexSection, firstRel: number): void {
  pages.forEach((page, k) => stampEvidenceHeader(page, fonts, evidenceHeaderText(section.indicator.no, section.indicator.name, firstRel + k)));
}
