import type { PDFDocument, PDFPage } from 'pdf-lib';
import { setOutline, type OutlineNode } from '../../documents/pdf/index.ts';
import { setPageLabels, type PageLabelRange } from '../../documents/pdf/index.ts';
import type { PageBook, PrintedNumber } from './page-book.ts';
import type { AnnexSection } from './plan.ts';

/**
 * Bookmarks of a volume (目录, then 领域 → 指标 → 佐证材料, domains open) and page labels: the cover is
 * labelled 封面, every later page with the number stamped on it, so a reader's “go to page 45” finds — 45 —.
 */
export function setVolumeNavigation(doc: PDFDocument, sections: readonly AnnexSection[], book: PageBook, startPage: number): void {
  const pages = doc.getPages();
  const at = (printed: number): PDFPage => {
    const page = pages[printed - startPage + 1];
    if (!page) throw new Error(`内部错误：第${printed}页不在本册中`);
    return page;
  };
  const roots: OutlineNode[] = [{ title: '目录', page: at(book.contentsFirst).ref }];
  let domain: { title: string; page: PDFPage; children: OutlineNode[] } | undefined;
  const flush = () => {
    if (domain) roots.push({ title: domain.title, page: domain.page.ref, open: true, children: domain.children });
  };
  for (const section of sections) {
    const ind = section.indicator;
    const divider = book.divider(ind.no);
    if (domain?.title !== ind.domain) {
      flush();
      domain = { title: ind.domain, page: at(divider.first), children: [] };
    }
    const children: OutlineNode[] = [];
    section.entries.forEach((entry, i) => {
      const where = book.item(entry.kind === 'placed' ? ind.no : entry.placedUnder, entry.evidence.id);
      if (where) children.push({ title: `${i + 1}. ${entry.evidence.title}`, page: at(where.first).ref });
    });
    domain.children.push({ title: `指标${ind.no} ${ind.name}`, page: at(divider.first).ref, children });
  }
  flush();
  setOutline(doc, roots);
  setPageLabels(doc, [{ startIndex: 0, prefix: '封面' }, ...labelRanges(book.printed)]);
}

/**
 * Page label ranges for the pages after the cover: one for each run of consecutive plain numbers, and one
 * (prefix `79-`) for each run of inserted pages, so a reader shows and finds 79-1 as printed.
 */
export function labelRanges(numbers: readonly PrintedNumber[]): PageLabelRange[] {
  const ranges: PageLabelRange[] = [];
  numbers.forEach((n, i) => {
    const prev = numbers[i - 1];
    const continues = prev !== undefined && (n.insert
      ? prev.insert > 0 && prev.base === n.base && prev.insert + 1 === n.insert
      : prev.insert === 0 && prev.base + 1 === n.base);
    if (!continues) ranges.push(n.insert ? { startIndex: i + 1, style: 'D', prefix: `${n.base}-`, start: n.insert } : { startIndex: i + 1, style: 'D', start: n.base });
  });
  return ranges;
}
