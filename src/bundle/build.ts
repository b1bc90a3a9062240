import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { openBundle, readAll } from '../files/bundle-reader.ts';
import path from 'node:path';
import type { Issue } from '../model/issue.ts';
import { hasErrors } from '../model/issue.ts';
import { CHANGES_FILE, MANIFEST_FILE, type FileChange, type Manifest } from '../model/manifest.ts';
import { changesArtifact, compareFiles } from '../package/changes.ts';
import { changesPackage } from '../package/changes-package.ts';
import { checksumText, buildManifest, manifestJson, CHECKSUM_FILE, type WrittenFile } from '../package/manifest.ts';
import { abortStaging, commitStaging, createStaging, type Staging } from '../files/staging.ts';
import { zipFolder } from '../package/zip.ts';
import { loadProject } from '../load/project.ts';
import { judgeProject } from '../load/check.ts';
import { hashFiles, sha256 } from '../files/hash.ts';
import { notSaved, recordBundle, storeFor } from './fingerprinting.ts';
import { planBundle, type BundlePlan } from '../plan/bundle-plan.ts';
import { annexFileName, planAnnexVolumes } from '../render/annex/index.ts';
import { templateSet } from '../render/templates.ts';
import type { RenderInput } from '../plan/render-input.ts';
import type { ProgressListener } from '../common/progress.ts';
import type { ProjectData } from '../model/project-data.ts';
import { produce } from './produce.ts';
import type { PreviousBundle, Settled } from './context.ts';
import type { FingerprintStore } from '../files/fingerprints.ts';
import { writeFile } from 'node:fs/promises';

export interface BuildOptions {
  /** folder the bundle folder and zip go into (default out/) */
  readonly outDir: string;
  readonly allowMissing?: boolean;
  /** annex volume size limit in MB; 0 = one volume */
  readonly maxVolumeMb?: number;
  /** replace a bundle of the same revision whose manifest differs */
  readonly force?: boolean;
  readonly revision?: number;
  /**
   * read every evidence file (and, in revise, every file of the previous bundle) instead of trusting the
   * fingerprints recorded when this tool last hashed or wrote them (see plan/fingerprints.ts)
   */
  readonly fullCheck?: boolean;
  /** the fingerprint store to use (revise passes the one it checked the previous bundle with) */
  readonly fingerprints?: FingerprintStore;
  readonly onProgress?: ProgressListener;
  /** revise: the previous bundle to reuse unchanged files from, and the changes to record */
  readonly previous?: PreviousBundle & { readonly manifest: Manifest; readonly manifestSha256: string };
  /**
   * revise: what the zip carries. `changes` (revise's default): only what is new or replaced since the
   * previous revision, with the full manifest (see package/changes-package.ts); `complete`: every file.
   * The folder is always complete.
   */
  readonly zipContents?: 'complete' | 'changes';
  /** revise: the review rounds the new revision answers (recorded in its manifest) */
  readonly answeredRounds?: readonly number[];
  /** revise: extra artifacts (response document …) rendered after the plan's */
  readonly extraFiles?: (render: RenderInput, bundleDir: string, written: readonly WrittenFile[]) => Promise<{ readonly files: readonly WrittenFile[]; readonly issues?: readonly Issue[] }>;
}

export interface BuildResult {
  readonly ok: boolean;
  readonly bundleDir?: string;
  readonly zip?: string;
  readonly issues: readonly Issue[];
  readonly manifest?: Manifest;
  /** the bundle in out/ already had exactly this manifest: nothing was replaced */
  readonly unchanged?: boolean;
  /** what the zip carries: every file, or (revise's default) only the files changed since the previous revision */
  readonly zipContents?: 'complete' | 'changes';
  /** files copied unchanged from the previous revision */
  readonly reused: readonly string[];
  /** stage → milliseconds */
  readonly timings: Readonly<Record<string, number>>;
  readonly megabytes: number;
}

export const DEFAULT_MAX_VOLUME_MB = 100;

/** sha256 over the template files a project uses (its own folder first, then the built-in one). */
async function hashTemplates(dirs: readonly string[]): Promise<string> {
  const parts: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (e.isDirectory()) await walk(path.join(dir, e.name), `${rel}${e.name}/`);
      else parts.push(`${rel}${e.name}:${sha256(await readFile(path.join(dir, e.name)))}`);
    }
  };
  for (const dir of dirs) await walk(dir, `${dirs.indexOf(dir)}:`);
  return sha256(parts.join('\n'));
}

/** manifest.json inside a zip, as text, and how many files the zip holds; an unreadable zip counts as a different bundle. */
async function readZipManifest(zip: string): Promise<{ text: string; files: number }> {
  try {
    const reader = await openBundle(zip);
    try {
      return { text: (await readAll(await reader.open(MANIFEST_FILE))).toString('utf8'), files: reader.files.length };
    } finally {
      await reader.close();
    }
  } catch {
    return { text: '', files: 0 };
  }
}

const fail = (issues: readonly Issue[], timings: Record<string, number>): BuildResult => ({ ok: false, issues, reused: [], timings, megabytes: 0 });

/** The indicators of each annex volume of a previous revision, in volume order. */
function previousSplit(manifest: Manifest): number[][] {
  return manifest.files
    .filter((f) => f.role === 'annex' && f.pages)
    .sort((a, b) => a.pages!.first - b.pages!.first)
    .map((f) => [...(f.indicators ?? [])]);
}

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

/** judge → plan → render → package, from already loaded (and, when revising, amended) project data. */
export async function assembleBundle(
  data: ProjectData,
  earlierIssues: readonly Issue[],
  options: BuildOptions,
  timings: Record<string, number> = {},
): Promise<BuildResult> {
  const time = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const began = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + (performance.now() - began);
    }
  };
  const issues: Issue[] = [...earlierIssues];
  const verdicts = await time('judge', () => judgeProject(data));
  const render: RenderInput = { data, verdicts, revision: options.revision ?? 1 };

  const totalBytes = data.evidence.reduce((n, e) => n + e.bytes, 0);
  const store = options.fingerprints ?? (await storeFor(options, [path.join(data.dir, 'evidence')]));
  const hashed = await time('hash', () =>
    hashFiles(data.evidence, (done) => options.onProgress?.({ step: '校验佐证材料', done, total: totalBytes }), store),
  );
  const hashes = hashed.map((h) => h.sha256);
  const unsaved = await store?.save();
  if (unsaved) issues.push(notSaved(options.outDir, unsaved));
  const evidenceHashes = new Map(data.evidence.map((e, k) => [e.id, hashes[k]!]));
  const templates = templateSet(data.dir, data.project.templates);
  const volumes = planAnnexVolumes(render, options.maxVolumeMb ?? DEFAULT_MAX_VOLUME_MB, options.previous && previousSplit(options.previous.manifest));
  issues.push(...volumes.issues);
  const annexTitle = '佐证材料汇编';
  const plan: BundlePlan = planBundle({
    render, evidenceHashes, templatesHash: await hashTemplates(templates.dirs), annexVolumes: volumes.volumes,
    annexFileName: (v) => annexFileName(annexTitle, volumes.volumes.find((x) => x.no === v.no)!),
  });

  let staging: Staging | undefined = await createStaging(options.outDir, plan.name);
  try {
    const written: WrittenFile[] = [];
    const reused: string[] = [];
    let nextPage = 1;
    const settled = new Map<string, { settled: Settled; sha256: string }>();
    const ctx = {
      render, bundleDir: staging.bundleDir, allowMissing: options.allowMissing ?? false, timings, annex: { earlier: [], rendered: new Set<number>() },
      evidenceFingerprints: new Map(data.evidence.map((e, k) => [e.id, hashed[k]!.fingerprint])), ...(options.previous ? { previous: options.previous } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
    for (const artifact of plan.artifacts) {
      const made = await produce(ctx, artifact, nextPage);
      issues.push(...made.issues);
      if (hasErrors(made.issues)) return fail(issues, timings);
      if (made.written.pages) nextPage = made.written.pages.last + 1;
      if (made.reused) reused.push(artifact.path);
      if (made.settled) settled.set(artifact.path, { settled: made.settled, sha256: made.written.sha256 });
      written.push(made.written);
    }
    if (options.extraFiles) {
      const extra = await options.extraFiles(render, staging.bundleDir, written);
      issues.push(...(extra.issues ?? []));
      if (hasErrors(extra.issues ?? [])) return fail(issues, timings);
      written.push(...extra.files);
    }
    let changes: FileChange[] | undefined;
    if (options.previous) {
      changes = compareFiles(options.previous.manifest.files, buildManifest(render, plan, written).files);
      const text = `${JSON.stringify(changes, null, 2)}\n`;
      await writeFile(path.join(staging.bundleDir, CHANGES_FILE), text);
      written.push({ artifact: changesArtifact(text), sha256: sha256(text), bytes: Buffer.byteLength(text) });
    }
    const manifest = buildManifest(render, plan, written, {
      ...(changes ? { changes } : {}),
      ...(options.previous ? { previous: { bundle: options.previous.manifest.bundle, revision: options.previous.manifest.revision, manifestSha256: options.previous.manifestSha256 } } : {}),
      ...(options.answeredRounds ? { answeredRounds: options.answeredRounds } : {}),
    });
    const json = manifestJson(manifest);
    await writeFile(path.join(staging.bundleDir, MANIFEST_FILE), json);
    await writeFile(path.join(staging.bundleDir, CHECKSUM_FILE), checksumText(manifest, sha256(json)));

    const manifestSha256 = sha256(json);
    const pack = options.previous && options.zipContents !== 'complete' ? changesPackage(manifest, manifestSha256) : undefined;
    const zipFiles = pack ? pack.carried : [...manifest.files.map((f) => f.path), MANIFEST_FILE, CHECKSUM_FILE];
    const zipContents = pack ? 'changes' : 'complete';

    // what is already in out/ under this name: the folder's manifest and the zip's (either may be all that is left)
    const zipPath = path.join(options.outDir, `${plan.name}.zip`);
    const existingFolder = await readFile(path.join(options.outDir, plan.name, MANIFEST_FILE), 'utf8').catch(() => undefined);
    const existingZip = existsSync(zipPath) ? await readZipManifest(zipPath) : undefined;
    if (existingFolder === json && existingZip?.text === json && existingZip.files === zipFiles.length) {
      await abortStaging(staging);
      staging = undefined;
      return { ok: true, bundleDir: path.join(options.outDir, plan.name), zip: zipPath, issues, manifest, unchanged: true, zipContents, reused, timings, megabytes: totalBytes / 1e6 };
    }
    // the same manifest with a zip of the other kind (changes only / complete) is the same bundle: no --force needed
    const differs = [existingFolder, existingZip?.text].some((m) => m !== undefined && m !== json);
    if (differs && !options.force) {
      issues.push({
        code: 'bundle-exists', severity: 'error', file: path.join(options.outDir, plan.name), path: [],
        message: `已有同一版本（r${plan.revision}）的申报材料包，且内容与本次生成的不同；原材料包保持不变`,
        hint: '确需覆盖请加 --force；如是根据审查意见修改，请用 eco-dossier revise 生成新版本',
      });
      return fail(issues, timings);
    }
    const sizes = new Map(manifest.files.map((f) => [f.path, f.bytes]));
    const allBytes = zipFiles.reduce((n, f) => n + (sizes.get(f) ?? 0), 0);
    const inMemory = new Map(pack ? [[CHECKSUM_FILE, Buffer.from(pack.checksumText, 'utf8')]] : []);
    await time('zip', () => zipFolder(staging!.bundleDir, plan.name, zipFiles, data.project.generatedAt, staging!.zipFile, (done) => options.onProgress?.({ step: '打包 zip', done, total: allBytes }), inMemory));
    const placed = await commitStaging(staging, options.outDir, plan.name);
    staging = undefined;
    if (store) {
      const failed = await time('record', () => recordBundle(store, placed, settled, manifestSha256));
      if (failed && !unsaved) issues.push(notSaved(options.outDir, failed));
    }
    return { ok: true, ...placed, issues, manifest, zipContents, reused, timings, megabytes: totalBytes / 1e6 };
  } finally {
    if (staging) await abortStaging(staging);
  }
}

