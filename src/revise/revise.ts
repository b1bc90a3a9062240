import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assembleBundle, type BuildOptions, type BuildResult } from '../bundle/index.ts';
import { storeFor } from '../bundle/index.ts';
import { loadProject } from '../load/index.ts';
import { hasErrors, type Feedback, type Issue } from '../model/index.ts';
import { MANIFEST_FILE } from '../model/index.ts';
import { openBundle, readAll } from '../files/index.ts';
import { verifyBundle } from '../package/index.ts';
import { tidyOutFolder } from '../files/index.ts';
import { readManifestBytes } from '../package/index.ts';
import { sha256 } from '../files/index.ts';
import type { FingerprintStore } from '../files/index.ts';
import { displayPath } from '../common/index.ts';
import { NARRATIVE_FOLDER, narrativeFile } from '../model/index.ts';
import { ARTIFACT_NAMES } from '../artifacts/index.ts';
import type { VerifyResult } from '../package/index.ts';
import { applyFeedback, loadFeedback, type LoadedFeedback } from './feedback.ts';
import { applyAnsweredRounds, revisionWithoutRound, roundOf, unusedRounds } from './rounds.ts';

export interface ReviseOptions extends Omit<BuildOptions, 'previous' | 'extraFiles' | 'revision' | 'answeredRounds' | 'requireChange'> {
  /** the previous bundle: its zip or folder */
  readonly from: string;
  /** feedback/<round>.yaml; default: feedback/round-<previous revision>.yaml when it exists */
  readonly feedbackFile?: string;
  /**
   * make the revision even when it changes nothing (otherwise refused, issue revise-no-change), and
   * replace a bundle of the same revision whose manifest differs
   */
  readonly force?: boolean;
}

export interface ReviseResult extends BuildResult {
  readonly revision?: number;
  readonly feedbackFile?: string;
  /** feedback items without a response yet */
  readonly open: readonly string[];
  /** what the revision was made from: the zip given, or the verified folder beside it */
  readonly previousSource?: string;
  /** the check of the previous bundle: files checked, and of those how many were known untouched (not read) */
  readonly previousCheck?: { readonly files: number; readonly trusted: number };
}

/**
 * The previous bundle to read, exactly as given. Given a zip, the folder of the same bundle beside it is
 * used instead (its files can be linked into the new revision rather than copied) only when it holds the
 * same manifest and verifies; otherwise the zip is used, and a warning says so and why. Either way the
 * source is verified before anything is reused: every file is read, except those whose fingerprint shows
 * them untouched since this tool wrote or hashed them (files/fingerprints.ts; --full-check reads all).
 */
async function previousSource(from: string, store: FingerprintStore | undefined): Promise<{ source: string; checked: VerifyResult; issues: Issue[] }> {
  const verify = (location: string) => verifyBundle(location, store ? { fingerprints: store } : {});
  if (!from.toLowerCase().endsWith('.zip')) return { source: from, checked: await verify(from), issues: [] };
  let folder: string;
  try {
    const zipManifest = await readManifestBytes(from);
    folder = path.join(path.dirname(from), (JSON.parse(zipManifest.bytes.toString('utf8')) as { bundle?: string }).bundle ?? '');
    const here = await readFile(path.join(folder, MANIFEST_FILE)).catch(() => undefined);
    if (!here || !here.equals(zipManifest.bytes) || folder === path.dirname(from)) return { source: from, checked: await verify(from), issues: [] };
  } catch {
    return { source: from, checked: await verify(from), issues: [] };
  }
  const inFolder = await verify(folder);
  if (inFolder.ok && inFolder.contents === 'complete') return { source: folder, checked: inFolder, issues: [] };
  const changed = [...inFolder.altered.map((a) => a.path), ...inFolder.missing, ...inFolder.extra];
  const report = inFolder.altered.find((a) => a.path === ARTIFACT_NAMES.report);
  return {
    source: from,
    checked: await verify(from),
    issues: [{
      code: 'previous-folder-altered', severity: 'warning', file: displayPath(folder), path: [],
      message: `本次以 ${path.basename(from)} 为准：旁边的同名文件夹与其清单不符（${changed.slice(0, 5).join('、')}${changed.length > 5 ? ` 等 ${changed.length} 个文件` : ''}），文件夹中的改动不会进入新版本`
        + (report ? `；其中 ${ARTIFACT_NAMES.report} 被改动过（多半是在 Word/WPS 中手工修改），新版本的报告由项目数据重新生成，手工修改不会保留` : ''),
      hint: report ? HAND_EDIT_HINT : '文件夹中的改动如需保留，请改在项目数据中',
    }],
  };
}

/** What to do with hand edits of the report: they live in project data, never in a bundle. */
const HAND_EDIT_HINT = `要保留的报告文字请写进项目的 ${NARRATIVE_FOLDER}/ 文件夹中对应部分的 .txt（如 ${narrativeFile('基本情况')}），或写进本地的报告模板（project.yaml 的 templates），再运行 revise`;

/** The date of a revision answering `round`: its responseDate, else its date; never before the round itself. */
export function revisionDate(round: Pick<Feedback, 'date' | 'responseDate'>, _projectDate: string): string {
  const date = round.responseDate ?? round.date;
  return date < round.date ? round.date : date;
}

const failed = (issues: readonly Issue[], extra: Partial<ReviseResult> = {}): ReviseResult => ({
  ok: false, issues, reused: [], timings: {}, megabytes: 0, open: [], ...extra,
});

/**
 * revise: the next revision after review feedback. The previous bundle is verified first; files whose
 * inputs did not change are copied from it byte for byte; changes.json and 补充材料说明.docx are added.
 */
export async function reviseBundle(projectDir: string, options: ReviseOptions): Promise<ReviseResult> {
  const began = performance.now();
  const beside = options.from.toLowerCase().endsWith('.zip') ? [path.dirname(options.from)] : [options.from];
  const store = await storeFor(options, [...beside, path.join(projectDir, 'evidence'), path.join(projectDir, 'feedback')].filter((d) => existsSync(d)));
  // a killed run's leftovers go before the check: removing them changes the previous bundle's files' ctime
  const completedEarlier: Issue[] = [];
  await tidyOutFolder(options.outDir, (name) => completedEarlier.push({
    code: 'save-completed', severity: 'info', file: options.outDir, path: [], message: `上次运行在保存材料包 ${name} 时被中断，已完成保存`,
  }));
  const previous = await previousSource(options.from, store);
  const { source, checked } = previous;
  const sourceIssues = [...completedEarlier, ...previous.issues];
  const verifyMs = performance.now() - began;
  if (!checked.ok || !checked.manifest) {
    const detail = checked.issues.map((i) => i.message);
    const report = checked.altered.find((a) => a.path === ARTIFACT_NAMES.report);
    return failed([...sourceIssues, report
      ? {
        code: 'previous-damaged', severity: 'error', file: displayPath(path.join(source, ARTIFACT_NAMES.report)), path: [],
        message: `上一版材料包中的 ${ARTIFACT_NAMES.report} 与其清单（manifest.json）不符：它在生成后被改动过（多半是在 Word/WPS 中手工修改）。revise 只在报送时的原样上修订，新版本的报告由项目数据重新生成，这些手工修改不会保留`
          + (detail.length > 1 ? `（另有：${detail.filter((d) => !d.includes(ARTIFACT_NAMES.report)).slice(0, 4).join('；')}）` : ''),
        hint: `${HAND_EDIT_HINT}；然后用报送时的 zip（--from 上一版.zip），或把 ${ARTIFACT_NAMES.report} 恢复为原样后重新运行`,
      }
      : {
        code: 'previous-damaged', severity: 'error', file: source, path: [],
        message: `上一版材料包不完整或已被改动，不能在它的基础上修订：${detail.slice(0, 5).join('；')}${detail.length > 5 ? ` 等 ${detail.length} 处` : ''}`,
        hint: '请使用原始的上一版材料包（可用 eco-dossier verify 检查）',
      }]);
  }
  if (checked.contents === 'changes') {
    return failed([{
      code: 'previous-changes-only', severity: 'error', file: options.from, path: [],
      message: `${path.basename(options.from)} 是第${checked.revision}版的变更部分包，只含相对上一版新增和替换的文件（${checked.omitted} 个未变的文件不在其中），不能单独作为修订的基础`,
      hint: `请用完整的第${checked.revision}版材料包：同名文件夹（${checked.bundle}/），或用 revise --full-zip 生成的完整 zip（${checked.bundle}.zip）`,
    }]);
  }
  const previousManifest = checked.manifest;
  const revision = previousManifest.revision + 1;
  const loaded = await loadProject(projectDir);
  if (!loaded.data || hasErrors(loaded.issues)) return failed(loaded.issues);
  const issues: Issue[] = [...sourceIssues, ...loaded.issues];
  // the 请示 keeps the date it was signed on (project.yaml's, else the first build's) while the revision's
  // other documents take the round's date
  const original = loaded.data.project;
  const signed = original.application ? { ...original, application: { ...original.application, date: original.application.date ?? original.generatedAt } } : original;
  const projectData = { ...loaded.data, project: signed };

  const feedbackDir = path.join(projectData.dir, 'feedback');
  const defaultFeedback = path.join(feedbackDir, `round-${previousManifest.revision}.yaml`);
  const feedbackFile = options.feedbackFile ?? (existsSync(defaultFeedback) ? defaultFeedback : undefined);
  const currentRound = feedbackFile ? roundOf(feedbackFile) : undefined;
  if (!feedbackFile) issues.push(revisionWithoutRound(defaultFeedback, revision, previousManifest.files.filter((f) => f.role === 'response').map((f) => f.path)));
  const applied = await applyAnsweredRounds(projectData, feedbackDir, (previousManifest.answeredRounds ?? []).filter((k) => k !== currentRound), previousManifest.revision);
  issues.push(...applied.issues);
  if (hasErrors(applied.issues)) return failed(issues, applied.failedFile ? { feedbackFile: applied.failedFile } : {});
  let data = applied.data;
  // never dated before a round it carries the answer to
  if (applied.latestDate && applied.latestDate > data.project.generatedAt) data = { ...data, project: { ...data.project, generatedAt: applied.latestDate } };
  const answered = applied.rounds;
  issues.push(...(await unusedRounds(feedbackDir, [...answered, ...(currentRound !== undefined ? [currentRound] : [])], previousManifest.revision)));
  let feedback: LoadedFeedback | undefined;
  let valueChanges: ReturnType<typeof applyFeedback>['valueChanges'] = [];
  let narrativeChanges: ReturnType<typeof applyFeedback>['narrativeChanges'] = [];
  let reissue: { docNo: string; date: string; previousDocNo: string } | undefined;
  if (feedbackFile) {
    const contact = loaded.data.project.contact;
    if (!contact.person || !contact.phone) {
      issues.push({
        code: 'contact-missing', severity: 'error', file: displayPath(path.join(loaded.data.dir, 'project.yaml')), path: ['contact'],
        message: `答复审查意见的说明文末要写联系人和电话，project.yaml 的 contact 中缺少${[!contact.person ? ' person（联系人）' : '', !contact.phone ? ' phone（电话）' : ''].join('、')}`,
      });
      return failed(issues, { feedbackFile });
    }
    feedback = await loadFeedback(feedbackFile, data, { reviews: { revision: previousManifest.revision, date: previousManifest.generatedAt } });
    issues.push(...feedback.issues);
    if (!feedback.feedback || hasErrors(feedback.issues)) return failed(issues, { feedbackFile });
    const before = data.project.application;
    ({ data, valueChanges, narrativeChanges } = applyFeedback(data, feedback.feedback, feedback.added));
    const request = feedback.feedback.request;
    if (request && before) reissue = { docNo: request.docNo, date: request.date, previousDocNo: before.docNo };
    // the revision's documents are dated by the round's answer: its responseDate, else the round's own date
    data = { ...data, project: { ...data.project, generatedAt: revisionDate(feedback.feedback, data.project.generatedAt) } };
  }
  const answeredRounds = [...answered, ...(feedback?.feedback ? [feedback.feedback.round] : [])].sort((a, b) => a - b);

  const reader = await openBundle(source);
  try {
    const manifestSha256 = sha256(await readAll(await reader.open(MANIFEST_FILE)));
    const previous = {
      reader, files: new Map(previousManifest.files.map((f) => [f.path, f])), manifest: previousManifest, manifestSha256,
      ...(checked.accepted ? { accepted: checked.accepted } : {}),
    };
    const result = await assembleBundle(data, issues, {
      ...options,
      revision,
      answeredRounds,
      ...(store ? { fingerprints: store } : {}),
      previous,
      requireChange: !options.force,
      ...(feedback?.feedback ? { answer: { feedback: feedback.feedback, valueChanges, narrativeChanges, ...(reissue ? { reissue } : {}) } } : {}),
    }, { verify: verifyMs });
    return { ...result, revision, previousSource: source, previousCheck: { files: checked.checked, trusted: checked.trusted }, ...(feedbackFile ? { feedbackFile } : {}), open: feedback?.open.map((i) => i.id) ?? [] };
  } finally {
    await reader.close();
  }
}
