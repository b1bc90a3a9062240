import JSZip from 'jszip';

/**
 * A small xlsx reader that does not share code with the writer (not exceljs): unzip with jszip and read
 * the SpreadsheetML parts with regular expressions. Enough for what the tests check: cell texts,
 * merged ranges, row heights, column widths, styles (fonts, borders, alignment, protection), page setup,
 * print titles, header/footer, data validations.
 */

export interface XlsxCell {
  readonly ref: string;
  readonly value: string | number | undefined;
  /** index into styles' cellXfs */
  readonly style: number;
}

export interface XlsxSheet {
  readonly name: string;
  readonly state: string;
  readonly xml: string;
  readonly cells: ReadonlyMap<string, XlsxCell>;
  readonly merges: readonly string[];
  readonly rowHeights: ReadonlyMap<number, number>;
  readonly rowBreaks: readonly number[];
  text(ref: string): string;
}

export interface XlsxStyle {
  readonly font: { readonly name?: string; readonly size?: number; readonly bold: boolean };
  readonly border: { readonly left?: string; readonly right?: string; readonly top?: string; readonly bottom?: string };
  readonly wrapText: boolean;
  readonly horizontal?: string;
  readonly vertical?: string;
  readonly locked: boolean;
  /** solid fill colour (ARGB), if any */
  readonly fill?: string;
}

export interface XlsxBook {
  readonly sheets: readonly XlsxSheet[];
  readonly workbookXml: string;
  readonly definedNames: readonly { readonly name: string; readonly localSheetId?: number; readonly value: string }[];
  readonly styles: readonly XlsxStyle[];
  readonly stylesXml: string;
  readonly coreXml: string;
  sheet(name: string): XlsxSheet;
}

export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

function texts(fragment: string): string {
  return [...fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decodeXml(m[1]!)).join('');
}

function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))].map((m) => m[0]);
}

function parseStyles(xml: string): XlsxStyle[] {
  const section = (tag: string) => new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? '';
  const fonts = elements(section('fonts'), 'font').map((f) => ({
    name: attr(/<name\b[^>]*>/.exec(f)?.[0] ?? '', 'val'),
    size: Number(attr(/<sz\b[^>]*>/.exec(f)?.[0] ?? '', 'val')) || undefined,
    bold: /<b\s*\/>|<b\s+val="1"/.test(f),
  }));
  const borders = elements(section('borders'), 'border').map((b) => {
    const side = (s: string) => attr(new RegExp(`<${s}\\b[^>]*>`).exec(b)?.[0] ?? '', 'style');
    return { left: side('left'), right: side('right'), top: side('top'), bottom: side('bottom') };
  });
  const fills = elements(section('fills'), 'fill').map((f) => attr(/<fgColor\b[^>]*>/.exec(f)?.[0] ?? '', 'rgb'));
  return elements(section('cellXfs'), 'xf').map((xf) => {
    const open = /<xf\b[^>]*>/.exec(xf)![0];
    const alignment = /<alignment\b[^>]*>/.exec(xf)?.[0] ?? '';
    const protection = /<protection\b[^>]*>/.exec(xf)?.[0];
    return {
      font: fonts[Number(attr(open, 'fontId') ?? 0)] ?? { bold: false },
      border: borders[Number(attr(open, 'borderId') ?? 0)] ?? {},
      wrapText: attr(alignment, 'wrapText') === '1',
      horizontal: attr(alignment, 'horizontal'),
      vertical: attr(alignment, 'vertical'),
      locked: protection ? attr(protection, 'locked') !== '0' : true,
      ...(fills[Number(attr(open, 'fillId') ?? 0)] ? { fill: fills[Number(attr(open, 'fillId') ?? 0)]! } : {}),
    };
  });
}

function parseSheet(name: string, state: string, xml: string, shared: readonly string[]): XlsxSheet {
  const cells = new Map<string, XlsxCell>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const tag = m[1]!;
    const inner = m[2] ?? '';
    const ref = attr(tag, 'r')!;
    const type = attr(tag, 't');
    const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    let value: string | number | undefined;
    if (type === 's') value = shared[Number(v)];
    else if (type === 'inlineStr') value = texts(inner);
    else if (type === 'str' || type === 'e') value = v === undefined ? undefined : decodeXml(v);
    else if (type === 'b') value = v;
    else value = v === undefined ? undefined : Number(v);
    cells.set(ref, { ref, value, style: Number(attr(tag, 's') ?? 0) });
  }
  const rowHeights = new Map<number, number>();
  for (const m of xml.matchAll(/<row\b[^>]*>/g)) {
    const ht = attr(m[0], 'ht');
    if (ht) rowHeights.set(Number(attr(m[0], 'r')), Number(ht));
  }
  const merges = [...xml.matchAll(/<mergeCell\s+ref="([^"]+)"/g)].map((m) => m[1]!);
  const rowBreaks = [...(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? '').matchAll(/<brk\b[^>]*>/g)].map((m) => Number(attr(m[0], 'id')));
  return {
    name, state, xml, cells, merges, rowHeights, rowBreaks,
    text: (ref) => {
      const v = cells.get(ref)?.value;
      return v === undefined ? '' : String(v);
    },
  };
}

export async function readXlsx(bytes: Uint8Array): Promise<XlsxBook> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const workbookXml = await read('xl/workbook.xml');
  const rels = await read('xl/_rels/workbook.xml.rels');
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]));
  const sharedXml = await read('xl/sharedStrings.xml');
  const shared = elements(sharedXml, 'si').map(texts);
  const stylesXml = await read('xl/styles.xml');
  const sheets: XlsxSheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const target = targets.get(attr(m[0], 'r:id')!)!;
    const file = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    sheets.push(parseSheet(attr(m[0], 'name')!, attr(m[0], 'state') ?? 'visible', await read(file), shared));
  }
  const definedNames = [...workbookXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const local = attr(m[1]!, 'localSheetId');
    return { name: attr(m[1]!, 'name')!, ...(local !== undefined ? { localSheetId: Number(local) } : {}), value: decodeXml(m[2]!) };
  });
  return {
    sheets, workbookXml, definedNames, styles: parseStyles(stylesXml), stylesXml, coreXml: await read('docProps/core.xml'),
    sheet: (name) => {
      const found = sheets.find((s) => s.name === name);
      if (!found) throw new Error(`no sheet ${name}; sheets: ${sheets.map((s) => s.name).join(', ')}`);
      return found;
    },
  };
}

/** "B3:B8" → ["B3", "B4", …, "B8"] (single column or row ranges and rectangles). */
export function cellsOf(range: string): string[] {
  const [a, b = a] = range.split(':') as [string, string?];
  const split = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    return { col: m[1]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
  };
  const from = split(a);
  const to = split(b!);
  const out: string[] = [];
  for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) out.push(`${letter(c)}${r}`);
  return out;
}

export function letter(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
