import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';
import { chars, FONT_SIZE } from './layout.ts';

/**
 * Page numbers as GB/T 9704 places them: 4号半角宋体阿拉伯数字 between two em dashes (— 3 —),
 * one character in from the right edge on odd pages and from the left edge on even pages.
 * Needs `evenAndOddHeaderAndFooters` on the document (officialDocument sets it).
 */
export function pageNumberFooters(): { default: Footer; even: Footer } {
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

/** A line of text at the top of every page (e.g. 示例数据); none without text, as a 公文 has no header. */
export function textHeaders(text: string | undefined): { default: Header; even: Header } | undefined {
  if (!text) return undefined;
  const header = () => new Header({ children: [new Paragraph({ style: 'Header', children: [new TextRun(text)] })] });
  return { default: header(), even: header() };
}
