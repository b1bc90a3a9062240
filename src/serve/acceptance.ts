import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { safeSegment } from '../common/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { appendEvidenceEntries } from '../intake/index.ts';
import { PROJECT_FILES } from '../load/index.ts';
import { hasErrors, type Issue } from '../model/index.ts';
import { importWorkbooks } from '../workbook/index.ts';
import { OFFICE, STATE_DIR, sha256Hex, type OfficeRecord, type UploadRow } from './record.ts';
import type { ProjectState } from './state.ts';
import { issueLine, type EvidenceDraft } from './uploads.ts';

/**
 * The office accepts an upload: one step that happens once. The upload is claimed inside the project's
 * exclusive section (its status read again there), so of two overlapping accepts one applies it and the other
 * is told it was handled (409). Before the project changes, a journal names what will change and what each
 * file held; the record's `accepted` is the moment the acceptance counts. A server stopped at any point
 * (power cut, killed) finds the journal at its next start: an acceptance the record holds is finished, any
 * other is undone, and the upload waits again, so accepting it again never makes a second copy.
 */

export interface Decision {
  readonly ok: boolean;
  /** 409: handled already (or by an overlapping request), or the project refused it */
  readonly status: 200 | 409;
  readonly message: string;
  readonly issues: readonly string[];
}

/** Named points of an acceptance, for a test that stops the process there. */
export type AcceptStep = 'journalled' | 'copied' | 'written' | 'recorded';

export interface AcceptOptions {
  readonly overwrite: boolean;
  readonly onStep?: (step: AcceptStep) => void | Promise<void>;
}

interface JournalFile {
  /** relative to the project folder */
  readonly path: string;
  readonly before: string | null;
  /**
   * what the acceptance writes: undo puts `before` back only over this text (never over a later hand edit);
   * absent in a journal an earlier version wrote, which undo treats as that version did
   */
  readonly after?: string;
}

interface Journal {
  readonly upload: number;
  /** the copy under evidence/ (relative to evidence/) and its sha256 */
  readonly target?: string;
  readonly sha256: string;
  readonly files: readonly JournalFile[];
}

const journalDir = (projectDir: string) => path.join(projectDir, STATE_DIR, 'journal');
const journalPath = (projectDir: string, id: number) => path.join(journalDir(projectDir), `accept-${id}.json`);
const readText = (file: string) => readFile(file, 'utf8').catch(() => null);

export async function acceptUpload(state: ProjectState, record: OfficeRecord, id: number, options: AcceptOptions): Promise<Decision> {
  return state.exclusive(async () => {
    const upload = record.upload(id);
    if (!upload) return { ok: false, status: 409, message: `没有编号为 ${id} 的上传`, issues: [] };
    if (upload.status === 'accepted' || upload.status === 'rejected') return { ok: false, status: 409, message: `上传 ${id} 已经处理过（${upload.status === 'accepted' ? '已接受' : '已退回'}），没有再做修改`, issues: [] };
    if (upload.status === 'invalid') return { ok: false, status: 409, message: `上传 ${id} 有错误，只能退回`, issues: [] };
    const step = options.onStep ?? (() => undefined);
    const decision = upload.kind === 'workbook'
      ? await acceptWorkbook(state, record, upload, options.overwrite, step)
      : await acceptEvidence(state, record, upload, step);
    if (!decision.ok) record.log({ who: OFFICE, action: '接受', target: `${upload.unit} ${upload.name}`, sha256: upload.sha256, outcome: 'failed', detail: [decision.message, ...decision.issues].join('\n') });
    return decision;
  });
}

/** The office returns an upload; inside the same exclusive section, so it never overlaps an acceptance. */
export async function rejectUpload(state: ProjectState, record: OfficeRecord, id: number, note: string): Promise<Decision> {
  return state.exclusive(async () => {
    const u = record.upload(id);
    if (!u || !record.decide(id, 'rejected', note)) return { ok: false, status: 409, message: `上传 ${id} 已经处理过`, issues: [] };
    record.log({ who: OFFICE, action: '退回', target: `${u.unit} ${u.name}`, sha256: u.sha256, outcome: 'ok', detail: note });
    await dropStoredBytes(state.dir, record, u);
    return { ok: true, status: 200, message: `已退回上传 ${id}（${u.name}）`, issues: [] };
  });
}

/** The record says accepted, and says it once: the acceptance counts from here. */
function commit(record: OfficeRecord, upload: UploadRow, message: string): Decision {
  if (!record.decide(upload.id, 'accepted', message)) return { ok: false, status: 409, message: `上传 ${upload.id} 已经处理过`, issues: [] };
  record.log({ who: OFFICE, action: '接受', target: `${upload.unit} ${upload.name}`, sha256: upload.sha256, outcome: 'ok', detail: message });
  return { ok: true, status: 200, message, issues: [] };
}

async function writeJournal(dir: string, journal: Journal): Promise<void> {
  await writeFileAtomic(journalPath(dir, journal.upload), JSON.stringify(journal));
}

async function acceptWorkbook(state: ProjectState, record: OfficeRecord, upload: UploadRow, overwrite: boolean, step: NonNullable<AcceptOptions['onStep']>): Promise<Decision> {
  const stored = path.join(state.dir, STATE_DIR, upload.stored);
  // journalled once the text to write is known (nothing is written before): an undo can tell the import's
  // text from an edit made by hand after a stop, and keeps the edit
  let journalled = false;
  const outcome = await importWorkbooks(state.dir, [stored], {
    overwrite,
    beforeWrite: async (before, after) => {
      await writeJournal(state.dir, { upload: upload.id, sha256: upload.sha256, files: [{ path: PROJECT_FILES.results, before: before ?? null, after }] });
      journalled = true;
      await step('journalled');
    },
  });
  await step('written');
  const errors = outcome.issues.filter((i) => i.severity === 'error');
  if (!outcome.written && (errors.length || outcome.conflicts.length)) {
    if (journalled) await rm(journalPath(state.dir, upload.id), { force: true });
    return {
      ok: false, status: 409, issues: errors.map(issueLine),
      message: outcome.conflicts.length && !overwrite ? `与项目中已有的数据有 ${outcome.conflicts.length} 处不一致，未做修改；确认以填报表为准时，请点“以填报表为准接受”` : '填报表有错误，未做修改',
    };
  }
  const decision = commit(record, upload, outcome.written ? `已写入项目数据 ${outcome.changes.length} 项` : '填报表与项目中已有的数据一致，没有需要写入的内容');
  await step('recorded');
  if (journalled) await rm(journalPath(state.dir, upload.id), { force: true });
  return decision;
}

async function acceptEvidence(state: ProjectState, record: OfficeRecord, upload: UploadRow, step: NonNullable<AcceptOptions['onStep']>): Promise<Decision> {
  const stored = path.join(state.dir, STATE_DIR, upload.stored);
  const draft = JSON.parse(upload.detail) as EvidenceDraft;
  const evidenceDir = path.join(state.dir, PROJECT_FILES.evidenceDir);
  const unitFolder = safeSegment(upload.unit);
  const ext = path.extname(upload.name);
  const stem = upload.name.slice(0, upload.name.length - ext.length);
  const yamlFile = path.join(state.dir, PROJECT_FILES.evidence);
  const before = await readText(yamlFile);
  const listed = (parse(before ?? '') as { evidence?: { id?: unknown; file?: unknown }[] } | null)?.evidence;
  const entries = Array.isArray(listed) ? listed : [];
  const ids = new Set(entries.map((e) => String(e?.id ?? '')));
  const files = new Set(entries.map((e) => String(e?.file ?? '').replace(/\\/g, '/').normalize('NFC')));

  // a free name under evidence/<unit>/; a file already there with this upload's bytes and in no entry (left by
  // an interrupted acceptance of an earlier version) is taken as this upload's copy, not copied a second time
  let rel = `${unitFolder}/${upload.name}`;
  for (let n = 2; ; n++) {
    const bytes = await readFile(path.join(evidenceDir, rel)).catch(() => undefined);
    if (bytes === undefined || (sha256Hex(bytes) === upload.sha256 && !files.has(rel.normalize('NFC')))) break;
    rel = `${unitFolder}/${stem}-${n}${ext}`;
  }
  const target = path.join(evidenceDir, rel);
  if (!path.resolve(target).startsWith(path.resolve(evidenceDir) + path.sep)) throw new Error('上传文件的目标在 evidence/ 之外');
  let id = `upload-${upload.id}`;
  for (let n = 2; ids.has(id); n++) id = `upload-${upload.id}-${n}`;
  const entry = { id, file: rel, indicators: [...draft.indicators], title: draft.title, issuer: draft.issuer, date: draft.date, ...(draft.docNo ? { docNo: draft.docNo } : {}), kind: draft.kind };
  const after = appendEvidenceEntries(before ?? '', [entry]);
  const journal: Journal = { upload: upload.id, target: rel, sha256: upload.sha256, files: [{ path: PROJECT_FILES.evidence, before, after }] };

  await writeJournal(state.dir, journal);
  await step('journalled');
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${upload.id}.tmp`);
  await copyFile(stored, temp);
  await rename(temp, target);
  await step('copied');
  await writeFileAtomic(yamlFile, after);
  await step('written');
  state.invalidate();
  const checked = await state.checked();
  if (hasErrors(checked.issues)) {
    await undo(state.dir, journal);
    state.invalidate();
    return { ok: false, status: 409, message: '加入后项目数据校验不通过，已撤回，未做修改', issues: checked.issues.filter((i: Issue) => i.severity === 'error').map(issueLine) };
  }
  const decision = commit(record, upload, `已存为佐证材料 evidence/${rel}，登记编号 ${id}`);
  await step('recorded');
  await rm(journalPath(state.dir, upload.id), { force: true });
  // the file lives under evidence/ now; the record keeps its name and sha256
  await dropStoredBytes(state.dir, record, upload);
  return decision;
}

/** A decided upload's waiting copy is removed: only uploads that wait keep bytes in uploads/. */
async function dropStoredBytes(dir: string, record: OfficeRecord, upload: UploadRow): Promise<void> {
  if (!upload.stored) return;
  await rm(path.join(dir, STATE_DIR, 'uploads', String(upload.id)), { recursive: true, force: true });
  record.setStored(upload.id, '');
}

/**
 * Puts back what a journalled acceptance changed: its copy (only if it is that upload's bytes) and each file's
 * text, where the file still holds what the acceptance wrote. A file changed since (edited by hand after the
 * stop) is kept as it is: its path is returned, to be said.
 */
async function undo(dir: string, journal: Journal): Promise<string[]> {
  const kept: string[] = [];
  if (journal.target) {
    const target = path.join(dir, PROJECT_FILES.evidenceDir, journal.target);
    const bytes = await readFile(target).catch(() => undefined);
    if (bytes && sha256Hex(bytes) === journal.sha256) await rm(target, { force: true });
    const folder = path.dirname(target);
    for (const name of await readdir(folder).catch(() => [] as string[])) if (name.startsWith(`.${path.basename(target)}.`) && name.endsWith('.tmp')) await rm(path.join(folder, name), { force: true });
  }
  for (const f of journal.files) {
    const file = path.join(dir, f.path);
    const now = await readText(file);
    if (now === f.before) continue;
    if (f.after === undefined || now === f.after) {
      if (f.before === null) await rm(file, { force: true });
      else await writeFileAtomic(file, f.before);
    } else {
      kept.push(f.path);
    }
  }
  await rm(journalPath(dir, journal.upload), { force: true });
  return kept;
}

/**
 * At start: every acceptance a stopped server left behind is finished (the record holds it) or undone (it
 * does not); either way the record says what happened.
 */
export async function finishInterruptedAcceptances(state: ProjectState, record: OfficeRecord): Promise<number> {
  const names = await readdir(journalDir(state.dir)).catch(() => [] as string[]);
  let n = 0;
  for (const name of names.filter((x) => /^accept-\d+\.json$/.test(x)).sort()) {
    const file = path.join(journalDir(state.dir), name);
    let journal: Journal;
    try {
      journal = JSON.parse(await readFile(file, 'utf8')) as Journal;
    } catch {
      // written atomically, so a journal that does not parse was never complete: nothing had changed yet
      await rm(file, { force: true });
      continue;
    }
    const upload = record.upload(journal.upload);
    n++;
    if (upload?.status === 'accepted') {
      await rm(file, { force: true });
      if (journal.target) await dropStoredBytes(state.dir, record, upload);
      record.log({ who: OFFICE, action: '恢复', target: `${upload.unit} ${upload.name}`, sha256: journal.sha256, outcome: 'ok', detail: `上次运行在接受上传 ${journal.upload} 的最后一步停止；接受已完成` });
      continue;
    }
    const kept = await undo(state.dir, journal);
    const keptWords = kept.length ? `；${kept.join('、')} 在中断后又被修改过，保留现在的内容（其中可能已有这份上传写入的数据，请核对）` : '';
    record.log({ who: OFFICE, action: '恢复', target: upload ? `${upload.unit} ${upload.name}` : `上传 ${journal.upload}`, sha256: journal.sha256, outcome: 'failed', detail: `上次运行在接受上传 ${journal.upload} 时中断，未完成的修改已撤回${keptWords}；这份上传仍待处理，可以重新接受` });
  }
  if (n) state.invalidate();
  return n;
}
