import type { ProgressListener } from '../common/index.ts';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { abortStaging, commitFiles, createStaging, processAlive, type Staging } from '../files/index.ts';
import { ARTIFACT_KINDS, type WrittenFile } from '../artifacts/index.ts';
import { ANNEX_FILE_TITLE } from '../artifacts/annex/index.ts';
import { removeStaleQpdfTemp } from '../documents/pdf/index.ts';
import { hasErrors, type Issue, type ProjectData } from '../model/index.ts';
import { stageTimer } from './options.ts';
import { prepareBundle, produceContext } from './prepare.ts';
import { produce } from './produce.ts';
import { saveProblemIssue, spaceNeeded } from './save-problems.ts';

export interface AnnexOptions {
  readonly outDir: string;
  readonly maxVolumeMb?: number;
  readonly allowMissing?: boolean;
  readonly onProgress?: ProgressListener;
}

export interface AnnexFile {
  readonly file: string;
  readonly written: WrittenFile;
}

export interface AnnexResult {
  readonly ok: boolean;
  readonly files: readonly AnnexFile[];
  readonly issues: readonly Issue[];
}

/** 佐证材料汇编.pdf and 佐证材料汇编-第N册.pdf: the annex files an earlier run left in the output folder. */
const ANNEX_FILE = new RegExp(`^${ANNEX_FILE_TITLE}(-第\\d+册)?\\.pdf$`);

const ANNEX_KINDS = ARTIFACT_KINDS.filter((k) => k.kind === 'annex-volume');

/**
 * Staging folders of annex runs of earlier versions that were killed (`.annex-<pid>-XXXXXX` whose process is
 * gone, or `.annex-XXXXXX`, which named no process): this version stages as a bundle does, so nothing alive
 * uses them. Called with the output folder's lock held.
 */
async function removeOldAnnexStaging(outDir: string): Promise<void> {
  for (const entry of await readdir(outDir).catch(() => [] as string[])) {
    const m = /^\.annex-(?:(\d+)-)?[A-Za-z0-9]{6}$/.exec(entry);
    if (m && (m[1] === undefined || !processAlive(Number(m[1])))) await rm(path.join(outDir, entry), { recursive: true, force: true });
  }
}

/**
 * The annex alone (the `annex` command): its volumes planned, produced and published the way a bundle's are
 * (the evidence hashed, each volume made by the annex kind in a staging folder under the output folder's
 * lock), then moved into the output folder as loose files, replacing the annex files of an earlier run.
 * A failure, Ctrl-C or a full disk leaves the earlier annex as it was.
 */
export async function writeAnnex(data: ProjectData, options: AnnexOptions): Promise<AnnexResult> {
  const timings: Record<string, number> = {};
  const settings = { ...options, artifactKinds: ANNEX_KINDS };
  const issues: Issue[] = [];
  let staging: Staging | undefined;
  try {
    const prepared = await prepareBundle(data, settings, stageTimer(timings));
    issues.push(...prepared.issues);
    await removeStaleQpdfTemp();
    staging = await createStaging(options.outDir, ANNEX_FILE_TITLE);
    await removeOldAnnexStaging(options.outDir);
    const ctx = produceContext(prepared, staging.bundleDir, ANNEX_KINDS, { ...options, timings });
    const written: WrittenFile[] = [];
    for (const artifact of prepared.plan.artifacts) {
      const made = await produce(ctx, artifact, written);
      issues.push(...made.issues);
      if (hasErrors(made.issues)) return { ok: false, files: [], issues };
      written.push(made.written);
    }
    const names = written.map((w) => w.artifact.path);
    const published = await commitFiles(staging, options.outDir, names, (name) => ANNEX_FILE.test(name));
    staging = undefined;
    return { ok: true, files: written.map((w, k) => ({ file: published[k]!, written: w })), issues };
  } catch (e) {
    if (staging) await abortStaging(staging);
    staging = undefined;
    const problem = await saveProblemIssue(e, options.outDir, spaceNeeded(data.evidence.reduce((n, f) => n + f.bytes, 0)));
    if (!problem) throw e;
    return { ok: false, files: [], issues: [...issues, problem] };
  } finally {
    if (staging) await abortStaging(staging);
  }
}
