import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, isSeq } from 'yaml';
import { safeSegment } from '../common/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { sniffFileType } from '../load/index.ts';
import { PROJECT_FILES } from '../load/index.ts';
import { EvidenceItem } from '../model/index.ts';
import { explainIssue, hasErrors, type Issue } from '../model/index.ts';
import { importWorkbooks } from '../workbook/index.ts';
import { fieldLabel, indicatorLabel, showValue } from '../workbook/index.ts';
import { STATE_DIR, sha256Hex, type OfficeRecord, type UploadRow } from './record.ts';
import type { ProjectState } from './state.ts';

/**
 * Uploads wait in `.eco-dossier/uploads/<id>/` (outside evidence/, so the project does not change) until the
 * office accepts them: a workbook then goes through `import` as the command does; an evidence file is copied
 * under evidence/<unit>/ and its entry added to evidence.yaml, and the project must still validate or both are
 * taken back.
 */

export const LIMITS = {
  /** one request's body */
  requestBytes: 30 * 1024 * 1024,
  workbookBytes: 5 * 1024 * 1024,
  evidenceBytes: 25 * 1024 * 1024,
  /** uploads of one unit waiting for the office */
  pendingPerUnit: 60,
} as const;

export class UploadRefused extends Error {
  constructor(readonly status: 400 | 403 | 413 | 429, message: string) {
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

function issueLine(i: Issue): string {
  const place = i.sheet !== undefined ? `${i.file} ${i.sheet}${i.cell ? `!${i.cell}` : ''}` : i.line !== undefined ? `${i.file}:${i.line}` : i.file;
  const { title, hint } = explainIssue(i);
  return `${place}：${title}：${i.message}${hint ? `（${hint}）` : ''}`;
}

async function storeUpload(record: OfficeRecord, dir: string, unit: string, kind: 'workbook' | 'evidence', name: string, bytes: Uint8Array, detail: unknown, status: 'pending' | 'invalid'): Promise<number> {
  const id = record.addUpload({ unit, kind, name, stored: '', sha256: sha256Hex(bytes), bytes: bytes.length, detail: JSON.stringify(detail), status });
  const rel = path.posix.join('uploads', String(id), name);
  const abs = path.join(dir, STATE_DIR, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, bytes);
  record.setStored(id, rel);
  return id;
}

/** A unit's filled workbook: the same checks and messages as `import`, written nowhere but the upload folder. */
export async function receiveWorkbook(state: ProjectState, record: OfficeRecord, unit: string, fileName: string, bytes: Uint8Array): Promise<{ id: number; preview: Preview }> {
  const name = uploadName(fileName, /\.xlsx$/i, '填报表（.xlsx 文件）');
  if (bytes.length > LIMITS.workbookBytes) throw new UploadRefused(413, `填报表“${name}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${LIMITS.workbookBytes / 1048576} MB 的上限`);
  if (record.countUploads(unit, 'pending') >= LIMITS.pendingPerUnit) throw new UploadRefused(429, `本单位已有 ${LIMITS.pendingPerUnit} 份上传等待办公室处理，请等处理后再上传`);
  // check a private copy, named as the unit named it, so messages say 区水务局.xlsx 填报!F7
  const scratch = path.join(state.dir, STATE_DIR, 'checking', `${process.pid}-${sha256Hex(bytes).slice(0, 12)}-${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(scratch, { recursive: true });
  let outcome;
  try {
    const file = path.join(scratch, name);
    await writeFile(file, bytes);
    outcome = await importWorkbooks(state.dir, [file], { overwrite: false, dryRun: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
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
}

/** An evidence file: PDF, JPEG or PNG by its content, within the size limit, with a draft evidence.yaml entry. */
export async function receiveEvidence(state: ProjectState, record: OfficeRecord, unit: string, fileName: string, bytes: Uint8Array, draft: EvidenceDraft): Promise<number> {
  const name = uploadName(fileName, /\.(pdf|jpe?g|png)$/i, '佐证材料（PDF、JPEG 或 PNG 文件）');
  if (bytes.length > LIMITS.evidenceBytes) throw new UploadRefused(413, `文件“${name}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${LIMITS.evidenceBytes / 1048576} MB 的上限`);
  if (bytes.length === 0) throw new UploadRefused(400, `文件“${name}”是空文件（0 字节）`);
  const type = sniffFileType(bytes.subarray(0, 1024));
  if (type !== 'pdf' && type !== 'jpeg' && type !== 'png') throw new UploadRefused(400, `文件“${name}”的内容不是 PDF、JPEG 或 PNG（看文件内容，而不是扩展名）`);
  const entry = EvidenceItem.safeParse({ id: 'draft', file: name, ...draft });
  if (!entry.success) throw new UploadRefused(400, `佐证材料的说明不完整：${entry.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  if (record.countUploads(unit, 'pending') >= LIMITS.pendingPerUnit) throw new UploadRefused(429, `本单位已有 ${LIMITS.pendingPerUnit} 份上传等待办公室处理，请等处理后再上传`);
  return storeUpload(record, state.dir, unit, 'evidence', name, bytes, draft, 'pending');
}

export interface Decision {
  readonly ok: boolean;
  readonly message: string;
  readonly issues: readonly string[];
}

/** The office accepts an upload: the project changes through the same checks as the commands, or not at all. */
export async function acceptUpload(state: ProjectState, record: OfficeRecord, upload: UploadRow, overwrite: boolean): Promise<Decision> {
  const stored = path.join(state.dir, STATE_DIR, upload.stored);
  return state.exclusive(async () => {
    if (upload.kind === 'workbook') {
      const outcome = await importWorkbooks(state.dir, [stored], { overwrite });
      const errors = outcome.issues.filter((i) => i.severity === 'error');
      if (!outcome.written && (errors.length || outcome.conflicts.length)) {
        return { ok: false, message: outcome.conflicts.length && !overwrite ? `与 results.yaml 有 ${outcome.conflicts.length} 处不一致，未做修改；确认以填报表为准时选“以填报表为准接受”` : '填报表有错误，未做修改', issues: errors.map(issueLine) };
      }
      return { ok: true, message: outcome.written ? `已写入 results.yaml ${outcome.changes.length} 项` : '填报表与 results.yaml 一致，没有需要写入的内容', issues: [] };
    }
    return acceptEvidence(state, upload, stored);
  });
}

async function acceptEvidence(state: ProjectState, upload: UploadRow, stored: string): Promise<Decision> {
  const draft = JSON.parse(upload.detail) as EvidenceDraft;
  const evidenceDir = path.join(state.dir, PROJECT_FILES.evidenceDir);
  const unitFolder = safeSegment(upload.unit);
  const ext = path.extname(upload.name);
  const stem = upload.name.slice(0, upload.name.length - ext.length);
  let rel = `${unitFolder}/${upload.name}`;
  for (let n = 2; await exists(path.join(evidenceDir, rel)); n++) rel = `${unitFolder}/${stem}-${n}${ext}`;
  const target = path.join(evidenceDir, rel);
  if (!path.resolve(target).startsWith(path.resolve(evidenceDir) + path.sep)) throw new Error('内部错误：上传文件的目标在 evidence/ 之外');

  const yamlFile = path.join(state.dir, PROJECT_FILES.evidence);
  const oldText = await readFile(yamlFile, 'utf8').catch(() => undefined);
  const doc = parseDocument(oldText ?? 'evidence: []\n');
  let list = doc.get('evidence');
  if (!isSeq(list)) {
    doc.set('evidence', doc.createNode([]));
    list = doc.get('evidence');
  }
  const ids = new Set(((doc.toJS() as { evidence?: { id?: string }[] }).evidence ?? []).map((e) => e.id));
  let id = `upload-${upload.id}`;
  for (let n = 2; ids.has(id); n++) id = `upload-${upload.id}-${n}`;
  const entry = { id, file: rel, indicators: [...draft.indicators], title: draft.title, issuer: draft.issuer, date: draft.date, ...(draft.docNo ? { docNo: draft.docNo } : {}), kind: draft.kind };
  (list as { add(v: unknown): void }).add(doc.createNode(entry));

  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(stored, target);
  await writeFileAtomic(yamlFile, doc.toString({ lineWidth: 0 }));
  state.invalidate();
  const after = await state.checked();
  if (hasErrors(after.issues)) {
    await rm(target, { force: true });
    if (oldText === undefined) await rm(yamlFile, { force: true });
    else await writeFileAtomic(yamlFile, oldText);
    return { ok: false, message: '加入后项目数据校验不通过，已撤回，未做修改', issues: after.issues.filter((i) => i.severity === 'error').map(issueLine) };
  }
  return { ok: true, message: `已存为 evidence/${rel}，并在 evidence.yaml 中登记为 ${id}`, issues: [] };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
