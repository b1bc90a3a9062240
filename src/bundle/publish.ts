import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../files/index.ts';
import { abortStaging, commitStaging, type Staging } from '../files/index.ts';
import type { Issue } from '../model/index.ts';
import { CHECKSUM_FILE, MANIFEST_FILE, type Manifest } from '../model/index.ts';
import type { BundlePlan, WrittenFile } from '../artifacts/index.ts';
import { compareFiles } from '../artifacts/changes/index.ts';
import type { RenderInput } from '../artifacts/index.ts';
import { changesPackage } from '../package/index.ts';
import { buildManifest, checksumText, manifestJson } from '../package/index.ts';
import { readManifestBytes } from '../package/index.ts';
import { zipFolder } from '../package/index.ts';
import { bundleZipName } from '../package/index.ts';
import type { Settled } from './context.ts';
import { notSaved, recordBundle } from './fingerprinting.ts';
import type { BuildOptions, StageTimer } from './options.ts';
import type { Prepared } from './prepare.ts';
import { previousDraftNames, sentIssue, sentState } from './submission.ts';

export interface Published {
  readonly ok: boolean;
  readonly bundleDir?: string;
  readonly zip?: string;
  readonly manifest?: Manifest;
  readonly unchanged?: boolean;
  readonly zipContents?: 'complete' | 'changes';
  /** the draft this one replaced, kept beside it */
  readonly previousDraft?: string;
  readonly issues: readonly Issue[];
}

/** manifest.json inside a zip, as text, and how many files the zip holds; an unreadable zip counts as a different bundle. */
async function readZipManifest(zip: string): Promise<{ text: string; files: number }> {
  try {
    const { bytes, files } = await readManifestBytes(zip);
    return { text: bytes.toString('utf8'), files };
  } catch {
    return { text: '', files: 0 };
  }
}

/**
 * publish: the manifest and checksum file, the zip, and the staged folder moved into place. A bundle of
 * the same name whose manifest is this one is left as it is; a draft that differs is replaced (and kept
 * beside as `…-上一稿`); a revision recorded as sent (bundle/submission.ts) is never replaced.
 * The staging folder is consumed: committed, or removed.
 */
export async function publishBundle(
  staging: Staging,
  prepared: Prepared,
  written: readonly WrittenFile[],
  settled: ReadonlyMap<string, { settled: Settled; sha256: string }>,
  options: BuildOptions,
  time: StageTimer,
): Promise<Published> {
  const { plan, render, store } = prepared;
  const manifest = manifestOf(render, plan, written, options);
  const json = manifestJson(manifest);
  const manifestSha256 = sha256(json);
  await writeFile(path.join(staging.bundleDir, MANIFEST_FILE), json);
  await writeFile(path.join(staging.bundleDir, CHECKSUM_FILE), checksumText(manifest, manifestSha256));

  const pack = options.previous && options.zipContents !== 'complete' ? changesPackage(manifest, manifestSha256) : undefined;
  const zipFiles = pack ? pack.carried : [...manifest.files.map((f) => f.path), MANIFEST_FILE, CHECKSUM_FILE];
  const zipContents = pack ? 'changes' : 'complete';

  // what is already in out/ under this name: the folder's manifest and the zip's (either may be all that is left)
  const zipName = bundleZipName(plan.name, zipContents);
  const zipPath = path.join(options.outDir, zipName);
  const existingFolder = await readFile(path.join(options.outDir, plan.name, MANIFEST_FILE), 'utf8').catch(() => undefined);
  const existingZip = existsSync(zipPath) ? await readZipManifest(zipPath) : undefined;
  if (existingFolder === json && existingZip?.text === json && existingZip.files === zipFiles.length) {
    await abortStaging(staging);
    return { ok: true, bundleDir: path.join(options.outDir, plan.name), zip: zipPath, manifest, unchanged: true, zipContents, issues: [] };
  }
  // a revision recorded as sent (eco-dossier submit) is never overwritten, whatever the options
  const sent = await sentState(options.outDir, plan.name);
  if (sent.sent) {
    await abortStaging(staging);
    return { ok: false, issues: [sentIssue(options.outDir, plan.name, plan.revision, sent)] };
  }
  // a draft whose manifest differs is replaced, the previous draft kept beside it (`…-上一稿`); the same
  // manifest with a zip of the other kind (changes only / complete) is the same bundle: nothing to keep
  const differs = [existingFolder, existingZip?.text].some((m) => m !== undefined && m !== json);
  const keep = differs ? previousDraftNames(plan.name, zipName) : undefined;
  const sizes = new Map(manifest.files.map((f) => [f.path, f.bytes]));
  const allBytes = zipFiles.reduce((n, f) => n + (sizes.get(f) ?? 0), 0);
  const inMemory = new Map(pack ? [[CHECKSUM_FILE, Buffer.from(pack.checksumText, 'utf8')]] : []);
  await time('zip', () => zipFolder(staging.bundleDir, plan.name, zipFiles, render.data.project.generatedAt, staging.zipFile, (done) => options.onProgress?.({ step: '打包 zip', done, total: allBytes }), inMemory));
  const placed = await commitStaging(staging, options.outDir, plan.name, zipName, keep);
  const issues: Issue[] = [];
  if (store) {
    const failed = await time('record', () => recordBundle(store, placed, settled, manifestSha256));
    if (failed && !prepared.unsaved) issues.push(notSaved(options.outDir, failed));
  }
  return { ok: true, ...placed, manifest, zipContents, issues, ...(keep ? { previousDraft: path.join(options.outDir, keep.dir) } : {}) };
}

/** The manifest of the written files; a revision's also lists what happened to every path, as its changes.json does. */
function manifestOf(render: RenderInput, plan: BundlePlan, written: readonly WrittenFile[], options: BuildOptions): Manifest {
  const previous = options.previous;
  const changes = previous && written.some((w) => w.artifact.role === 'changes')
    ? compareFiles(previous.manifest.files, written.map((w) => ({ path: w.artifact.path, sha256: w.sha256 })))
    : undefined;
  return buildManifest(render, plan, written, {
    ...(changes ? { changes } : {}),
    ...(previous ? { previous: { bundle: previous.manifest.bundle, revision: previous.manifest.revision, manifestSha256: previous.manifestSha256 } } : {}),
    ...(options.answeredRounds ? { answeredRounds: options.answeredRounds } : {}),
  });
}
