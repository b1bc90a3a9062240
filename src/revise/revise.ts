import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assembleBundle, type BuildOptions, type BuildResult } from '../bundle/build.ts';
import { storeFor } from '../bundle/fingerprinting.ts';
import { loadProject } from '../load/project.ts';
import { hasErrors, type Issue } from '../model/issue.ts';
import { MANIFEST_FILE } from '../model/manifest.ts';
import { openBundle, readAll } from '../files/bundle-reader.ts';
import { verifyBundle } from '../package/verify.ts';
import { readManifestBytes } from '../package/manifest-read.ts';
import { sha256 } from '../files/hash.ts';
import { applyFeedback, loadFeedback, type LoadedFeedback } from './feedback.ts';
import { applyAnsweredRounds, roundOf, unusedRounds } from './rounds.ts';

export interface ReviseOptions extends Omit<BuildOptions, 'previous' | 'extraFiles' | 'revision' | 'force' | 'answeredRounds'> {
  /** the previous bundle: its zip or folder */
  readonly from: string;
  /** feedback/<round>.yaml; default: feedback/round-<previous revision>.yaml when it exists */
  readonly feedbackFile?: string;
}

export interface ReviseResult extends BuildResult {
  readonly revision?: number;
  readonly feedbackFile?: string;
  /** feedback items without a response yet */
  readonly open: readonly string[];
  /** the check of the previous bundle: files checked, and of those how many were known untouched (not read) */
  readonly previousCheck?: { readonly files: number; readonly trusted: number };
}

/**
 * The previous bundle to read: when given its zip and the folder it was made from sits beside it with the
 * same manifest, the folder (its files can be linked into the new revision instead of copied). Either way
 * the source is verified before anything is reused: every file is read, except those whose fingerprint
 * shows them untouched since this tool wrote or hashed them (see plan/fingerprints.ts; --full-check reads all).
 */
async function previousSource(from: string): Promise<string> {
  if (!from.toLowerCase().endsWith('.zip')) return from;
  const folder = from.slice(0, -4);
  try {
    const [a, b] = await Promise.all([readFile(path.join(folder, MANIFEST_FILE)), readManifestBytes(from).then((m) => m.bytes)]);
    return a.equals(b) ? folder : from;
  } catch {
    return from;
  }
}


const failed = (issues: readonly Issue[], extra: Partial<ReviseResult> = {}): ReviseResult => ({
  ok: false, issues, reused: [], timings: {}, megabytes: 0, open: [], ...extra,
});

/**
 * revise: the next revision after review feedback. The previous bundle is verified first; files whose
 * inputs did not change are copied from it byte for byte; changes.json and 补充材料说明.docx are added.
 */
export async function reviseBundle(projectDir: string, options: ReviseOptions): Promise<ReviseResult> {
  const source = await previousSource(options.from);
  const began = performance.now();
  const store = await storeFor(options, [source, path.join(projectDir, 'evidence'), path.join(projectDir, 'feedback')].filter((d) => existsSync(d)));
  const checked = await verifyBundle(source, store ? { fingerprints: store } : {});
  const verifyMs = performance.now() - began;
  if (!checked.ok || !checked.manifest) {
    const detail = checked.issues.map((i) => i.message);
    return failed([{
      code: 'previous-damaged', severity: 'error', file: source, path: [],
      message: `上一版材料包不完整或已被改动，不能在它的基础上修订：${detail.slice(0, 5).join('；')}${detail.length > 5 ? ` 等 ${detail.length} 处` : ''}`,
      hint: '请使用原始的上一版材料包（可用 eco-dossier verify 检查）',
    }]);
  }
  if (checked.contents === 'changes') {
    return failed([{
      code: 'previous-changes-only', severity: 'error', file: options.from, path: [],
      message: `${path.basename(options.from)} 是第${checked.revision}版的变更部分包，只含相对上一版新增和替换的文件（${checked.omitted} 个未变的文件不在其中），不能单独作为修订的基础`,
      hint: `请用完整的第${checked.revision}版材料包：同名文件夹（${checked.bundle}/），或用 revise --full-zip 生成的完整 zip`,
    }]);
  }
  const previousManifest = checked.manifest;
  const revision = previousManifest.revision + 1;
  const loaded = await loadProject(projectDir);
  if (!loaded.data || hasErrors(loaded.issues)) return failed(loaded.issues);
  const issues: Issue[] = [...loaded.issues];

  const feedbackDir = path.join(loaded.data.dir, 'feedback');
  const defaultFeedback = path.join(feedbackDir, `round-${previousManifest.revision}.yaml`);
  const feedbackFile = options.feedbackFile ?? (existsSync(defaultFeedback) ? defaultFeedback : undefined);
  const currentRound = feedbackFile ? roundOf(feedbackFile) : undefined;
  const applied = await applyAnsweredRounds(loaded.data, feedbackDir, (previousManifest.answeredRounds ?? []).filter((k) => k !== currentRound), previousManifest.revision);
  issues.push(...applied.issues);
  if (hasErrors(applied.issues)) return failed(issues, applied.failedFile ? { feedbackFile: applied.failedFile } : {});
  let data = applied.data;
  const answered = applied.rounds;
  issues.push(...(await unusedRounds(feedbackDir, [...answered, ...(currentRound !== undefined ? [currentRound] : [])], previousManifest.revision)));
  let feedback: LoadedFeedback | undefined;
  let valueChanges: ReturnType<typeof applyFeedback>['valueChanges'] = [];
  if (feedbackFile) {
    feedback = await loadFeedback(feedbackFile, data);
    issues.push(...feedback.issues);
    if (!feedback.feedback || hasErrors(feedback.issues)) return failed(issues, { feedbackFile });
    ({ data, valueChanges } = applyFeedback(data, feedback.feedback, feedback.added));
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
      ...(feedback?.feedback ? { answer: { feedback: feedback.feedback, valueChanges } } : {}),
    }, { verify: verifyMs });
    return { ...result, revision, previousCheck: { files: checked.checked, trusted: checked.trusted }, ...(feedbackFile ? { feedbackFile } : {}), open: feedback?.open.map((i) => i.id) ?? [] };
  } finally {
    await reader.close();
  }
}
