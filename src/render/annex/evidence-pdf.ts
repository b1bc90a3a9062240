import { PDFDocument, type PDFPage } from 'pdf-lib';
import { displayPath } from '../../common/display-path.ts';
import type { Issue } from '../../model/issue.ts';
import type { EvidenceFile } from '../../model/project-data.ts';
import { checkPageContent, PageContentError, shrinkPageInto } from '../pdf/page-content.ts';
import { decryptWithQpdf } from '../pdf/qpdf.ts';
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
 * it yields broken or blank pages.
 */
export async function openEvidencePdf(evidence: EvidenceFile, bytes: Uint8Array): Promise<Loaded<PDFDocument>> {
  const load = (b: Uint8Array) => quietly(() => PDFDocument.load(b, { updateMetadata: false, parseSpeed: Infinity }));
  let attempt = await load(bytes);
  const notes: Issue[] = [];
  if (attempt.error !== undefined && isEncryptedError(attempt.error)) {
    const decrypted = await decryptWithQpdf(evidence.absPath);
    if (!decrypted.ok) {
      const kind = decrypted.reason === 'no-qpdf' ? 'encrypted' : decrypted.reason === 'password' ? 'password' : 'pdf-corrupt';
      return { ok: false, problem: { kind, ...(decrypted.reason === 'failed' ? { detail: decrypted.detail } : {}) } };
    }
    attempt = await load(decrypted.bytes);
    notes.push({
      code: 'evidence-decrypted', severity: 'info', file: displayPath(evidence.absPath), path: [],
      message: `佐证材料 ${evidence.id} 的 PDF 设有权限限制（无打开密码），已用 qpdf 解除限制后编入汇编`,
    });
  }
  if (attempt.error !== undefined || !attempt.value) {
    return { ok: false, problem: { kind: 'pdf-corrupt', detail: firstLine(attempt.error) } };
  }
  const doc = attempt.value;
  if (doc.getPageCount() === 0) return { ok: false, problem: { kind: 'pdf-no-pages' } };
  try {
    doc.getPages().forEach((page, i) => {
      try {
        checkPageContent(page);
      } catch (e) {
        if (e instanceof PageContentError) throw new PageContentError(`第${i + 1}页：${e.message}`);
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof PageContentError) return { ok: false, problem: { kind: 'pdf-corrupt', detail: e.message } };
    return { ok: false, problem: { kind: 'pdf-corrupt', detail: firstLine(e) } };
  }
  return { ok: true, value: doc, notes };
}

/**
 * Copies every page of an opened evidence PDF into the annex (copyPages: content as it is), each shrunk into
 * the band-free area of an upright page of its visual size, and appends them. Returns the new pages.
 */
export async function appendEvidencePages(out: PDFDocument, source: PDFDocument): Promise<PDFPage[]> {
  const copied = await out.copyPages(source, source.getPageIndices());
  for (const page of copied) {
    shrinkPageInto(out, page, evidenceArea);
    out.addPage(page);
  }
  return copied;
}
