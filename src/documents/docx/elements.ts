import { Paragraph, TabStopType, TextRun } from 'docx';
import { BODY_LINE, chars } from './layout.ts';

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

/**
 * 发文机关署名 and 成文日期 (a document without a seal): the sender two characters in from the right,
 * one line below the text; the date on the next line, its first character two characters right of the
 * sender's first; a date longer than that moves the sender left instead, keeping the date two in from the right.
 */
export function signature(lines: readonly string[]): Paragraph[] {
  if (lines.length === 0) return [];
  const senders = lines.length > 1 ? lines.slice(0, -1) : lines;
  const date = lines.length > 1 ? lines[lines.length - 1]! : undefined;
  const senderWidth = Math.max(...senders.map(textWidth));
  let senderRight = 2;
  let dateRight = date === undefined ? 2 : senderRight + senderWidth - textWidth(date) - 2;
  if (dateRight < 2) {
    senderRight += 2 - dateRight;
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
