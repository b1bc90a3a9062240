import type { Issue } from '../model/index.ts';
import { MB, stateDirOf } from '../common/index.ts';
import { hasErrors } from '../model/index.ts';
import { loadProject } from '../load/index.ts';
import { eligibilityOf } from '../load/index.ts';
import type { ProjectData } from '../model/index.ts';
import type { WrittenFile } from '../artifacts/index.ts';
import { ARTIFACT_KINDS, ARTIFACT_NAMES } from '../artifacts/index.ts';
import { asBuildError, checkOfficialText, evidenceAfterDocument } from './refusals.ts';
import { abortStaging, createStaging, type Staging } from '../files/index.ts';
import { removeStaleQpdfTemp } from '../documents/pdf/index.ts';
import { saveProblemIssue, spaceNeeded } from './save-problems.ts';
import type { Settled } from './context.ts';
import { stageTimer, type BuildOptions, type BuildResult } from './options.ts';
import { prepareBundle, produceContext } from './prepare.ts';
import { produce } from './produce.ts';
import { copyAhead, type CopiesAhead } from './copy-ahead.ts';
import { publishBundle } from './publish.ts';
import { sentIssue, sentState } from './submission.ts';
import { changesNothing } from '../artifacts/changes/index.ts';
import { missingNarrative } from '../artifacts/report/index.ts';

export type { BuildOptions, BuildResult } from './options.ts';

const fail = (issues: readonly Issue[], timings: Record<string, number>): BuildResult => ({ ok: false, issues, reused: [], timings, megabytes: 0 });

const noChange = (bundle: string, previous: number, revision: number): Issue => ({
  code: 'revise-no-change', severity: 'error', file: bundle, path: [],
  message: `第${revision}版与第${previous}版没有任何区别（除说明.txt 外每个文件都相同），未生成第${revision}版：本次没有新的审查意见答复，项目数据也没有改动`,
  hint: `先写好审查意见的答复（feedback/round-${previous}.yaml，或用 --feedback 指定），或修改项目数据，再运行 revise；确需生成内容相同的新版本，请加 --force`,
});

/**
 * build: load → validate → judge → plan → render → package. Writes out/<bundle>/ and out/<bundle>.zip
 * through a staging folder; returns issues instead of throwing on bad input.
 */
export async function buildBundle(projectDir: string, options: BuildOptions): Promise<BuildResult> {
  const began = performance.now();
  const loaded = await loadProject(projectDir);
  const loadMs = performance.now() - began;
  if (!loaded.data || hasErrors(loaded.issues)) return fail(loaded.issues, { load: loadMs });
  return assembleBundle(loaded.data, loaded.issues, options, { load: loadMs });
}

/**
 * From already loaded (and, when revising, amended) project data, in three steps: prepare (judge, hash
 * the evidence, plan), produce every planned artifact into a staging folder (bundle/produce.ts), publish
 * (manifest, zip, moved into place).
 */
export async function assembleBundle(
  data: ProjectData,
  earlierIssues: readonly Issue[],
  options: BuildOptions,
  timings: Record<string, number> = {},
): Promise<BuildResult> {
  const time = stageTimer(timings);
  // what validate warns about, build refuses: 待填写 left in the project files, evidence dates still to be
  // checked, evidence dated after this revision's documents
  earlierIssues = [...earlierIssues.map(asBuildError), ...evidenceAfterDocument(data)];
  if (hasErrors(earlierIssues)) return fail(earlierIssues, timings);
  // the report's narrative parts: a part without text is an error unless a draft without it is allowed
  const narrative = missingNarrative(data, options.allowMissingNarrative ? 'warning' : 'error');
  if (hasErrors(narrative)) return fail([...earlierIssues, ...narrative], timings);
  earlierIssues = [...earlierIssues, ...narrative];
  let prepared;
  try {
    prepared = await prepareBundle(data, options, time);
  } catch (e) {
    const problem = await saveProblemIssue(e, options.outDir, spaceNeeded(data.evidence.reduce((n, f) => n + f.bytes, 0)));
    if (!problem) throw e;
    return fail([...earlierIssues, problem], timings);
  }
  const issues: Issue[] = [...earlierIssues, ...prepared.issues];
  const { plan, render } = prepared;
  // a revision recorded as sent is never rebuilt: said now, before anything is rendered
  const sent = await sentState(options.outDir, plan.name);
  if (sent.sent) {
    return fail([...issues, sentIssue(options.outDir, plan.name, plan.revision, sent)], timings);
  }
  const megabytes = prepared.totalBytes / MB;
  const eligibility = eligibilityOf(data, render.verdicts);
  if (!eligibility.eligible) issues.push({ code: 'not-eligible', severity: 'warning', file: data.dir, path: [], message: eligibility.line });
  if (!eligibility.eligible && data.project.application) {
    issues.push({
      code: 'request-draft', severity: 'warning', file: data.dir, path: [],
      message: `${ARTIFACT_NAMES.request}（请示）已标注“草稿”，写明尚未达到的申报条件、不提出申请；达到申报条件后重新生成即为正式请示（${eligibility.line.replace(/^申报条件：/, '').replace(/。$/, '')}）`,
    });
  }

  await removeStaleQpdfTemp();
  let staging: Staging | undefined;
  let ahead: CopiesAhead | undefined;
  try {
    staging = await createStaging(options.outDir, plan.name, (name) => issues.push({
      code: 'save-completed', severity: 'info', file: options.outDir, path: [],
      message: `上次运行在保存材料包 ${name} 时被中断，已完成保存`,
    }));
    const written: WrittenFile[] = [];
    const reused: string[] = [];
    const settled = new Map<string, { settled: Settled; sha256: string }>();
    const ctx = produceContext(prepared, staging.bundleDir, options.artifactKinds ?? ARTIFACT_KINDS, {
      ...options, timings, cacheDir: stateDirOf(options.outDir),
    });
    ahead = copyAhead(ctx, plan.artifacts);
    for (const artifact of plan.artifacts) {
      const copying = ahead.take(artifact);
      const waited = performance.now();
      const made = copying ? await copying : await produce(ctx, artifact, written);
      if (copying) timings.evidence = (timings.evidence ?? 0) + (performance.now() - waited);
      issues.push(...made.issues);
      if (hasErrors(made.issues)) return fail(issues, timings);
      if (made.reused) reused.push(artifact.path);
      if (made.settled) settled.set(artifact.path, { settled: made.settled, sha256: made.written.sha256 });
      written.push(made.written);
    }
    if (options.requireChange && options.previous && changesNothing(options.previous.manifest.files, written.map((w) => ({ path: w.artifact.path, sha256: w.sha256, role: w.artifact.role })))) {
      return fail([...issues, noChange(options.previous.manifest.bundle, options.previous.manifest.revision, plan.revision)], timings);
    }
    await ahead.stop();
    const unofficial = await checkOfficialText(data, render.verdicts, staging.bundleDir, written);
    if (unofficial.length) return fail([...issues, ...unofficial], timings);
    // publish consumes the staging folder (committed or removed); on a throw, finally removes what is left
    const published = await publishBundle(staging, prepared, written, settled, options, time);
    staging = undefined;
    issues.push(...published.issues);
    if (!published.ok) return fail(issues, timings);
    const { ok: _ok, issues: _issues, ...rest } = published;
    return { ok: true, ...rest, issues, reused, timings, megabytes, eligibility };
  } catch (e) {
    // busy, not writable, disk full: the user's to fix, said plainly (the staging folder goes in finally)
    await ahead?.stop();
    // a staging folder that cannot be removed now (a file Windows still holds) is removed by the next run: the
    // problem to report is the one that stopped the build
    if (staging) await abortStaging(staging).catch(() => undefined);
    staging = undefined;
    const problem = await saveProblemIssue(e, options.outDir, spaceNeeded(prepared.totalBytes));
    if (!problem) throw e;
    return fail([...issues, problem], timings);
  } finally {
    // no copy may still be writing into the staging folder when it is removed
    await ahead?.stop();
    if (staging) await abortStaging(staging);
  }
}
