import { BODY_LINE, chars, FONT, FONT_SIZE } from './layout.ts';
import { escapeXml } from './xml.ts';

/**
 * The styles of an official document, written as word/styles.xml by us (docx's `externalStyles`), so that
 * every style, the document defaults included, names its East Asian font (w:eastAsia) and nothing falls
 * back to a theme font.
 */
export type StyleId =
  | 'Normal' | 'BodyText' | 'Title' | 'Subtitle' | 'Heading1' | 'Heading2' | 'Heading3' | 'Heading4'
  | 'Recipient' | 'Signature' | 'AttachmentNote' | 'AttachmentLabel' | 'Roster' | 'Caption'
  | 'TableText' | 'TableHeading' | 'Header' | 'Footer' | 'FootnoteReference' | 'EndnoteReference'
  | 'IssuerMark' | 'Imprint' | 'Figure' | 'FigureCaption';

interface FontChoice {
  /** East Asian font (w:eastAsia) */
  readonly eastAsia: string;
  /** Latin letters and digits (w:ascii, w:hAnsi, w:cs); Times New Roman unless given */
  readonly latin?: string;
}

interface StyleSpec {
  readonly id: StyleId | 'DefaultParagraphFont' | 'TableNormal';
  readonly name: string;
  readonly type: 'paragraph' | 'character' | 'table';
  readonly isDefault?: boolean;
  readonly basedOn?: string;
  readonly next?: string;
  readonly font: FontChoice;
  /** points */
  readonly size?: number;
  readonly bold?: boolean;
  readonly superscript?: boolean;
  /** character spacing in twips (w:spacing in rPr) */
  readonly tracking?: number;
  readonly align?: 'both' | 'center' | 'left' | 'right';
  /** first-line indent in body characters */
  readonly firstLineChars?: number;
  readonly keepNext?: boolean;
  /** 0 for 一、 … (Word's navigation pane and outline) */
  readonly outline?: number;
  /** exact line spacing in twips, or 'single' */
  readonly line?: number | 'single';
  readonly before?: number;
  readonly after?: number;
  readonly snapToGrid?: boolean;
}

const fangsong: FontChoice = { eastAsia: FONT.fangsong };

/**
 * 28 characters of 3号 (16 pt) need 448 pt, the 版心 has 442.25 pt. Word squeezes them onto its character grid
 * (w:docGrid), but LibreOffice gives every character wider than a grid cell two cells (14 characters a line)
 * and breaks further with any character spacing. So text does not snap to the grid (w:snapToGrid 0) and runs
 * 0.3 pt tighter (15.7 pt a character): 28 characters a line in Word, WPS and LibreOffice alike, and the
 * section keeps its 22 × 28 grid for Word's page setup.
 */
export const BODY_TRACKING = -6;
const TABLE_SIZE = FONT_SIZE.五号;

/** The style table: what GB/T 9704 prescribes for each element. */
export const STYLES: readonly StyleSpec[] = [
  { id: 'Normal', name: 'Normal', type: 'paragraph', isDefault: true, font: fangsong, size: FONT_SIZE.三号, align: 'both', line: BODY_LINE, snapToGrid: false, tracking: BODY_TRACKING },
  { id: 'DefaultParagraphFont', name: 'Default Paragraph Font', type: 'character', isDefault: true, font: fangsong },
  { id: 'TableNormal', name: 'Normal Table', type: 'table', isDefault: true, font: fangsong },
  { id: 'BodyText', name: 'Body Text', type: 'paragraph', basedOn: 'Normal', font: fangsong, size: FONT_SIZE.三号, firstLineChars: 2 },
  { id: 'Title', name: 'Title', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: { eastAsia: FONT.xiaobiaosong, latin: FONT.xiaobiaosong }, size: FONT_SIZE.二号, align: 'center', keepNext: true, outline: 0, after: BODY_LINE },
  { id: 'Subtitle', name: 'Subtitle', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: { eastAsia: FONT.kaiti }, size: FONT_SIZE.三号, align: 'center', keepNext: true, after: BODY_LINE },
  { id: 'Heading1', name: 'heading 1', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: { eastAsia: FONT.heiti }, size: FONT_SIZE.三号, firstLineChars: 2, keepNext: true, outline: 1 },
  { id: 'Heading2', name: 'heading 2', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: { eastAsia: FONT.kaiti }, size: FONT_SIZE.三号, firstLineChars: 2, keepNext: true, outline: 2 },
  { id: 'Heading3', name: 'heading 3', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: fangsong, size: FONT_SIZE.三号, firstLineChars: 2, keepNext: true, outline: 3 },
  { id: 'Heading4', name: 'heading 4', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: fangsong, size: FONT_SIZE.三号, firstLineChars: 2, keepNext: true, outline: 4 },
  { id: 'Recipient', name: 'Recipient', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: fangsong, size: FONT_SIZE.三号, align: 'left' },
  { id: 'Signature', name: 'Signature', type: 'paragraph', basedOn: 'Normal', font: fangsong, size: FONT_SIZE.三号, align: 'right', keepNext: true },
  { id: 'AttachmentNote', name: 'Attachment Note', type: 'paragraph', basedOn: 'Normal', font: fangsong, size: FONT_SIZE.三号, align: 'left', keepNext: true },
  { id: 'AttachmentLabel', name: 'Attachment Label', type: 'paragraph', basedOn: 'Normal', next: 'Title', font: { eastAsia: FONT.heiti }, size: FONT_SIZE.三号, align: 'left', keepNext: true, after: BODY_LINE },
  // the padding spaces of 王  营 are half a character wide only in 仿宋_GB2312, not in Times New Roman
  { id: 'Roster', name: 'Roster', type: 'paragraph', basedOn: 'Normal', font: { eastAsia: FONT.fangsong, latin: FONT.fangsong }, size: FONT_SIZE.三号, align: 'left' },
  { id: 'Caption', name: 'caption', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: { eastAsia: FONT.heiti }, size: FONT_SIZE.四号, align: 'center', keepNext: true },
  // a figure: the picture centred on a line as high as it needs (exact line spacing would cut it), its caption
  // under it as a table's is above (黑体, centred), half a line from what follows
  { id: 'Figure', name: 'Figure', type: 'paragraph', basedOn: 'Normal', next: 'FigureCaption', font: fangsong, align: 'center', line: 'single', tracking: 0 },
  { id: 'FigureCaption', name: 'Figure Caption', type: 'paragraph', basedOn: 'Normal', next: 'BodyText', font: { eastAsia: FONT.heiti }, size: FONT_SIZE.四号, align: 'center', after: Math.round(BODY_LINE / 2) },
  // 版头's 发文机关标志 (its size and red colour on the run: the size depends on the name's length)
  { id: 'IssuerMark', name: 'Issuer Mark', type: 'paragraph', basedOn: 'Normal', next: 'Normal', font: { eastAsia: FONT.xiaobiaosong, latin: FONT.xiaobiaosong }, size: FONT_SIZE.二号, align: 'center', snapToGrid: false, tracking: 0 },
  // 版记: 4号仿宋
  { id: 'Imprint', name: 'Imprint', type: 'paragraph', basedOn: 'Normal', font: fangsong, size: FONT_SIZE.四号, align: 'left', line: BODY_LINE, snapToGrid: false, tracking: 0 },
  { id: 'TableText', name: 'Table Text', type: 'paragraph', basedOn: 'Normal', font: fangsong, size: TABLE_SIZE, align: 'center', line: 'single', snapToGrid: false, tracking: 0 },
  { id: 'TableHeading', name: 'Table Heading', type: 'paragraph', basedOn: 'TableText', font: { eastAsia: FONT.heiti }, size: TABLE_SIZE, align: 'center', line: 'single', snapToGrid: false },
  { id: 'Header', name: 'header', type: 'paragraph', basedOn: 'Normal', font: { eastAsia: FONT.kaiti }, size: FONT_SIZE.五号, align: 'center', line: 'single', snapToGrid: false },
  // docx's (empty) footnotes.xml and endnotes.xml refer to these two
  { id: 'FootnoteReference', name: 'footnote reference', type: 'character', font: fangsong, superscript: true },
  { id: 'EndnoteReference', name: 'endnote reference', type: 'character', font: fangsong, superscript: true },
  { id: 'Footer', name: 'footer', type: 'paragraph', basedOn: 'Normal', font: { eastAsia: FONT.songti, latin: FONT.songti }, size: FONT_SIZE.四号, line: 'single', snapToGrid: false, tracking: 0 },
];

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function fontsXml(font: FontChoice): string {
  const latin = escapeXml(font.latin ?? FONT.latin);
  return `<w:rFonts w:ascii="${latin}" w:eastAsia="${escapeXml(font.eastAsia)}" w:hAnsi="${latin}" w:cs="${latin}"/>`;
}

/** rPr children in the schema's order: rFonts, b, bCs, spacing, sz, szCs, vertAlign. */
function runXml(spec: Pick<StyleSpec, 'font' | 'size' | 'bold' | 'superscript' | 'tracking'>): string {
  const parts = [fontsXml(spec.font)];
  if (spec.bold) parts.push('<w:b/><w:bCs/>');
  if (spec.tracking !== undefined) parts.push(`<w:spacing w:val="${spec.tracking}"/>`);
  if (spec.size) parts.push(`<w:sz w:val="${spec.size * 2}"/><w:szCs w:val="${spec.size * 2}"/>`);
  if (spec.superscript) parts.push('<w:vertAlign w:val="superscript"/>');
  return `<w:rPr>${parts.join('')}</w:rPr>`;
}

/** pPr children in the schema's order: keepNext, autoSpaceDE/DN, snapToGrid, spacing, ind, jc, outlineLvl. */
function paragraphXml(spec: StyleSpec): string {
  const parts: string[] = [];
  if (spec.keepNext) parts.push('<w:keepNext/>');
  // no extra quarter-em between Chinese and digits (2023年7月20日 as written)
  if (spec.isDefault) parts.push('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>');
  if (spec.snapToGrid === false) parts.push('<w:snapToGrid w:val="0"/>');
  const spacing: string[] = [];
  if (spec.before !== undefined) spacing.push(`w:before="${spec.before}"`);
  if (spec.after !== undefined) spacing.push(`w:after="${spec.after}"`);
  if (spec.line === 'single') spacing.push('w:line="240" w:lineRule="auto"');
  else if (spec.line !== undefined) spacing.push(`w:line="${spec.line}" w:lineRule="exact"`);
  if (spacing.length) parts.push(`<w:spacing ${spacing.join(' ')}/>`);
  if (spec.firstLineChars) {
    parts.push(`<w:ind w:firstLineChars="${spec.firstLineChars * 100}" w:firstLine="${chars(spec.firstLineChars, spec.size)}"/>`);
  }
  if (spec.align) parts.push(`<w:jc w:val="${spec.align}"/>`);
  if (spec.outline !== undefined) parts.push(`<w:outlineLvl w:val="${spec.outline}"/>`);
  return parts.length ? `<w:pPr>${parts.join('')}</w:pPr>` : '';
}

function styleXml(spec: StyleSpec): string {
  const head = [`<w:name w:val="${escapeXml(spec.name)}"/>`];
  if (spec.basedOn) head.push(`<w:basedOn w:val="${spec.basedOn}"/>`);
  if (spec.next) head.push(`<w:next w:val="${spec.next}"/>`);
  if (spec.type !== 'paragraph') head.push('<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>');
  else head.push('<w:qFormat/>');
  const body =
    spec.type === 'paragraph'
      ? paragraphXml(spec) + runXml(spec)
      : spec.type === 'table'
        ? `${runXml(spec)}<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`
        : runXml(spec);
  const isDefault = spec.isDefault ? ' w:default="1"' : '';
  return `<w:style w:type="${spec.type}"${isDefault} w:styleId="${spec.id}">${head.join('')}${body}</w:style>`;
}

/** word/styles.xml: document defaults (仿宋_GB2312 3号, exact line spacing, Chinese language) and every style. */
export function stylesXml(): string {
  const defaults =
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    fontsXml(fangsong) +
    `<w:spacing w:val="${BODY_TRACKING}"/>` +
    `<w:kern w:val="2"/><w:sz w:val="${FONT_SIZE.三号 * 2}"/><w:szCs w:val="${FONT_SIZE.三号 * 2}"/>` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/>' +
    '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>' +
    `<w:spacing w:before="0" w:after="0" w:line="${BODY_LINE}" w:lineRule="exact"/><w:jc w:val="both"/>` +
    '</w:pPr></w:pPrDefault></w:docDefaults>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${NS}>${defaults}${STYLES.map(styleXml).join('')}</w:styles>`;
}
