import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';

/**
 * What pdf-lib takes on trust in an evidence PDF and this tool checks before copying a page: a
 * cross-reference table that points at the objects it names, a catalog with a page tree that ends, and no
 * active content (scripts, actions that launch or submit, embedded files) on the pages copied.
 */

/** Longest chain of page-tree nodes accepted (real files nest a few levels). */
const MAX_TREE_DEPTH = 64;

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');

/**
 * Whether the file's last cross-reference table is wrong: `startxref` missing or pointing outside the file,
 * or a classic table whose entries do not point at `n g obj`. (pdf-lib reads objects in file order and never
 * notices; readers that trust the table show missing or wrong pages.) A cross-reference stream is taken as
 * it is.
 */
export function xrefDamaged(bytes: Uint8Array): boolean {
  const tail = latin1(bytes, Math.max(0, bytes.length - 2048), bytes.length);
  const m = /startxref\s+(\d+)\s*(?:%%EOF)?\s*$/.exec(tail.replace(/\s*$/, '')) ?? /startxref\s+(\d+)/.exec(tail);
  if (!m) return true;
  // offsets count from the %PDF- header (a file may carry junk before it)
  const base = Math.max(0, latin1(bytes, 0, 1024).indexOf('%PDF-'));
  const at = Number(m[1]) + base;
  if (!Number.isSafeInteger(at) || at <= base || at >= bytes.length) return true;
  const head = latin1(bytes, at, at + 32);
  if (/^\d+\s+\d+\s+obj/.test(head)) return false;
  if (!head.startsWith('xref')) return true;
  // classic table: sections "first count" then 20-byte rows "oooooooooo ggggg n"
  const table = latin1(bytes, at + 4, Math.min(bytes.length, at + 4 + 20 * 100_000));
  const lines = table.split(/\r\n|\r|\n/);
  let checked = 0;
  for (let k = 0; k < lines.length && checked < 2000; k++) {
    const line = lines[k]!.trim();
    if (line === '') continue;
    if (line.startsWith('trailer')) break;
    const section = /^(\d+)\s+(\d+)$/.exec(line);
    if (section) continue;
    const row = /^(\d{10})\s+(\d{5})\s+([nf])$/.exec(line);
    if (!row) return true;
    if (row[3] !== 'n') continue;
    const offset = Number(row[1]) + base;
    if (offset >= bytes.length || !/^\s*\d+\s+\d+\s+obj/.test(latin1(bytes, offset, offset + 40))) return true;
    checked++;
  }
  return false;
}

/**
 * A reason the document's pages cannot be listed (no catalog, no page tree, a page tree that loops or
 * nests too deep), or undefined. Walks the tree itself: pdf-lib recurses without a guard and overflows the
 * stack on a loop.
 */
export function pageTreeProblem(doc: PDFDocument): string | undefined {
  const context = doc.context;
  const root = context.trailerInfo.Root ? context.lookup(context.trailerInfo.Root) : undefined;
  if (!(root instanceof PDFDict)) return '文件中没有文档目录（Catalog），无法找到页面';
  const pages = root.lookup(PDFName.of('Pages'));
  if (!(pages instanceof PDFDict)) return '文档目录中没有页面树（Pages）';
  const seen = new Set<PDFDict>();
  const stack: { node: PDFDict; depth: number }[] = [{ node: pages, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (seen.has(node)) return '页面树中有循环引用（某一层页面节点又指回了自己或上层）';
    seen.add(node);
    if (depth > MAX_TREE_DEPTH) return `页面树嵌套超过 ${MAX_TREE_DEPTH} 层`;
    const type = node.lookup(PDFName.of('Type'));
    const kids = node.lookup(PDFName.of('Kids'));
    if (type === PDFName.of('Page') || !(kids instanceof PDFArray)) continue;
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) stack.push({ node: kid, depth: depth + 1 });
    }
  }
  return undefined;
}

/** What was taken off the pages of an evidence PDF, by kind. */
export interface Stripped {
  javascript: number;
  /** actions other than a link to a web address: launch a program, submit a form, import data, go to another file… */
  actions: number;
  embeddedFiles: number;
}

/** Annotations that carry or play content of their own. */
const ACTIVE_ANNOTATIONS = new Set(['FileAttachment', 'Sound', 'Movie', 'Screen', 'RichMedia', '3D']);

const nameOf = (v: unknown) => (v instanceof PDFName ? v.decodeText() : undefined);

/** Counts one action dictionary (and the chain it starts with /Next) by kind. */
function countAction(value: unknown, lookup: (v: unknown) => unknown, into: Stripped, seen = new Set<unknown>()): void {
  const action = lookup(value);
  if (!(action instanceof PDFDict) || seen.has(action)) return;
  seen.add(action);
  if (nameOf(action.lookup(PDFName.of('S'))) === 'JavaScript') into.javascript++;
  else into.actions++;
  const next = action.get(PDFName.of('Next'));
  if (next instanceof PDFArray) for (let i = 0; i < next.size(); i++) countAction(next.get(i), lookup, into, seen);
  else if (next !== undefined) countAction(next, lookup, into, seen);
}

function countAdditional(value: unknown, lookup: (v: unknown) => unknown, into: Stripped): void {
  const aa = lookup(value);
  if (aa instanceof PDFDict) for (const [, a] of aa.entries()) countAction(a, lookup, into);
}

/**
 * Takes active content off every page of a document before its pages are copied: the page's own actions
 * (/AA: scripts run on open or close), annotations that carry files, sound or media, and every action of the
 * remaining annotations and their form fields except a plain link to a web address (/URI). What is printed
 * on the page does not change. Returns what was removed.
 */
export function stripActiveContent(doc: PDFDocument): Stripped {
  const context = doc.context;
  const lookup = (v: unknown) => (v instanceof PDFRef ? context.lookup(v) : v);
  const out: Stripped = { javascript: 0, actions: 0, embeddedFiles: 0 };
  const A = PDFName.of('A');
  const AA = PDFName.of('AA');
  for (const page of doc.getPages()) {
    const node = page.node;
    if (node.has(AA)) {
      countAdditional(node.get(AA), lookup, out);
      node.delete(AA);
    }
    const annots = node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    const kept: unknown[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i);
      const annot = lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      if (ACTIVE_ANNOTATIONS.has(nameOf(annot.lookup(PDFName.of('Subtype'))) ?? '')) {
        if (nameOf(annot.lookup(PDFName.of('Subtype'))) === 'FileAttachment' || annot.has(PDFName.of('FS'))) out.embeddedFiles++;
        else out.actions++;
        continue;
      }
      // the annotation and the form fields above it (/Parent) may carry actions of their own
      const seen = new Set<PDFDict>();
      for (let d: unknown = annot; d instanceof PDFDict && !seen.has(d); d = lookup(d.get(PDFName.of('Parent')))) {
        seen.add(d);
        if (d.has(AA)) {
          countAdditional(d.get(AA), lookup, out);
          d.delete(AA);
        }
        const action = lookup(d.get(A));
        if (action instanceof PDFDict) {
          if (nameOf(action.lookup(PDFName.of('S'))) === 'URI' && !action.has(PDFName.of('Next'))) continue;
          countAction(action, lookup, out);
          d.delete(A);
        }
      }
      kept.push(ref);
    }
    if (kept.length !== annots.size()) node.set(PDFName.of('Annots'), context.obj(kept as never[]));
  }
  return out;
}

export const strippedCount = (s: Stripped) => s.javascript + s.actions + s.embeddedFiles;

/** "JavaScript 脚本 1 处、启动程序等动作 1 处、附件 1 个". */
export function describeStripped(s: Stripped): string {
  return [
    s.javascript ? `JavaScript 脚本 ${s.javascript} 处` : '',
    s.actions ? `启动程序、提交表单等动作 ${s.actions} 处` : '',
    s.embeddedFiles ? `嵌入的附件 ${s.embeddedFiles} 个` : '',
  ].filter(Boolean).join('、');
}
