import { Document, isMap, isSeq, parseDocument, type Node } from 'yaml';

/**
 * The one writer of new entries into evidence.yaml, for `evidence scan` and for an upload the office accepts.
 * Every byte of the existing text stays as it was (comments, quotes, blank lines, key order): the new entries
 * are inserted after the last one, in the file's own style — its indentation of the list, its line ends
 * (CRLF from Notepad or WPS stays CRLF) and its way of writing `indicators` (`[1, 2]` or one per line).
 * Pure: text in, text out.
 */

/** An entry as it is written: keys in the order of the evidence.yaml schema. */
export type EvidenceEntryText = Readonly<Record<string, unknown>> & { readonly id: string; readonly file: string; readonly indicators: readonly number[] };

interface Style {
  readonly eol: '\n' | '\r\n';
  /** indicators as `[1, 2]` (true) or a block list */
  readonly flowIndicators: boolean;
  /** `[ 1, 2 ]` rather than `[1, 2]` */
  readonly flowPadding: boolean;
}

function styleOf(text: string, list: Node | undefined): Style {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  let flowIndicators = true;
  let flowPadding = false;
  if (isSeq(list)) {
    const first = list.items.find((i) => isMap(i) && (i as unknown as { get(k: string, keep: true): unknown }).get('indicators', true) !== undefined);
    const ind = first ? (first as unknown as { get(k: string, keep: true): unknown }).get('indicators', true) : undefined;
    if (isSeq(ind)) {
      flowIndicators = Boolean(ind.flow);
      flowPadding = flowIndicators && ind.range !== undefined && ind.range !== null && /^\[\s/.test(text.slice(ind.range[0], ind.range[0] + 2));
    }
  }
  return { eol, flowIndicators, flowPadding };
}

/** The text of new block-sequence items, indented to `indent` columns. */
function itemsText(entries: readonly EvidenceEntryText[], indent: number, style: Style): string {
  const doc = new Document(entries.map((e) => ({ ...e, indicators: [...e.indicators] })));
  for (const item of (doc.contents as unknown as { items: { get(k: string, keep: true): Node }[] }).items) {
    const seq = item.get('indicators', true);
    if (isSeq(seq)) seq.flow = style.flowIndicators;
  }
  const pad = ' '.repeat(indent);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: style.flowPadding }).trimEnd().split('\n').map((l) => pad + l).join(style.eol) + style.eol;
}

/**
 * `text` with `entries` appended to its `evidence:` list. The caller has parsed `text` already (it is valid
 * YAML whose `evidence`, if present, is a list); an entry whose `file` is listed already is not added twice.
 */
export function appendEvidenceEntries(text: string, entries: readonly EvidenceEntryText[]): string {
  const doc = parseDocument(text);
  const seqNode = doc.get('evidence', true) as Node | undefined;
  const listed = new Set(((doc.toJS() as { evidence?: { file?: unknown }[] } | null)?.evidence ?? []).map((e) => String(e?.file ?? '').replace(/\\/g, '/').normalize('NFC')));
  const fresh = entries.filter((e) => !listed.has(e.file.replace(/\\/g, '/').normalize('NFC')));
  if (fresh.length === 0) return text;
  const style = styleOf(text, seqNode);
  if (isSeq(seqNode) && !seqNode.flow && seqNode.items.length > 0 && seqNode.range) {
    const firstStart = (seqNode.items[0] as Node).range![0];
    const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
    const indent = text.slice(lineStart, firstStart).indexOf('-');
    const lastEnd = (seqNode.items.at(-1) as Node).range![1];
    const nl = text.indexOf('\n', lastEnd - 1);
    const at = nl < 0 ? text.length : nl + 1;
    return `${text.slice(0, at)}${nl < 0 ? style.eol : ''}${itemsText(fresh, Math.max(0, indent), style)}${text.slice(at)}`;
  }
  if (seqNode && seqNode.range) {
    // `evidence: []` or no items: the value is replaced by a block list
    const [start, end] = seqNode.range;
    const keyLine = text.lastIndexOf('\n', start - 1) + 1;
    const keyIndent = /^ */.exec(text.slice(keyLine))![0].length;
    return `${text.slice(0, start).replace(/[ \t]+$/, '')}${style.eol}${itemsText(fresh, keyIndent + 2, style)}${text.slice(end).replace(/^[ \t]*\r?\n/, '')}`;
  }
  return `${text}${text === '' || text.endsWith('\n') ? '' : style.eol}evidence:${style.eol}${itemsText(fresh, 2, style)}`;
}
