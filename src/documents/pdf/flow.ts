import type { PDFPage } from 'pdf-lib';

/**
 * A block of a page that flows: measured first (so the number of pages is known before anything is drawn,
 * e.g. to number the pages of a table of contents), drawn later. `draw` gets the y of the block's top.
 */
export interface FlowBlock {
  readonly height: number;
  /** space kept free above the block unless it starts a page */
  readonly spaceBefore?: number;
  /** true: start a new page before this block */
  readonly pageBreakBefore?: boolean;
  /** keep this block on the same page as the next one (a heading with its first line) */
  readonly keepWithNext?: boolean;
  draw(page: PDFPage, top: number): void;
}

export interface FlowPage {
  readonly blocks: readonly { readonly block: FlowBlock; readonly top: number }[];
}

export interface FlowFrame {
  /** y of the top of the first block on a page */
  readonly top: number;
  /** lowest y a block may reach */
  readonly bottom: number;
}

/** Splits blocks into pages; a block taller than a whole frame gets a page of its own (and overflows it). */
export function paginate(blocks: readonly FlowBlock[], first: FlowFrame, next: FlowFrame = first): FlowPage[] {
  const pages: { block: FlowBlock; top: number }[][] = [[]];
  let frame = first;
  let y = frame.top;
  const newPage = () => {
    pages.push([]);
    frame = next;
    y = frame.top;
  };
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const current = pages[pages.length - 1]!;
    if (block.pageBreakBefore && current.length > 0) newPage();
    let needed = block.height;
    // a heading must fit together with the block that follows it
    for (let j = i; blocks[j]?.keepWithNext && blocks[j + 1]; j++) needed += (blocks[j + 1]!.spaceBefore ?? 0) + blocks[j + 1]!.height;
    const gap = pages[pages.length - 1]!.length > 0 ? (block.spaceBefore ?? 0) : 0;
    if (y - gap - needed < frame.bottom && pages[pages.length - 1]!.length > 0) newPage();
    const onPage = pages[pages.length - 1]!;
    const top = y - (onPage.length > 0 ? (block.spaceBefore ?? 0) : 0);
    onPage.push({ block, top });
    y = top - block.height;
  }
  return pages.map((blocks) => ({ blocks }));
}

/** Draws paginated blocks onto the given pages (one per FlowPage). */
export function drawFlow(pages: readonly FlowPage[], targets: readonly PDFPage[]): void {
  pages.forEach((p, i) => {
    const target = targets[i];
    if (!target) throw new Error(`内部错误：排版需要 ${pages.length} 页，只预留了 ${targets.length} 页`);
    for (const { block, top } of p.blocks) block.draw(target, top);
  });
}
