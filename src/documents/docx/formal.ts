import { BorderStyle, LineRuleType, Paragraph, TabStopType, TextRun } from 'docx';
import type { AnchorSet } from './anchored.ts';
import { escapeXml } from './xml.ts';
import { textWidth } from './elements.ts';
import { BODY_LINE, chars, FONT, FONT_SIZE, mmToTwips, pageGeometry } from './layout.ts';
import { MarkdownError } from './markdown.ts';

/**
 * The parts of a formal document (公文) around its body, after GB/T 9704-2012: the 版头 of a 上行文
 * (7.2: 发文机关标志 in red, 发文字号 and 签发人 on one line, the red separator line), the 落款 of a sealed
 * document (7.3.5.1), the 附注 (7.3.6) and the 版记 (7.4: 抄送, 印发机关 and 印发日期 between rules).
 */

export const RED = 'FF0000';

/** `键：值` lines of a directive; a key may repeat (several 签发人). */
export function keyedLines(lines: readonly string[], line: number, known: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const text of lines) {
    const m = /^([^：:]+)[：:]\s*(.*)$/.exec(text);
    const key = m?.[1]?.trim() ?? '';
    if (!m || !known.includes(key)) throw new MarkdownError(line, `应写成“${known.join('／')}：……”，实际为“${text}”`, text);
    out.set(key, [...(out.get(key) ?? []), m[2]!.trim()]);
  }
  return out;
}

/** An empty paragraph exactly `height` twips high (positions the 版头's parts as the standard measures them). */
function spacer(height: number, border?: { color: string; size: number }, keepNext = false): Paragraph {
  return new Paragraph({
    style: 'Normal',
    ...(keepNext ? { keepNext: true } : {}),
    spacing: { line: height, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    ...(border ? { border: { bottom: { style: BorderStyle.SINGLE, size: border.size, color: border.color, space: 0 } } } : {}),
    children: [],
  });
}

/** Size of the 发文机关标志: as large as 二号 ×1.5, never wider than nine tenths of the 版心. */
export function markSize(mark: string, textWidthTwips: number): number {
  const fit = Math.floor((textWidthTwips * 0.9) / 20 / textWidth(mark));
  return Math.min(FONT_SIZE.二号 * 1.5, fit);
}

/**
 * 版头 of a 上行文: 发文机关标志 (red, 小标宋, centred, its top 35 mm below the 版心's), two lines below it the
 * 发文字号 one character in from the left on the line of the last 签发人 (签发人 one character in from the
 * right, “签发人：” in 仿宋, the name in 楷体), 4 mm below them the red line as wide as the 版心, and two
 * empty lines before the title.
 */
export function masthead(lines: readonly string[], line: number): Paragraph[] {
  const keys = keyedLines(lines, line, ['机关标志', '发文字号', '签发人']);
  const mark = keys.get('机关标志')?.[0];
  const docNo = keys.get('发文字号')?.[0];
  const signers = keys.get('签发人') ?? [];
  if (!mark || !docNo || signers.length === 0) throw new MarkdownError(line, '::: masthead 需要“机关标志”“发文字号”和“签发人”三项');
  const width = pageGeometry('portrait').textWidth;
  const size = markSize(mark, width);
  const indent = chars(1);
  const signerLine = (name: string, withDocNo: boolean) =>
    new Paragraph({
      style: 'Normal',
      tabStops: [{ type: TabStopType.RIGHT, position: width - indent }],
      indent: { left: withDocNo ? indent : 0 },
      children: [
        ...(withDocNo ? [new TextRun(docNo)] : []),
        new TextRun('\t签发人：'),
        new TextRun({ text: name, font: { eastAsia: FONT.kaiti } }),
      ],
    });
  return [
    // 35 mm from the 版心's top to the mark's top; the mark's line is a little taller than its glyphs
    spacer(mmToTwips(35) - Math.round(size * 20 * 0.15)),
    new Paragraph({
      style: 'IssuerMark',
      spacing: { line: Math.round(size * 20 * 1.3), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: mark, size: size * 2, color: RED })],
    }),
    spacer(BODY_LINE * 2),
    ...signers.map((name, i) => signerLine(name, i === signers.length - 1)),
    spacer(mmToTwips(4), { color: RED, size: 12 }),
    // the title two lines below the red line
    spacer(BODY_LINE * 2),
  ];
}

/**
 * 落款 of a sealed document: two empty lines for the seal (its top within a line of the text above), then
 * the sender centred over the 成文日期, the date four characters in from the right.
 */
export function sealedSignature(lines: readonly string[], line: number): Paragraph[] {
  if (lines.length !== 2) throw new MarkdownError(line, '::: seal 需要两行：发文机关署名、成文日期');
  const [sender, date] = lines as [string, string];
  const dateRight = 4;
  const senderRight = Math.max(0, dateRight + (textWidth(date) - textWidth(sender)) / 2);
  const paragraph = (text: string, right: number) =>
    new Paragraph({ style: 'Signature', indent: { right: chars(right) }, children: [new TextRun(text)] });
  // the seal's room stays with the 署名 and the date, and the 附件说明 before it (keepNext) with all three: a
  // page never begins with the 落款 alone (GB/T 9704-2012 7.3.5: the seal within a line of the text above)
  return [spacer(BODY_LINE, undefined, true), spacer(BODY_LINE, undefined, true), paragraph(sender, senderRight), paragraph(date, dateRight)];
}

/** 附注 (联系人、电话 …): in parentheses, two characters in, on the line below the 成文日期. */
export function note(text: string): Paragraph {
  const wrapped = /^（.*）$/.test(text) ? text : `（${text}）`;
  return new Paragraph({ style: 'BodyText', keepNext: true, children: [new TextRun(wrapped)] });
}

const THICK = 8; // 0.35 mm in eighths of a point (1 pt)
const THIN = 6; // 0.25 mm (0.75 pt)

/** Lines `text` takes at 4号 in `width` twips (a CJK character one em, Latin half). */
function linesOf(text: string, width: number, size: number): number {
  return Math.max(1, Math.ceil((textWidth(text) * size * 20) / width));
}

/**
 * 版记 at the foot of the last page: a text box as wide as the 版心 anchored to the bottom of the text area
 * (Word, WPS and LibreOffice keep it there whatever the body's length; text above stays clear of it),
 * holding 抄送 and 印发 between a thick first and last rule and a thin rule between them; 4号仿宋, one
 * character in from either side; 抄送 ends with 。 and wraps under the first name; 印发日期 ends with 印发.
 * The rules are empty paragraphs of their own, so they run the full width while the text keeps its indents.
 */
export function imprint(lines: readonly string[], line: number, anchors: AnchorSet): Paragraph[] {
  const keys = keyedLines(lines, line, ['抄送', '印发机关', '印发日期']);
  const printer = keys.get('印发机关')?.[0];
  const printDate = keys.get('印发日期')?.[0];
  if (!printer || !printDate) throw new MarkdownError(line, '::: imprint 需要“印发机关”和“印发日期”');
  const copyTo = (keys.get('抄送') ?? []).filter(Boolean);
  const width = pageGeometry('portrait').textWidth;
  const size = FONT_SIZE.四号;
  const side = chars(1, size);
  const lineHeight = BODY_LINE;
  const rule = (sz: number) =>
    `<w:p><w:pPr><w:pStyle w:val="Imprint"/><w:pBdr><w:bottom w:val="single" w:sz="${sz}" w:space="0" w:color="000000"/></w:pBdr>` +
    '<w:spacing w:line="20" w:lineRule="exact"/></w:pPr></w:p>';
  const text = (pPr: string, runs: string) => `<w:p><w:pPr><w:pStyle w:val="Imprint"/>${pPr}</w:pPr>${runs}</w:p>`;
  const run = (t: string) => `<w:r><w:t xml:space="preserve">${escapeXml(t)}</w:t></w:r>`;
  const parts = [rule(THICK)];
  let textLines = 0;
  if (copyTo.length) {
    const label = '抄送：';
    const names = `${copyTo.join('，').replace(/[。，；]$/, '')}。`;
    const hang = chars(textWidth(label), size);
    parts.push(text(`<w:ind w:left="${side + hang}" w:right="${side}" w:hanging="${hang}"/>`, run(`${label}${names}`)));
    parts.push(rule(THIN));
    textLines += linesOf(`${label}${names}`, width - 2 * side, size);
  }
  const dateText = /印发$/.test(printDate) ? printDate : `${printDate}印发`;
  parts.push(text(
    `<w:tabs><w:tab w:val="right" w:pos="${width - side}"/></w:tabs><w:ind w:left="${side}" w:right="${side}"/>`,
    `${run(printer)}<w:r><w:tab/></w:r>${run(dateText)}`,
  ));
  textLines += 1;
  parts.push(rule(THICK));
  const height = textLines * lineHeight + (parts.length - textLines) * 20 + 60;
  return [anchors.paragraph({
    name: '版记', width, height, vert: 'horz', wrap: 'topAndBottom',
    horizontal: { from: 'margin', align: 'center' }, vertical: { from: 'margin', align: 'bottom' },
    paragraphs: parts.join(''),
  }, { style: 'Normal', spacing: { line: 20, lineRule: LineRuleType.EXACT } })];
}
