import type { PDFDocument, PDFPage } from 'pdf-lib';
import { setOutline, type OutlineNode } from '../pdf/outline.ts';
import { setPageLabels } from '../pdf/page-labels.ts';
import type { PageBook } from './page-book.ts';
import type { AnnexSection } from './plan.ts';

/**
 * Bookmarks of a volume (目录, then 领域 → 指标 → 佐证材料, domains open) and page labels: the cover is
 * labelled 封面, every later page with the number stamped on it, so a reader's “go to page 45” finds — 45 —.
 */
export function setVolumeNavigation(doc: PDFDocument, sections: readonly AnnexSection[], book: PageBook, startPage: number): void {
  // (pages beyond a kept last number are inserted pages: labelled 83-1, 83-2 … as stamped)
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
  const plain = book.keepLast === undefined ? pages.length - 1 : Math.max(0, Math.min(pages.length - 1, book.keepLast - startPage + 1));
  setPageLabels(doc, [
    { startIndex: 0, prefix: '封面' },
    ...(plain > 0 ? [{ startIndex: 1, style: 'D' as const, start: startPage }] : []),
    ...(plain < pages.length - 1 ? [{ startIndex: 1 + plain, style: 'D' as const, prefix: `${book.keepLast}-`, start: 1 }] : []),
  ]);
}
