import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { assembleBundle, storeFor, type BuildOptions, type BuildResult } from '../build/build.ts';
import { loadProject } from '../load/project.ts';
import { hasErrors, type Issue } from '../model/issue.ts';
import { MANIFEST_FILE, type Manifest } from '../model/manifest.ts';
import { openBundle, readAll } from '../package/bundle-reader.ts';
import { reuseFile, type PreviousBundle } from '../build/produce.ts';
import type { WrittenFile } from '../package/manifest.ts';
import type { PlannedArtifact } from '../plan/bundle-plan.ts';
import { verifyBundle } from '../package/verify.ts';
import { sha256 } from '../plan/hash.ts';
import { applyFeedback, loadFeedback, type LoadedFeedback } from './feedback.ts';
import { responseDocument } from './response.ts';

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
    const [a, b] = await Promise.all([readFile(path.join(folder, MANIFEST_FILE)), readZipManifest(from)]);
    return a.equals(b) ? folder : from;
  } catch {
    return from;
  }
}

async function readZipManifest(zip: string): Promise<Buffer> {
  const reader = await openBundle(zip);
  try {
    return await readAll(await reader.open(MANIFEST_FILE));
  } finally {
    await reader.close();
  }
}

/** The round number in feedback/round-2.yaml. */
function roundOf(file: string): number | undefined {
  const m = /^round-(\d+)\.yaml$/.exec(path.basename(file));
  return m ? Number(m[1]) : undefined;
}

/** feedback/round-K.yaml files neither answered before nor answered now: said, so none is skipped unnoticed. */
async function unusedRounds(dir: string, used: readonly number[], previousRevision: number): Promise<Issue[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  return names
    .filter((name) => roundOf(name) !== undefined && !used.includes(roundOf(name)!))
    .map((name) => ({
      code: 'feedback-round-unused', severity: 'warning' as const, file: path.join(dir, name), path: [],
      message: `feedback/${name} 未被采用：第${previousRevision}版没有答复第${roundOf(name)}轮，本次也不答复它（本次默认读取 round-${previousRevision}.yaml）`,
      hint: `如要答复这一轮，请加 --feedback feedback/${name}`,
    }));
}

/**
 * A revision without a new review round keeps the latest response document (补充材料说明.docx) as it was:
 * it still answers the latest round.
 */
async function carryResponse(previous: PreviousBundle, manifest: Manifest, bundleDir: string): Promise<{ files: WrittenFile[]; issues?: Issue[] }> {
  const old = manifest.files.find((f) => f.role === 'response');
  if (!old) return { files: [] };
  const { issue } = await reuseFile(previous, old.path, path.join(bundleDir, ...old.path.split('/')));
  if (issue) return { files: [], issues: [issue] };
  const artifact: PlannedArtifact = {
    path: old.path, role: 'response', indicators: [...(old.indicators ?? [])], inputs: { ...old.inputs }, inputHash: old.inputHash, source: { kind: 'written' },
  };
  return { files: [{ artifact, sha256: old.sha256, bytes: old.bytes }] };
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
    const detail = [...checked.problems, ...checked.missing.map((p) => `缺少 ${p}`), ...checked.altered.map((a) => `${a.path} 已被改动`), ...checked.extra.map((p) => `多出 ${p}`)];
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
  let data = loaded.data;
  // the rounds the previous revision answered stay answered: their evidence, replacements and values
  const answered = (previousManifest.answeredRounds ?? []).filter((k) => k !== currentRound);
  for (const k of answered) {
    const file = path.join(feedbackDir, `round-${k}.yaml`);
    if (!existsSync(file)) {
      return failed([...issues, {
        code: 'feedback-round-missing', severity: 'error', file, path: [],
        message: `第${previousManifest.revision}版采用了第${k}轮审查意见的答复，但找不到 feedback/round-${k}.yaml`,
        hint: '恢复该文件：其中新增的材料和更正的数值要在以后各版中保留',
      }], { feedbackFile: file });
    }
    const earlier = await loadFeedback(file, data, { earlierRound: true });
    const errors = earlier.issues.filter((i) => i.severity === 'error');
    if (!earlier.feedback || errors.length) return failed([...issues, ...errors], { feedbackFile: file });
    issues.push(...earlier.issues.filter((i) => i.severity === 'warning' && i.code !== 'feedback-open'));
    ({ data } = applyFeedback(data, earlier.feedback, earlier.added));
  }
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
      ...(feedback?.feedback
        ? { extraFiles: async (render, bundleDir, written) => ({ files: await responseDocument({ render, bundleDir, written, feedback: feedback!.feedback!, valueChanges, previous: previousManifest }) }) }
        : { extraFiles: (_render, bundleDir) => carryResponse(previous, previousManifest, bundleDir) }),
    }, { verify: verifyMs });
    return { ...result, revision, previousCheck: { files: checked.checked, trusted: checked.trusted }, ...(feedbackFile ? { feedbackFile } : {}), open: feedback?.open.map((i) => i.id) ?? [] };
  } finally {
    await reader.close();
  }
}
