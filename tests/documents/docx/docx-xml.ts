import JSZip from 'jszip';

/**
 * Reading a .docx as its XML parts, with plain text matching: what Word and LibreOffice read,
 * not the docx library's objects.
 */
export type Parts = Record<string, string>;

export async function openDocx(bytes: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Parts = {};
  for (const name of Object.keys(zip.files)) {
    if (/\.(xml|rels)$/.test(name)) parts[name] = await zip.files[name]!.async('string');
  }
  return parts;
}

/** Attributes of the first tag in `xml` (w:val="1" → { 'w:val': '1' }). */
export function attrs(tag: string): Record<string, string> {
  const head = /^<[^>]*>/.exec(tag)?.[0] ?? tag;
  return Object.fromEntries([...head.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** Every <name …/> or <name …>…</name> (elements of that name must not nest). */
export function elements(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
  return xml.match(re) ?? [];
}

export function first(xml: string, name: string): string | undefined {
  return elements(xml, name)[0];
}

/** The text of a fragment: w:t contents, tabs as \t, breaks as \n. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
    .map((m) => (m[0] === '<w:tab/>' ? '\t' : m[0] === '<w:br/>' ? '\n' : decode(m[1]!)))
    .join('');
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Top-level paragraphs of the body, in order (paragraphs inside tables excluded). */
export function bodyParagraphs(documentXml: string): string[] {
  const body = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return body.match(/<w:p(?=[\s>])[\s\S]*?<\/w:p>/g) ?? [];
}

export function styleOf(paragraph: string): string | undefined {
  return /<w:pStyle w:val="([^"]+)"\/>/.exec(paragraph)?.[1];
}

/** The w:style element with this id. */
export function style(stylesXml: string, id: string): string {
  const found = elements(stylesXml, 'w:style').find((s) => attrs(s)['w:styleId'] === id);
  if (!found) throw new Error(`no style ${id}`);
  return found;
}

/**
 * Sections of the document: each w:sectPr with the body XML it closes. A section break sits in the pPr of
 * the section's last paragraph, which belongs to the section (without its sectPr).
 */
export function sections(documentXml: string): { sectPr: string; content: string }[] {
  const out: { sectPr: string; content: string }[] = [];
  let rest = documentXml.slice(documentXml.indexOf('<w:body>'));
  for (let at = rest.indexOf('<w:sectPr'); at >= 0; at = rest.indexOf('<w:sectPr')) {
    const end = rest.indexOf('</w:sectPr>', at) + '</w:sectPr>'.length;
    const inParagraph = rest.startsWith('</w:pPr>', end);
    const close = inParagraph ? rest.indexOf('</w:p>', end) + '</w:p>'.length : end;
    out.push({ sectPr: rest.slice(at, end), content: rest.slice(0, at) + rest.slice(end, close) });
    rest = rest.slice(close);
  }
  return out;
}

/** Rows of a table as cell texts (cells joined by their paragraphs with \n). */
export function tableRows(tableXml: string): string[][] {
  return elements(tableXml, 'w:tr').map((row) =>
    elements(row, 'w:tc').map((cell) => (cell.match(/<w:p(?=[\s>])[\s\S]*?<\/w:p>/g) ?? []).map(textOf).join('\n')),
  );
}
