import { Paragraph, TabStopType, TextRun } from 'docx';
import { BODY_CHARS, BODY_LINE, chars } from './layout.ts';

/**
 * The fixed elements of an official document that need their own layout (GB/T 9704 §7.3):
 * 附件说明, 发文机关署名 with 成文日期, and a name list (名单) such as a leading group's.
 */

const HALF_WIDTH = /[\u0020-\u007e\u00a0-\u00ff\u2002\u2009]/;

/** Width in body characters: half-width letters, digits and spaces count ½, everything else 1. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += HALF_WIDTH.test(ch) ? 0.5 : 1;
  return width;
}

/** A two-character name takes three characters' room, as 公文 name lists write it: 王营 → 王  营. */
export function padName(name: string): string {
  const letters = [...name];
  return letters.length === 2 ? `${letters[0]}  ${letters[1]}` : name;
}

/** Characters a 署名 line may take: the body line less the two it keeps from the right edge, and one of slack for the reader's rounding. */
const SIGNATURE_CHARS = BODY_CHARS - 3;

/**
 * A sender too long for one line, cut into lines that each fit, never inside a word of its name: after the
 * last place, body or office word (区, 县, 会, 组, 室 …) that still fits, else at the width. Lines are kept
 * as even as the cut allows, the longer first (济宁市兖州区国家生态文明建设示范区 / 创建工作领导小组办公室).
 */
export function senderLines(sender: string, width = SIGNATURE_CHARS): string[] {
  if (textWidth(sender) <= width) return [sender];
  const letters = [...sender];
  const widthOf = (from: number, to: number) => textWidth(letters.slice(from, to).join(''));
  let fits = 0;
  while (fits < letters.length && widthOf(0, fits + 1) <= width) fits++;
  // the most even cut after a word that ends a name's part; at the width when there is none
  let cut = fits;
  let best = Infinity;
  for (let k = 1; k <= fits; k++) {
    if (!SENDER_PART_END.test(letters[k - 1]!)) continue;
    const uneven = Math.max(widthOf(0, k), widthOf(k, letters.length));
    if (uneven <= best) {
      best = uneven;
      cut = k;
    }
  }
  return [letters.slice(0, cut).join(''), ...senderLines(letters.slice(cut).join(''), width)];
}

/** Characters that end a part of an organ's name: a place (区, 县), a body (政府, 委员会) or an office (局, 组, 室). */
const SENDER_PART_END = /[省市区县旗州盟镇乡会府局厅部组室院站队]/;

/**
 * 发文机关署名 and 成文日期 (a document without a seal): the sender two characters in from the right,
 * one line below the text; the date on the next line, its first character two characters right of the
 * sender's first; a date longer than that moves the sender left instead, keeping the date two in from the right.
 * Neither breaks inside: a sender wider than the line is set on as many lines as it needs (senderLines), each
 * line a paragraph of its own, and the date is never pushed further right than it fits.
 */
export function signature(lines: readonly string[]): Paragraph[] {
  if (lines.length === 0) return [];
  const senders = (lines.length > 1 ? lines.slice(0, -1) : lines).flatMap((s) => senderLines(s));
  const date = lines.length > 1 ? lines[lines.length - 1]! : undefined;
  const senderWidth = Math.max(...senders.map(textWidth));
  let senderRight = 2;
  let dateRight = date === undefined ? 2 : senderRight + senderWidth - textWidth(date) - 2;
  if (date !== undefined) dateRight = Math.min(dateRight, BODY_CHARS - textWidth(date) - 1);
  if (dateRight < 2) {
    senderRight = Math.min(senderRight + 2 - dateRight, BODY_CHARS - senderWidth);
    dateRight = 2;
  }
  const paragraph = (text: string, right: number, first: boolean) =>
    new Paragraph({ style: 'Signature', indent: { right: chars(right) }, spacing: first ? { before: BODY_LINE } : {}, children: [new TextRun(text)] });
  return [
    ...senders.map((s, i) => paragraph(s, senderRight, i === 0)),
    ...(date === undefined ? [] : [paragraph(date, dateRight, false)]),
  ];
}

/**
 * 附件说明: one line below the text, two characters in, “附件：” and the attachments' names, numbered when
 * there is more than one (附件：1.××××); a long name wraps under its own first character.
 */
export function attachmentNote(lines: readonly string[]): Paragraph[] {
  const items = lines.map((line, i) => {
    const m = /^(\d+)\s*[.．、]\s*(.*)$/.exec(line);
    return m ? { no: m[1]!, title: m[2]! } : { no: String(i + 1), title: line };
  });
  const numbered = items.length > 1;
  const label = '附件：';
  return items.map((item, i) => {
    const prefix = numbered ? `${item.no}.` : '';
    const first = i === 0;
    const left = 2 + textWidth(label) + textWidth(prefix);
    const hanging = first ? textWidth(label) + textWidth(prefix) : textWidth(prefix);
    return new Paragraph({
      style: 'AttachmentNote',
      indent: { left: chars(left), hanging: chars(hanging) },
      spacing: first ? { before: BODY_LINE } : {},
      children: [new TextRun(`${first ? label : ''}${prefix}${item.title}`)],
    });
  });
}

/**
 * A name list such as 领导小组成员名单, one person a line written `职务标签 | 姓名 | 职务` (the label only on the
 * first line of its group): labels and two-character names padded to three characters, the posts aligned in
 * one column, a long post wrapping under its own start.
 */
export function roster(lines: readonly string[]): Paragraph[] {
  const rows = lines.map((line) => {
    const parts = line.split('|').map((p) => p.trim());
    if (parts.length === 1) return { label: '', name: '', post: parts[0]!, plain: true };
    if (parts.length === 2) return { label: '', name: parts[0]!, post: parts[1]!, plain: false };
    return { label: parts[0]!, name: parts[1]!, post: parts.slice(2).join('|'), plain: false };
  });
  const labelColumn = Math.max(0, ...rows.filter((r) => r.label).map((r) => textWidth(padName(r.label)) + 1));
  const nameColumn = Math.max(3, ...rows.filter((r) => r.name).map((r) => textWidth(padName(r.name))));
  const postStart = labelColumn + nameColumn + 1.5;
  return rows.map((row) => {
    if (row.plain) return new Paragraph({ style: 'BodyText', children: [new TextRun(row.post)] });
    const lead = row.label ? `${padName(row.label)}：` : '';
    return new Paragraph({
      style: 'Roster',
      indent: { left: chars(postStart), hanging: chars(row.label ? postStart : postStart - labelColumn) },
      tabStops: [{ type: TabStopType.LEFT, position: chars(postStart) }],
      children: [new TextRun(`${lead}${padName(row.name)}\t${row.post}`)],
    });
  });
}
