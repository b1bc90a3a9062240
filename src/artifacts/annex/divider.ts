import type { PDFPage } from 'pdf-lib';
import type { FlowBlock } from '../../documents/pdf/index.ts';
import { drawLine, fitSize, lineHeightOf, wrap, wrapFields, type TextStyle } from '../../documents/pdf/index.ts';
import { chineseDate, chineseNumeral, circled } from '../../common/index.ts';
import { CONTENT_WIDTH, MARGIN, RED, RULE, type AnnexStyles } from './layout.ts';
import type { PageBook } from './page-book.ts';
import { subMarks, type AnnexSection } from './plan.ts';
import { problemReason, type EvidenceProblem } from './problems.ts';

/**
 * The divider page(s) opening each indicator's section: its facts as 附件1 and the judge give them, then the
 * list of its evidence items with where each one is (page within the section, and page in the annex).
 */
const LABEL_WIDTH = 78;
const PAD = 5;

export interface DividerOptions {
  readonly section: AnnexSection;
  readonly styles: AnnexStyles;
  readonly book: PageBook;
  /** problems of items that are replaced by a placeholder page */
  readonly problems: ReadonlyMap<string, EvidenceProblem>;
  readonly referenceText: (indicator: number, id: string) => string;
  /** how the district names itself: 本区, 本县, 本市 */
  readonly own: string;
}

function targetText(section: AnnexSection): string {
  const ind = section.indicator;
  const unit = (u: string | undefined) => (u && u !== '-' ? `（单位：${u}）` : '');
  if (ind.subIndicators.length === 0) return `${ind.target}${unit(ind.unit)}`;
  return ind.subIndicators.map((s) => `${circled(s.no)}${s.name}：${s.target ?? ind.target}${unit(s.unit ?? ind.unit)}`).join('\n');
}

function unitsText(section: AnnexSection): string {
  const ind = section.indicator;
  const units = ind.units.map((u, i) => (i === 0 && ind.units.length > 1 ? `${u}（牵头）` : u)).join('、');
  return ind.unitsNote ? `${units}（${ind.unitsNote}）` : units;
}

function rowBlock(label: string, value: string, s: AnnexStyles, first: boolean): FlowBlock {
  const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - 2 * PAD;
  const lines = wrap(value, valueWidth, s.body);
  const lh = lineHeightOf(s.body);
  const height = lines.length * lh + 2 * PAD;
  return {
    height,
    draw(page: PDFPage, top: number) {
      const x = MARGIN.left;
      page.drawRectangle({ x, y: top - height, width: CONTENT_WIDTH, height, borderColor: RULE, borderWidth: 0.6 });
      if (!first) page.drawLine({ start: { x, y: top }, end: { x: x + CONTENT_WIDTH, y: top }, thickness: 0.6, color: RULE });
      page.drawLine({ start: { x: x + LABEL_WIDTH, y: top }, end: { x: x + LABEL_WIDTH, y: top - height }, thickness: 0.6, color: RULE });
      const shift = (lh - s.body.size) / 2 + s.body.size * 0.12;
      drawLine(page, label, x + PAD, top - PAD - lh + shift, LABEL_WIDTH - 2 * PAD, s.label);
      lines.forEach((line, i) => drawLine(page, line, x + LABEL_WIDTH + PAD, top - PAD - (i + 1) * lh + shift, valueWidth, s.body));
    },
  };
}

function textBlock(text: string | readonly string[], style: TextStyle, indent: number, spaceBefore = 0, keepWithNext = false): FlowBlock {
  const width = CONTENT_WIDTH - indent;
  const lines = typeof text === 'string' ? wrap(text, width, style) : wrapFields(text, width, style);
  const lh = lineHeightOf(style);
  return {
    height: lines.length * lh,
    spaceBefore,
    keepWithNext,
    draw(page, top) {
      lines.forEach((line, i) => drawLine(page, line, MARGIN.left + indent, top - (i + 1) * lh + (lh - style.size) / 2 + style.size * 0.12, width, style));
    },
  };
}

/** One line whose text is only known when drawing (page numbers): never wraps, shrinks if it must. */
function lateLine(text: () => string, style: TextStyle, indent: number): FlowBlock {
  const lh = lineHeightOf(style);
  return {
    height: lh,
    draw(page, top) {
      const t = text();
      const size = fitSize(t, style.font, style.size, CONTENT_WIDTH - indent);
      drawLine(page, t, MARGIN.left + indent, top - lh + (lh - size) / 2 + size * 0.12, CONTENT_WIDTH - indent, { ...style, size });
    },
  };
}

export function dividerBlocks(options: DividerOptions): FlowBlock[] {
  const { section, styles: s, book } = options;
  const ind = section.indicator;
  const v = section.verdict;
  const blocks: FlowBlock[] = [
    textBlock(`${ind.domain}　（${chineseNumeral(ind.taskNo)}）${ind.taskName}`, { ...s.small, size: 10.5 }, 0),
    textBlock(`指标${ind.no}`, { ...s.heading, size: 30, lineHeight: 44 }, 0, 8),
    textBlock(ind.name, { ...s.heading, size: 20, lineHeight: 30 }, 0, 0),
  ];
  const rows: [string, string][] = [
    ['序号', String(ind.no)],
    ['指标名称', ind.name],
    ['指标值', targetText(section)],
    ['现状值', v?.currentText ?? '—'],
    ['指标属性', ind.attribute],
    ['达标情况', v ? (v.verdict === '不涉及' ? v.reason : `${v.verdict}：${v.reason}`) : '待补充'],
    ['责任单位', unitsText(section)],
  ];
  rows.forEach(([label, value], i) => {
    const block = rowBlock(label, value, s, i === 0);
    blocks.push(i === 0 ? { ...block, spaceBefore: 18 } : block);
  });
  blocks.push(textBlock(`佐证材料（共${section.entries.length}项）`, s.subheading, 0, 20, section.entries.length > 0));
  if (section.entries.length === 0) blocks.push(textBlock(v?.verdict === '不涉及' ? `${options.own}不涉及，无需佐证材料。` : '暂无佐证材料。', s.body, 0, 4));
  section.entries.forEach((entry, i) => {
    const e = entry.evidence;
    const problem = options.problems.get(e.id);
    blocks.push({ ...textBlock(`${i + 1}. ${subMarks(e, ind.no)}${e.title}`, s.body, 0, 0, true), spaceBefore: 8 });
    const meta = [`出具单位：${e.issuer}`, `日期：${chineseDate(e.date)}`, e.docNo ? `文号：${e.docNo}` : '', `类型：${e.kind}`];
    blocks.push(textBlock(meta, s.small, 16, 0, true));
    if (problem) blocks.push(textBlock(`材料无法读取（${problemReason(problem, e.type)}），汇编中以说明页代替`, { ...s.small, color: RED }, 16, 0, true));
    blocks.push(lateLine(() => {
      if (entry.kind === 'reference') {
        const placed = book.item(entry.placedUnder, e.id);
        return `${options.referenceText(entry.placedUnder, e.id)}${placed ? `，见第${book.range(placed.first, placed.last)}页` : ''}`;
      }
      const p = book.item(ind.no, e.id);
      return p ? `位置：本指标第${p.relFirst === p.relLast ? p.relFirst : `${p.relFirst}—${p.relLast}`}页（汇编第${book.range(p.first, p.last)}页）` : '';
    }, s.small, 16));
  });
  return blocks;
}
