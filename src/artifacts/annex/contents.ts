import type { PDFPage } from 'pdf-lib';
import type { FlowBlock } from '../../documents/pdf/index.ts';
import { drawLine, lineHeightOf, wrap, type TextStyle } from '../../documents/pdf/index.ts';
import { CONTENT_WIDTH, MARGIN, RULE, type AnnexStyles } from './layout.ts';
import type { PageBook } from './page-book.ts';
import { subMarks, type AnnexSection } from './plan.ts';

/**
 * The table of contents (目录) of a volume: domain headings, every indicator with the page of its divider,
 * and under it every evidence item with the page where it starts. Page numbers stand in a right-hand column
 * after a dotted leader, so wrapping never depends on them.
 */
const NUMBER_COLUMN = 40;
const GAP = 10;

export interface ContentsOptions {
  readonly volume: { readonly no: number; readonly total: number };
  readonly sections: readonly AnnexSection[];
  readonly book: PageBook;
  readonly styles: AnnexStyles;
  /** words for an item printed under another indicator (no page numbers in it: they go in the number column) */
  readonly referenceText: (indicator: number, id: string) => string;
}

function entryBlock(text: string, indent: number, style: TextStyle, spaceBefore: number, page: () => string, keepWithNext = false): FlowBlock {
  const width = CONTENT_WIDTH - indent - NUMBER_COLUMN - GAP;
  const lines = wrap(text, width, style);
  const lh = lineHeightOf(style);
  return {
    height: lines.length * lh,
    spaceBefore,
    keepWithNext,
    draw(target: PDFPage, top: number) {
      let baseline = top - lh + (lh - style.size) / 2 + style.size * 0.12;
      lines.forEach((line, i) => {
        drawLine(target, line, MARGIN.left + indent, baseline, width, style);
        if (i === lines.length - 1) {
          const number = page();
          if (number) {
            const end = MARGIN.left + indent + style.font.widthOfTextAtSize(line, style.size) + 4;
            const numberWidth = style.font.widthOfTextAtSize(number, style.size);
            const right = MARGIN.left + CONTENT_WIDTH;
            if (right - numberWidth - 4 > end + 4) {
              target.drawLine({ start: { x: end, y: baseline + 2 }, end: { x: right - numberWidth - 4, y: baseline + 2 }, thickness: 0.6, dashArray: [0.6, 2.4], color: RULE });
            }
            drawLine(target, number, right - numberWidth, baseline, numberWidth, style);
          }
        }
        baseline -= lh;
      });
    },
  };
}

export function contentsBlocks(options: ContentsOptions): FlowBlock[] {
  const { styles, book, sections } = options;
  const title: TextStyle = { ...styles.heading, align: 'center' };
  const blocks: FlowBlock[] = [
    {
      height: options.volume.total > 1 ? 64 : 48,
      draw(page, top) {
        drawLine(page, '目　录', MARGIN.left, top - 24, CONTENT_WIDTH, title);
        if (options.volume.total > 1) {
          drawLine(page, `第${options.volume.no}册／共${options.volume.total}册`, MARGIN.left, top - 48, CONTENT_WIDTH, { ...styles.body, align: 'center' });
        }
      },
    },
  ];
  let domain: string | undefined;
  for (const section of sections) {
    const ind = section.indicator;
    if (ind.domain !== domain) {
      domain = ind.domain;
      blocks.push(entryBlock(ind.domain, 0, styles.subheading, 10, () => book.label(book.divider(ind.no).first), true));
    }
    const indicatorStyle: TextStyle = { ...styles.label, size: 11, lineHeight: 19 };
    const notApplicable = section.verdict?.verdict === '不涉及' ? `（${section.verdict.reason}）` : '';
    blocks.push(entryBlock(`指标${ind.no}　${ind.name}${notApplicable}`, 12, indicatorStyle, 4, () => book.label(book.divider(ind.no).first), section.entries.length > 0));
    section.entries.forEach((entry, i) => {
      const id = entry.evidence.id;
      // an item that proves one sub-indicator carries its mark: 1. ②外来入侵物种普查报告
      const text = `${i + 1}. ${subMarks(entry.evidence, ind.no)}${entry.evidence.title}`;
      // a reference shows the page of the printed copy when that copy is in this volume
      const under = entry.kind === 'placed' ? ind.no : entry.placedUnder;
      const page = () => {
        const at = book.item(under, id);
        return at ? book.label(at.first) : '';
      };
      const full = entry.kind === 'reference' ? `${text}（${options.referenceText(entry.placedUnder, id)}）` : text;
      blocks.push(entryBlock(full, 30, { ...styles.body, size: 10, lineHeight: 16 }, 0, page));
    });
  }
  return blocks;
}

export const CONTENTS_FRAME = { top: 841.89 - MARGIN.top, bottom: MARGIN.bottom } as const;
