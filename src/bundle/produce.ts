import { constants } from 'node:fs';
import { copyFile, link, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { InternalError, type Issue } from '../model/issue.ts';
import type { ManifestFile } from '../model/manifest.ts';
import type { WrittenFile } from '../package/manifest.ts';
import { sha256, sha256File } from '../files/hash.ts';
import { fingerprintOf, statExact, withoutCtime } from '../files/fingerprints.ts';
import { displayPath } from '../common/display-path.ts';
import type { PlannedArtifact } from '../plan/bundle-plan.ts';
import { renderAnnexVolume, type AnnexVolumePlan } from '../render/annex/index.ts';
import type { PreviousBundle, ProduceContext, Settled } from './context.ts';
import { keptNumbers, noteVolume, refersToRerendered } from './annex-reuse.ts';
import { renderReport } from '../render/report/index.ts';
import { renderTaskTable } from '../render/table/index.ts';

export interface Produced {
  readonly written: WrittenFile;
  readonly reused: boolean;
  readonly issues: readonly Issue[];
  /** absent when the file's bytes were not all seen (a copy from a zip), or on error */
  readonly settled?: Settled;
}

const STAGE_OF: Record<PlannedArtifact['source']['kind'], string> = {
  report: 'report', 'task-table': 'table', 'annex-volume': 'annex', evidence: 'evidence', readme: 'readme', written: 'revision',
};

function target(ctx: ProduceContext, artifact: PlannedArtifact): string {
  const file = path.join(ctx.bundleDir, ...artifact.path.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

async function writeBytes(ctx: ProduceContext, artifact: PlannedArtifact, bytes: Uint8Array): Promise<Produced> {
  const file = target(ctx, artifact);
  await writeFile(file, bytes);
  return { written: { artifact, sha256: sha256(bytes), bytes: bytes.length }, reused: false, issues: [], settled: { info: await statExact(file) } };
}

const changedIssue = (file: string, message: string, hint: string): Issue => ({ code: 'changed-during-build', severity: 'error', file, path: [], message, hint });

/**
 * Puts an unchanged file of the previous bundle into the new one: a hard link when the previous bundle is a
 * folder on the same disk (bundles are never edited in place; verify would tell), else a copy. A folder's
 * file must still be as verify accepted it.
 */
export async function reuseFile(previous: PreviousBundle, rel: string, to: string): Promise<{ settled?: Settled; issue?: Issue }> {
  const from = previous.reader.pathOf?.(rel);
  if (!from) {
    await pipeline(await previous.reader.open(rel), createWriteStream(to));
    return {};
  }
  const changed = changedIssue(from, `上一版材料包中的 ${rel} 在修订过程中被改动`, '上一版材料包是已报送的版本，请勿改动；恢复原文件后重新运行 revise');
  // verify accepted it with this fingerprint (a file it did not accept, e.g. one that changed while read, is not reused)
  const accepted = previous.accepted?.get(rel);
  if (previous.accepted && (accepted === undefined || fingerprintOf(await statExact(from)) !== accepted)) return { issue: changed };
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to, constants.COPYFILE_FICLONE);
    return {};
  }
  if (accepted === undefined) return {};
  // the link changed the shared inode's ctime, nothing else may have changed: this stat is both paths' now
  const info = await statExact(to);
  if (withoutCtime(fingerprintOf(info)) !== withoutCtime(accepted)) return { issue: changed };
  return { settled: { info, previousPath: from } };
}

/** An evidence file still has the fingerprint it was hashed with (so the bytes rendered and copied are those hashed). */
async function evidenceSteady(ctx: ProduceContext, id: string, absPath: string): Promise<boolean> {
  const hashedAs = ctx.evidenceFingerprints.get(id);
  const info = await statExact(absPath).catch(() => undefined);
  return hashedAs !== undefined && info !== undefined && fingerprintOf(info) === hashedAs;
}

const evidenceChanged = (id: string, absPath: string): Issue =>
  changedIssue(displayPath(absPath), `佐证材料 ${id} 的文件在生成过程中被改动，材料包未生成`, '等文件不再变化（扫描、复制或同步完成）后重新运行');

/** The same file in the previous bundle, when its inputs are unchanged (annex: also its first page number). */
export function reusable(ctx: ProduceContext, artifact: PlannedArtifact, startPage?: number): ManifestFile | undefined {
  const old = ctx.previous?.files.get(artifact.path);
  if (!old || old.inputHash !== artifact.inputHash || old.role !== artifact.role) return undefined;
  if (startPage !== undefined && old.pages?.first !== startPage) return undefined;
  return old;
}

/**
 * Makes one artifact of the plan in the staging folder: rendered, copied from the evidence folder,
 * or, when revising with unchanged inputs, copied byte for byte from the previous bundle.
 */
export async function produce(ctx: ProduceContext, artifact: PlannedArtifact, startPage = 1): Promise<Produced> {
  const began = performance.now();
  const stage = STAGE_OF[artifact.source.kind];
  try {
    const isAnnex = artifact.source.kind === 'annex-volume';
    const old = reusable(ctx, artifact, isAnnex ? startPage : undefined);
    if (old && ctx.previous && !(isAnnex && refersToRerendered(ctx, artifact))) {
      // an original reused from the previous revision must still be what was hashed (and rendered) this time
      if (artifact.source.kind === 'evidence' && !(await evidenceSteady(ctx, artifact.source.evidenceId, artifact.source.absPath))) {
        return { written: { artifact, sha256: old.sha256, bytes: old.bytes }, reused: false, issues: [evidenceChanged(artifact.source.evidenceId, artifact.source.absPath)] };
      }
      const { settled, issue } = await reuseFile(ctx.previous, old.path, target(ctx, artifact));
      const kept = { ...(old.pages ? { pages: old.pages } : {}), ...(old.contents ? { contents: old.contents } : {}) };
      const written = { artifact, sha256: old.sha256, bytes: old.bytes, ...kept };
      if (issue) return { written, reused: true, issues: [issue] };
      if (isAnnex) noteVolume(ctx, artifact, written, false);
      return { written, reused: true, issues: [], ...(settled ? { settled } : {}) };
    }
    const source = artifact.source;
    switch (source.kind) {
      case 'report':
        return writeBytes(ctx, artifact, await renderReport(ctx.render));
      case 'task-table':
        return writeBytes(ctx, artifact, await renderTaskTable(ctx.render, { withStatus: true }));
      case 'readme':
        return writeBytes(ctx, artifact, Buffer.from(source.text, 'utf8'));
      case 'evidence': {
        // the copy must hold the bytes hashed at the start (and rendered into the annex since): the source
        // file may not change between hashing and the end of the copy
        const file = target(ctx, artifact);
        const written = { artifact, sha256: artifact.inputs.file ?? '', bytes: ctx.render.data.evidence.find((e) => e.id === source.evidenceId)!.bytes };
        const changed = evidenceChanged(source.evidenceId, source.absPath);
        if (!(await evidenceSteady(ctx, source.evidenceId, source.absPath))) return { written, reused: false, issues: [changed] };
        await copyFile(source.absPath, file, constants.COPYFILE_FICLONE);
        if (!(await evidenceSteady(ctx, source.evidenceId, source.absPath))) return { written, reused: false, issues: [changed] };
        return { written, reused: false, issues: [], settled: { info: await statExact(file) } };
      }
      case 'annex-volume': {
        const file = target(ctx, artifact);
        const volume = source.volume as AnnexVolumePlan;
        const kept = keptNumbers(ctx, artifact, volume, startPage);
        const result = await renderAnnexVolume(ctx.render, volume, {
          startPage, ...(kept ? { kept } : {}), earlier: ctx.annex.earlier, outFile: file, allowMissing: ctx.allowMissing, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
        });
        if (result.issues.some((i) => i.severity === 'error')) return { written: { artifact, sha256: '', bytes: 0 }, reused: false, issues: result.issues };
        const before = await statExact(file);
        const written: WrittenFile = {
            artifact, sha256: await sha256File(file), bytes: result.bytes,
            pages: {
              first: result.firstPage, last: result.lastPage, count: result.pages,
              ...(result.inserted ? { inserted: result.inserted } : {}),
              ...(result.lastPrinted !== `${result.lastPage}` ? { lastPrinted: result.lastPrinted } : {}),
            },
            contents: result.indicators.map((i) => ({ indicator: i.no, firstPage: i.firstPage, lastPage: i.lastPage, evidence: i.evidence.map((e) => ({ ...e })) })),
        };
        noteVolume(ctx, artifact, written, true);
        const after = await statExact(file);
        return { written, reused: false, issues: result.issues, ...(fingerprintOf(after) === fingerprintOf(before) ? { settled: { info: after } } : {}) };
      }
      default:
        throw new InternalError(`未知的产物类型 ${(source as { kind: string }).kind}`);
    }
  } finally {
    ctx.timings[stage] = (ctx.timings[stage] ?? 0) + (performance.now() - began);
  }
}
