import { Document, DocumentGridType, Packer, PageOrientation, SectionType, type ISectionOptions } from 'docx';
import JSZip from 'jszip';
import { normalizeOfficeZip } from '../office-zip/index.ts';
import { AnchorSet, placeAnchors } from './anchored.ts';
import { layoutBlocks, type DocumentPart } from './blocks.ts';
import { renumberDrawings, type FigureSpec } from './figure.ts';
import { fontTableXml } from './font-table.ts';
import { A4, pageGeometry } from './layout.ts';
import { parseMarkdown } from './markdown.ts';
import { pageNumberFooters, textHeaders } from './page-furniture.ts';
import { stylesXml } from './styles.ts';
import { withOfficialThemeFonts } from './theme.ts';
import type { TableSpec } from './table.ts';

/**
 * officialDocument: Markdown (the filled template) → a Word document laid out as a 公文 after GB/T 9704-2012.
 * Generic: the report and any later document (补充材料说明 …) call it with their own Markdown and tables.
 */
export interface OfficialDocumentOptions {
  /** the document in the Markdown subset (README「模板的 Markdown 子集」) */
  readonly markdown: string;
  /** tables the Markdown places with `::: table NAME` */
  readonly tables?: Readonly<Record<string, TableSpec>>;
  /** pictures (PNG, with their size on the page) the Markdown places with `::: figure NAME 图1　caption` */
  readonly figures?: Readonly<Record<string, FigureSpec>>;
  /** a line at the top of every page, e.g. 示例数据 for illustrative data; no header without it */
  readonly headerText?: string;
  /** document properties (docProps/core.xml) */
  readonly title?: string;
  readonly creator?: string;
  /** YYYY-MM-DD: the only date written into the file (zip entries and document properties) */
  readonly date: string;
}

export type { TableSpec, TableColumn, TableRowSpec, TableCellSpec } from './table.ts';
export { widthForOneLine } from './table.ts';
export type { FigureSpec } from './figure.ts';
export { MarkdownError, parseMarkdown } from './markdown.ts';
export { padName, textWidth } from './elements.ts';
export { breakTitle, TITLE_CHARS } from './title.ts';
export { pageGeometry, FONT, FONT_SIZE } from './layout.ts';

/** The docx object tree, built and not yet packed. Throws MarkdownError (with a line) for Markdown outside the subset. */
export function buildOfficialDocument(options: OfficialDocumentOptions): Document {
  return build(options).document;
}

function build(options: OfficialDocumentOptions): { document: Document; anchors: AnchorSet } {
  const anchors = new AnchorSet();
  const parts = layoutBlocks(parseMarkdown(options.markdown), { tables: options.tables ?? {}, figures: options.figures ?? {}, anchors });
  const document = new Document({
    externalStyles: stylesXml(),
    evenAndOddHeaderAndFooters: true,
    creator: options.creator ?? 'eco-dossier',
    lastModifiedBy: options.creator ?? 'eco-dossier',
    ...(options.title ? { title: options.title } : {}),
    sections: parts.map((part, i) => section(part, i, options.headerText, anchors)),
  });
  return { document, anchors };
}

function section(part: DocumentPart, index: number, headerText: string | undefined, anchors: AnchorSet): ISectionOptions {
  const page = pageGeometry(part.orientation);
  const headers = textHeaders(headerText);
  return {
    properties: {
      ...(index > 0 ? { type: SectionType.NEXT_PAGE } : {}),
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation: part.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { ...page.margins, gutter: 0 },
      },
      grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: page.linePitch, charSpace: page.charSpace },
    },
    ...(headers ? { headers } : {}),
    footers: pageNumberFooters(part.orientation, anchors),
    children: part.children,
  };
}

/**
 * The packed .docx: our styles (docx adds its own defaults to external styles, without East Asian fonts) and
 * our font table in place of docx's empty one, then re-packed for byte-identical output.
 */
export async function officialDocument(options: OfficialDocumentOptions): Promise<Buffer> {
  const { document, anchors } = build(options);
  const packed = await Packer.toBuffer(document);
  const zip = await JSZip.loadAsync(packed);
  // the boxes anchored to the page, in place of their marker runs
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(document|header\d+|footer\d+)\.xml$/.test(n)).sort()) {
    const xml = await zip.file(name)!.async('string');
    // the figures' drawing ids, after the boxes' (1 … anchors.size), before the boxes are placed
    const drawn = name === 'word/document.xml' ? renumberDrawings(xml, anchors.size + 1) : xml;
    const placed = placeAnchors(drawn, anchors);
    if (placed !== xml) zip.file(name, placed);
  }
  zip.file('word/styles.xml', stylesXml());
  zip.file('word/fontTable.xml', fontTableXml());
  const theme = zip.file('word/theme/theme1.xml');
  if (theme) zip.file('word/theme/theme1.xml', withOfficialThemeFonts(await theme.async('string')));
  const patched = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  return normalizeOfficeZip(patched, options.date);
}
