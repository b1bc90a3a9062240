import { PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * Bookmarks (/Outlines), which pdf-lib has no API for. Titles are UTF-16 hex strings
 * (PDFHexString.fromText): PDFString.of would garble Chinese.
 */
export interface OutlineNode {
  readonly title: string;
  /** the page the bookmark opens (its ref: `page.ref`) */
  readonly page: PDFRef;
  /** children shown when the document opens; default false (collapsed) */
  readonly open?: boolean;
  readonly children?: readonly OutlineNode[];
}

/** Number of items visible below `node` when it is shown: 0 if closed. */
function visibleBelow(node: OutlineNode): number {
  return node.open ? descendantsIfOpen(node) : 0;
}

function descendantsIfOpen(node: OutlineNode): number {
  return (node.children ?? []).reduce((sum, child) => sum + 1 + visibleBelow(child), 0);
}

/** Writes the bookmark tree and makes readers open with the bookmarks panel (/PageMode /UseOutlines). */
export function setOutline(doc: PDFDocument, roots: readonly OutlineNode[]): void {
  const context = doc.context;
  const rootRef = context.nextRef();
  const writeLevel = (nodes: readonly OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef } | undefined => {
    if (nodes.length === 0) return undefined;
    const refs = nodes.map(() => context.nextRef());
    nodes.forEach((node, i) => {
      const dict = PDFDict.withContext(context);
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.title));
      dict.set(PDFName.of('Parent'), parent);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      dict.set(PDFName.of('Dest'), context.obj([node.page, PDFName.of('Fit')]));
      const children = writeLevel(node.children ?? [], refs[i]!);
      if (children) {
        dict.set(PDFName.of('First'), children.first);
        dict.set(PDFName.of('Last'), children.last);
        const count = descendantsIfOpen(node);
        dict.set(PDFName.of('Count'), PDFNumber.of(node.open ? count : -count));
      }
      context.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]! };
  };
  const top = writeLevel(roots, rootRef);
  const root = PDFDict.withContext(context);
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  if (top) {
    root.set(PDFName.of('First'), top.first);
    root.set(PDFName.of('Last'), top.last);
    root.set(PDFName.of('Count'), PDFNumber.of(roots.reduce((sum, n) => sum + 1 + visibleBelow(n), 0)));
  }
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
