import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeSegment } from '../common/index.ts';
import { EvidenceItem } from '../model/index.ts';
import { explainIssue, type Issue } from '../model/index.ts';
import { importWorkbooks } from '../workbook/index.ts';
import { fieldLabel, indicatorLabel, showValue } from '../workbook/index.ts';
import { checkEvidenceContent } from './evidence-check.ts';
import { STATE_DIR, sha256Hex, type OfficeRecord } from './record.ts';
import type { ProjectState } from './state.ts';
import { checkWorkbookZip } from './workbook-zip.ts';

/**
 * Uploads wait in `.eco-dossier/uploads/<id>/` (outside evidence/, so the project does not change) until the
 * office accepts them (acceptance.ts). Each is checked by what it is before it is kept: a workbook's zip first,
 * then as `import` reads it; an evidence file as the build opens it. A workbook with errors keeps only its
 * error list. The waiting cap is counted in the same step that records the upload.
 */

export const LIMITS = {
  /** one request's body */
  requestBytes: 30 * 1024 * 1024,
  workbookBytes: 5 * 1024 * 1024,
  evidenceBytes: 25 * 1024 * 1024,
  /** uploads of one unit waiting for the office */
  pendingPerUnit: 60,
  /** a form without a file (accept, reject, links, builds): a few fields */
  plainFormBytes: 64 * 1024,
  /** one text field of an upload (title, issuer, 文号 …) */
  fieldChars: 500,
} as const;

export class UploadRefused extends Error {
  constructor(readonly status: 400 | 403 | 409 | 413 | 429 | 503, message: string) {
    super(message);
  }
}

/** A file name as sent, made safe: a name that tries to name a folder (../, /, \) is refused, not repaired. */
export function uploadName(name: string, allowed: RegExp, what: string): string {
  const n = name.normalize('NFC');
  if (/[\\/]/.test(n) || n.split('.').every((p) => p === '') || n.includes('\0')) {
    throw new UploadRefused(400, `文件名“${name}”含有路径（/、\\ 或 ..），不能接收；请只上传文件本身`);
  }
  const safe = safeSegment(n, '未命名');
  if (!allowed.test(safe)) throw new UploadRefused(400, `文件“${safe}”不是${what}`);
  return safe;
}

export interface Preview {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly changes: readonly string[];
  readonly conflicts: readonly string[];
  readonly unit?: string;
}

export function issueLine(i: Issue): string {
  const place = i.sheet !== undefined ? `${i.file} ${i.sheet}${i.cell ? `!${i.cell}` : ''}` : i.line !== undefined ? `${i.file}:${i.line}` : i.file;
  const { title, hint } = explainIssue(i);
  // a hint written for the command line (加 --overwrite …) means nothing on a page
  const shown = hint && !/--[a-z]|eco-dossier/.test(hint) ? `（${hint}）` : '';
  return `${place}：${title}：${i.message}${shown}`;
}

const CAP_MESSAGE = `本单位已有 ${LIMITS.pendingPerUnit} 份上传等待办公室处理，请等处理后再上传`;

/**
 * Keeps an upload: its bytes written aside first, then the row recorded only if the unit's waiting uploads are
 * under the cap (one statement: overlapping uploads cannot all pass a count taken earlier), then the bytes
 * moved into uploads/<id>/. A workbook with errors keeps no bytes, only its row and error list.
 */
async function storeUpload(record: OfficeRecord, dir: string, unit: string, kind: 'workbook' | 'evidence', name: string, bytes: Uint8Array, detail: unknown, status: 'pending' | 'invalid'): Promise<number> {
  const row = { unit, kind, name, stored: '', sha256: sha256Hex(bytes), bytes: bytes.length, detail: JSON.stringify(detail), status };
  if (status === 'invalid') return record.addUpload(row);
  const uploads = path.join(dir, STATE_DIR, 'uploads');
  const aside = path.join(uploads, `.incoming-${randomBytes(6).toString('hex')}`);
  await mkdir(uploads, { recursive: true });
  await writeFile(aside, bytes);
  try {
    const id = record.addUploadWithin(LIMITS.pendingPerUnit, row);
    if (id === undefined) throw new UploadRefused(429, CAP_MESSAGE);
    const rel = path.posix.join('uploads', String(id), name);
    try {
      await mkdir(path.join(dir, STATE_DIR, 'uploads', String(id)), { recursive: true });
      await rename(aside, path.join(dir, STATE_DIR, rel));
    } catch (e) {
      // not kept: no row waits in the inbox for bytes that are not there
      record.withdrawUpload(id);
      throw e;
    }
    record.setStored(id, rel);
    return id;
  } finally {
    await rm(aside, { force: true });
  }
}

/** At start: what a stopped server left half-received (bytes set aside, copies being checked) is removed. */
export async function clearUnfinishedUploads(dir: string): Promise<void> {
  const uploads = path.join(dir, STATE_DIR, 'uploads');
  for (const name of await readdir(uploads).catch(() => [] as string[])) if (name.startsWith('.incoming-')) await rm(path.join(uploads, name), { force: true });
  await rm(path.join(dir, STATE_DIR, 'checking'), { recursive: true, force: true });
}

/** A scratch folder for checking an upload; removed afterwards. */
async function withScratch<T>(dir: string, bytes: Uint8Array, work: (folder: string) => Promise<T>): Promise<T> {
  const scratch = path.join(dir, STATE_DIR, 'checking', `${process.pid}-${sha256Hex(bytes).slice(0, 12)}-${randomBytes(4).toString('hex')}`);
  await mkdir(scratch, { recursive: true });
  try {
    return await work(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A unit's filled workbook: the same checks and messages as `import`, written nowhere but the upload folder. */
export async function receiveWorkbook(state: ProjectState, record: OfficeRecord, unit: string, fileName: string, bytes: Uint8Array): Promise<{ id: number; preview: Preview }> {
  const name = uploadName(fileName, /\.xlsx$/i, '填报表（.xlsx 文件）');
  if (bytes.length > LIMITS.workbookBytes) throw new UploadRefused(413, `填报表“${name}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${LIMITS.workbookBytes / 1048576} MB 的上限`);
  if (record.countUploads(unit, 'pending') >= LIMITS.pendingPerUnit) throw new UploadRefused(429, CAP_MESSAGE);
  // the zip's directory and real sizes first: a bomb never reaches Excel's parser
  const zip = await checkWorkbookZip(bytes);
  if (!zip.ok) throw new UploadRefused(400, `填报表“${name}”不能接收：${zip.reason}`);
  // check a private copy, named as the unit named it, so messages say 区水务局.xlsx 填报!F7
  const outcome = await withScratch(state.dir, bytes, async (scratch) => {
    const file = path.join(scratch, name);
    await writeFile(file, bytes);
    // the parser's own words ("Cannot read properties of undefined") mean nothing to a unit
    const unreadable = new UploadRefused(400, `填报表“${name}”无法读取：文件已损坏或不是用 Excel、WPS 保存的 .xlsx；请用 Excel 或 WPS 打开后“另存为” .xlsx 再上传，或重新下载本单位的填报表填写`);
    const result = await importWorkbooks(state.dir, [file], { overwrite: false, dryRun: true }).catch(() => {
      throw unreadable;
    });
    if (result.issues.some((i) => i.code === 'workbook-unreadable')) throw unreadable;
    return result;
  });
  const workbookUnit = outcome.files[0]?.unit;
  if (workbookUnit !== undefined && workbookUnit !== unit) {
    throw new UploadRefused(403, `这份填报表属于“${workbookUnit}”，不能通过“${unit}”的链接上传`);
  }
  const errors = outcome.issues.filter((i) => i.severity === 'error' && i.code !== 'import-conflict');
  const preview: Preview = {
    errors: errors.map(issueLine),
    warnings: outcome.issues.filter((i) => i.severity === 'warning').map(issueLine),
    changes: outcome.changes.map((c) => `${indicatorLabel(c.indicator, c.sub)} ${fieldLabel(c.field)}：${showValue(c.old)} → ${showValue(c.value)}`),
    conflicts: outcome.conflicts.map((c) => `${indicatorLabel(c.indicator, c.sub)} ${fieldLabel(c.field)}：现有 ${showValue(c.old)}，填报表 ${showValue(c.value)}（${c.place.file} ${c.place.sheet ?? ''}${c.place.cell ? `!${c.place.cell}` : ''}）`),
    ...(workbookUnit ? { unit: workbookUnit } : {}),
  };
  const id = await storeUpload(record, state.dir, unit, 'workbook', name, bytes, preview, errors.length ? 'invalid' : 'pending');
  return { id, preview };
}

export interface EvidenceDraft {
  readonly indicators: readonly number[];
  readonly title: string;
  readonly issuer: string;
  readonly date: string;
  readonly docNo?: string;
  readonly kind: string;
  /** what the file was found to be (PDF，3 页 / JPEG 图片，4000×3000 像素) */
  readonly content?: string;
}

/** An evidence file: PDF, JPEG or PNG by its content, within the size limit, with a draft evidence.yaml entry. */
export async function receiveEvidence(state: ProjectState, record: OfficeRecord, unit: string, fileName: string, bytes: Uint8Array, draft: EvidenceDraft): Promise<number> {
  const name = uploadName(fileName, /\.(pdf|jpe?g|png)$/i, '佐证材料（PDF、JPEG 或 PNG 文件）');
  if (bytes.length > LIMITS.evidenceBytes) throw new UploadRefused(413, `文件“${name}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${LIMITS.evidenceBytes / 1048576} MB 的上限`);
  if (bytes.length === 0) throw new UploadRefused(400, `文件“${name}”是空文件（0 字节）`);
  const entry = EvidenceItem.safeParse({ id: 'draft', file: name, ...draft });
  if (!entry.success) throw new UploadRefused(400, `佐证材料的说明不完整：${entry.error.issues.map((i) => `${FIELD[String(i.path[0])] ?? i.path.join('.')}：${i.message}`).join('；')}`);
  if (record.countUploads(unit, 'pending') >= LIMITS.pendingPerUnit) throw new UploadRefused(429, CAP_MESSAGE);
  const verdict = await withScratch(state.dir, bytes, async (scratch) => {
    const file = path.join(scratch, 'upload');
    await writeFile(file, bytes);
    return checkEvidenceContent(name, bytes, file);
  });
  if (!verdict.ok) throw new UploadRefused(400, verdict.reason);
  return storeUpload(record, state.dir, unit, 'evidence', name, bytes, { ...draft, content: verdict.summary }, 'pending');
}

const FIELD: Readonly<Record<string, string>> = { indicators: '证明的指标', title: '材料名称', issuer: '出具单位', date: '日期', docNo: '文号', kind: '类别', file: '文件名' };
