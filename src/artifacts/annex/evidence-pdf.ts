import { PDFDocument, type PDFPage } from 'pdf-lib';
import { displayPath } from '../../common/index.ts';
import type { Issue } from '../../model/index.ts';
import type { EvidenceFile } from '../../model/index.ts';
import { checkPageContent, PageContentError, shrinkPageInto } from '../../documents/pdf/index.ts';
import { decryptWithQpdf, qpdfAvailable, repairWithQpdf } from '../../documents/pdf/index.ts';
import { describeStripped, pageTreeProblem, stripActiveContent, strippedCount, xrefDamaged } from '../../documents/pdf/index.ts';
import { evidenceArea } from './layout.ts';
import type { EvidenceProblem } from './problems.ts';

export type Loaded<T> = { readonly ok: true; readonly value: T; readonly notes: Issue[] } | { readonly ok: false; readonly problem: EvidenceProblem };

/**
 * pdf-lib reports objects it skips with console.warn; that text belongs in our message (on a broken file)
 * or nowhere, never on the user's terminal.
 */
async function quietly<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    return { value: await work(), warnings };
  } catch (error) {
    return { error, warnings };
  } finally {
    console.warn = original;
  }
}

const isEncryptedError = (e: unknown) => e instanceof Error && /is encrypted/i.test(e.message);

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);
}

/**
 * Opens an evidence PDF. Encrypted files that open without a password (permissions only) are decrypted
 * with `qpdf --decrypt` when qpdf is installed (noted as info); pdf-lib's `ignoreEncryption` is never used,
 * it yields broken or blank pages. A damaged file (a wrong cross-reference table, no catalog, a page tree
 * pdf-lib cannot walk) is rewritten by qpdf when qpdf can read it (a warning names the file); what no reader
 * can open is refused. Active content is taken off the pages (a warning says what).
 */
export async function openEvidencePdf(evidence: EvidenceFile, bytes: Uint8Array): Promise<Loaded<PDFDocument>> {
  const notes: Issue[] = [];
  let opened = await openChecked(bytes);
  if (!opened.ok && opened.encrypted) {
    const decrypted = await decryptWithQpdf(evidence.absPath);
    if (!decrypted.ok) {
      const kind = decrypted.reason === 'no-qpdf' ? 'encrypted' : decrypted.reason === 'password' ? 'password' : 'pdf-corrupt';
      return { ok: false, problem: { kind, ...(decrypted.reason === 'failed' ? { detail: decrypted.detail } : {}) } };
    }
    opened = await openChecked(decrypted.bytes);
    notes.push({
      code: 'evidence-decrypted', severity: 'info', file: displayPath(evidence.absPath), path: [],
      message: `佐证材料 ${evidence.id} 的 PDF 设有权限限制（无打开密码），已用 qpdf 解除限制后编入汇编`,
    });
  }
  // qpdf rebuilds what a damaged file's structure lost (the object table, the catalog); a page whose content
  // is missing it can only leave blank, so such a file is refused as it is
  const damage = opened.ok ? (xrefDamaged(bytes) ? '交叉引用表错误' : undefined) : opened.structural ? opened.problem.detail : undefined;
  if (damage !== undefined && (await qpdfAvailable())) {
    const repaired = await repairWithQpdf(evidence.absPath);
    const again = repaired.ok ? await openChecked(repaired.bytes) : undefined;
    if (again?.ok) {
      opened = again;
      notes.push({
        code: 'evidence-pdf-repaired', severity: 'warning', file: displayPath(evidence.absPath), path: [],
        message: `佐证材料 ${evidence.id}（${evidence.title}）的 PDF 结构有损坏（${damage}${repaired.ok && repaired.warning ? `；qpdf：${repaired.warning.slice(0, 120)}` : ''}），已用 qpdf 修复后编入汇编`,
      });
    }
  }
  if (!opened.ok) return { ok: false, problem: opened.problem };
  const doc = opened.doc;
  const stripped = stripActiveContent(doc);
  if (strippedCount(stripped) > 0) {
    notes.push({
      code: 'evidence-active-content', severity: 'warning', file: displayPath(evidence.absPath), path: [],
      message: `佐证材料 ${evidence.id}（${evidence.title}）的 PDF 页面中含有${describeStripped(stripped)}，编入汇编时已去除（页面上印出的内容不变）`,
    });
  }
  return { ok: true, value: doc, notes };
}

type Checked =
  | { readonly ok: true; readonly doc: PDFDocument }
  /** structural: the file could not be parsed or its pages not listed (else a page itself is broken) */
  | { readonly ok: false; readonly encrypted: boolean; readonly structural: boolean; readonly problem: EvidenceProblem };

/** pdf-lib's reading of the bytes, and every page checked: listed, of a real size, its content readable. */
async function openChecked(bytes: Uint8Array): Promise<Checked> {
  const attempt = await quietly(() => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity }));
  if (attempt.error !== undefined || !attempt.value) {
    const encrypted = isEncryptedError(attempt.error);
    return { ok: false, encrypted, structural: !encrypted, problem: { kind: 'pdf-corrupt', detail: firstLine(attempt.error) } };
  }
  const doc = attempt.value;
  const corrupt = (detail: string, structural = false): Checked => ({ ok: false, encrypted: false, structural, problem: { kind: 'pdf-corrupt', detail } });
  try {
    const tree = pageTreeProblem(doc);
    if (tree) return corrupt(tree, true);
    if (doc.getPageCount() === 0) return { ok: false, encrypted: false, structural: false, problem: { kind: 'pdf-no-pages' } };
    doc.getPages().forEach((page, i) => {
      try {
        checkPageContent(page);
      } catch (e) {
        if (e instanceof PageContentError) throw new PageContentError(`第${i + 1}页：${e.message}`);
        throw e;
      }
    });
  } catch (e) {
    // pdf-lib on a file it misreads throws plain errors (a TypeError on a missing object, a RangeError deep down)
    return corrupt(e instanceof PageContentError ? e.message : firstLine(e));
  }
  return { ok: true, doc };
}

/**
 * Copies every page of an opened evidence PDF into the annex (copyPages: content as it is), each shrunk into
 * the band-free area of an upright page of its visual size, and appends them. Returns the new pages.
 */
export async function appendEvidencePages(out: PDFDocument, source: PDFDocument): Promise<PDFPage[]> {
  const copied = await out.copyPages(source, source.getPageIndices());
  // every page made ready before any is added: a page that cannot be shrunk leaves the annex as it was
  for (const page of copied) shrinkPageInto(out, page, evidenceArea);
  for (const page of copied) out.addPage(page);
  return copied;
}
