import { PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';

/**
 * Page labels (/PageLabels number tree): what a reader shows as the page "number" in its toolbar and
 * what "go to page" accepts.
 */
export interface PageLabelRange {
  /** index (0-based) of the first page of the range */
  readonly startIndex: number;
  /** D decimal, R/r roman, A/a letters; none: the label is the prefix alone */
  readonly style?: 'D' | 'R' | 'r' | 'A' | 'a';
  readonly prefix?: string;
  /** the number of the range's first page (default 1) */
  readonly start?: number;
}

export function setPageLabels(doc: PDFDocument, ranges: readonly PageLabelRange[]): void {
  const context = doc.context;
  const nums = context.obj([]);
  const sorted = [...ranges].sort((a, b) => a.startIndex - b.startIndex);
  for (const range of sorted) {
    const label = PDFDict.withContext(context);
    if (range.style) label.set(PDFName.of('S'), PDFName.of(range.style));
    if (range.prefix) label.set(PDFName.of('P'), PDFHexString.fromText(range.prefix));
    if (range.start !== undefined && range.start !== 1) label.set(PDFName.of('St'), PDFNumber.of(range.start));
    nums.push(PDFNumber.of(range.startIndex));
    nums.push(label);
  }
  const tree = PDFDict.withContext(context);
  tree.set(PDFName.of('Nums'), nums);
  doc.catalog.set(PDFName.of('PageLabels'), context.register(tree));
}
