import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';
import type { AnchorSet } from './anchored.ts';
import { chars, FONT_SIZE, mmToTwips, pageGeometry, type Orientation } from './layout.ts';

/**
 * Page numbers as GB/T 9704 places them: 4号半角宋体阿拉伯数字 between two em dashes (— 3 —), 7 mm below
 * the text block, one character in from the right edge on odd pages and from the left edge on even pages.
 * Needs `evenAndOddHeaderAndFooters` on the document (officialDocument sets it).
 *
 * A landscape page keeps its number where the portrait pages have it (7.5): bound into the document, the
 * landscape page lies turned with its top at the binding edge, so the portrait foot is its left side. The
 * number stands there in a text box turned 90° (reading top to bottom), 7 mm left of the text block, one
 * character from its lower end on odd pages (the portrait right) and from its upper end on even pages.
 */
export function pageNumberFooters(orientation: Orientation = 'portrait', anchors?: AnchorSet): { default: Footer; even: Footer } {
  if (orientation === 'landscape') {
    if (!anchors) throw new Error('横向页的页码需要定位文本框');
    return { default: new Footer({ children: [sidePageNumber(true, anchors)] }), even: new Footer({ children: [sidePageNumber(false, anchors)] }) };
  }
  const indent = chars(1, FONT_SIZE.四号);
  const footer = (odd: boolean) =>
    new Footer({
      children: [
        new Paragraph({
          style: 'Footer',
          alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: odd ? { right: indent } : { left: indent },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
        }),
      ],
    });
  return { default: footer(true), even: footer(false) };
}

/** Width of the turned box: one 4号 line. */
export const SIDE_NUMBER_BOX = mmToTwips(7);
/** The number's distance from the text block, as below it on a portrait page. */
export const SIDE_NUMBER_GAP = mmToTwips(7);

const PAGE_FIELD =
  '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
  '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
  '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r>';

function sidePageNumber(odd: boolean, anchors: AnchorSet): Paragraph {
  const page = pageGeometry('landscape');
  const indent = chars(1, FONT_SIZE.四号);
  const jc = odd ? 'right' : 'left';
  const ind = odd ? `w:right="${indent}"` : `w:left="${indent}"`;
  return anchors.paragraph(
    {
      name: odd ? '页码（单页）' : '页码（双页）',
      width: SIDE_NUMBER_BOX,
      height: page.textHeight,
      horizontal: { from: 'page', offset: page.margins.left - SIDE_NUMBER_GAP - SIDE_NUMBER_BOX },
      vertical: { from: 'page', offset: page.margins.top },
      vert: 'vert',
      wrap: 'none',
      paragraphs: `<w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind ${ind}/><w:jc w:val="${jc}"/></w:pPr>${PAGE_FIELD}</w:p>`,
    },
    { style: 'Footer' },
  );
}

/** A line of text at the top of every page (e.g. 示例数据); none without text, as a 公文 has no header. */
export function textHeaders(text: string | undefined): { default: Header; even: Header } | undefined {
  if (!text) return undefined;
  const header = () => new Header({ children: [new Paragraph({ style: 'Header', children: [new TextRun(text)] })] });
  return { default: header(), even: header() };
}
