import { constants, createWriteStream, mkdirSync } from 'node:fs';
import { copyFile, link } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { displayPath } from '../common/index.ts';
import { fingerprintOf, statExact, withoutCtime } from '../files/index.ts';
import { hashOf } from '../files/index.ts';
import { copyFileHashed } from '../files/index.ts';
import { hasErrors, InternalError, type Issue } from '../model/index.ts';
import type { ManifestFile } from '../model/index.ts';
import type { BuiltInSource, PlannedArtifact, WrittenFile } from '../artifacts/index.ts';
import { nextPage, type ArtifactKind, type Rendered } from '../artifacts/index.ts';
import type { PreviousBundle, ProduceContext, Settled } from './context.ts';

export interface Produced {
  readonly written: WrittenFile;
  readonly reused: boolean;
  readonly issues: readonly Issue[];
  /** absent when the file's bytes were not all seen (a copy from a zip), or on error */
  readonly settled?: Settled;
}

type EvidenceSource = Extract<BuiltInSource, { kind: 'evidence' }>;

function isEvidence(artifact: PlannedArtifact): artifact is PlannedArtifact<EvidenceSource> {
  return artifact.source.kind === 'evidence';
}

function target(ctx: ProduceContext, artifact: PlannedArtifact): string {
  const file = path.join(ctx.bundleDir, ...artifact.path.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
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

/** The same file in the previous bundle, when its inputs are unchanged and its kind says it still fits here. */
export function reusable(ctx: ProduceContext, kind: ArtifactKind, artifact: PlannedArtifact, produced: readonly WrittenFile[]): ManifestFile | undefined {
  const old = ctx.previous?.files.get(artifact.path);
  if (!old || old.inputHash !== artifact.inputHash || old.role !== artifact.role) return undefined;
  if (kind.reusable && !kind.reusable(artifact, old, { input: ctx.render, produced, startPage: nextPage(produced) })) return undefined;
  return old;
}

/**
 * Makes one artifact of the plan in the staging folder: by its kind's renderer, copied from the evidence
 * folder, or, when revising with unchanged inputs, copied byte for byte from the previous bundle.
 * `produced`: the files made before it, in plan order (what a response document or changes.json cites).
 */
export async function produce(ctx: ProduceContext, artifact: PlannedArtifact, produced: readonly WrittenFile[]): Promise<Produced> {
  const kind = ctx.kinds.get(artifact.source.kind);
  if (!kind) throw new InternalError(`没有登记“${artifact.source.kind}”类产物的生成方法（${artifact.path}）`);
  const began = performance.now();
  try {
    const old = reusable(ctx, kind, artifact, produced);
    if (old && ctx.previous) return await reuse(ctx, artifact, old);
    if (kind.render === 'copy') {
      if (!isEvidence(artifact)) throw new InternalError(`${artifact.path} 不是佐证材料原件，不能原样复制`);
      return await copyEvidence(ctx, artifact);
    }
    return await renderWith(ctx, kind, artifact, produced);
  } finally {
    ctx.timings[kind.stage] = (ctx.timings[kind.stage] ?? 0) + (performance.now() - began);
  }
}

/** An unchanged file of the previous revision, put in place as it was. */
async function reuse(ctx: ProduceContext, artifact: PlannedArtifact, old: ManifestFile): Promise<Produced> {
  // an original reused from the previous revision must still be what was hashed (and rendered) this time
  if (isEvidence(artifact) && !(await evidenceSteady(ctx, artifact.source.evidenceId, artifact.source.absPath))) {
    return { written: { artifact, sha256: old.sha256, bytes: old.bytes }, reused: false, issues: [evidenceChanged(artifact.source.evidenceId, artifact.source.absPath)] };
  }
  const { settled, issue } = await reuseFile(ctx.previous!, old.path, target(ctx, artifact));
  const kept = { ...(old.pages ? { pages: old.pages } : {}), ...(old.contents ? { contents: old.contents } : {}) };
  const written = { artifact, sha256: old.sha256, bytes: old.bytes, ...kept, reused: true };
  if (issue) return { written, reused: true, issues: [issue] };
  return { written, reused: true, issues: [], ...(settled ? { settled } : {}) };
}

/**
 * An original copied into 原始材料/: the copy must hold the bytes hashed at the start (and rendered into the
 * annex since), so the source file may not change between hashing and the end of the copy.
 */
async function copyEvidence(ctx: ProduceContext, artifact: PlannedArtifact<EvidenceSource>): Promise<Produced> {
  const { evidenceId, absPath } = artifact.source;
  const file = target(ctx, artifact);
  const written = { artifact, sha256: artifact.inputs.file ?? '', bytes: ctx.render.data.evidence.find((e) => e.id === evidenceId)!.bytes };
  const changed = evidenceChanged(evidenceId, absPath);
  if (!(await evidenceSteady(ctx, evidenceId, absPath))) return { written, reused: false, issues: [changed] };
  // the sha256 the manifest gives may come from the fingerprint store, not from reading the file: the bytes
  // copied are hashed as they are copied (on a thread of their own) and must be it
  const { sha256: copied } = await copyFileHashed(absPath, file);
  if (!(await evidenceSteady(ctx, evidenceId, absPath))) return { written, reused: false, issues: [changed] };
  if (copied !== written.sha256) {
    return {
      written, reused: false,
      issues: [changedIssue(displayPath(absPath), `佐证材料 ${evidenceId} 复制进材料包后的内容与记录的 sha256 不符（应为 ${written.sha256.slice(0, 12)}…，复制所得为 ${copied?.slice(0, 12)}…），材料包未生成`, '删除输出文件夹中的 .eco-dossier 文件夹（文件指纹记录）后重新运行；再次出现时请检查磁盘是否有故障')],
    };
  }
  return { written, reused: false, issues: [], settled: { info: await statExact(file) } };
}

/** An artifact made by its kind's renderer, which writes the file and says what it wrote. */
async function renderWith(ctx: ProduceContext, kind: ArtifactKind, artifact: PlannedArtifact, produced: readonly WrittenFile[]): Promise<Produced> {
  const file = target(ctx, artifact);
  const previousFile = ctx.previous?.files.get(artifact.path);
  const rendered: Rendered = await (kind.render as Exclude<ArtifactKind['render'], 'copy'>)(artifact.source, {
    input: ctx.render, outFile: file, produced, startPage: nextPage(produced), allowMissing: ctx.allowMissing,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.previous ? { previous: ctx.previous.files } : {}),
    ...(previousFile ? { previousFile } : {}),
    evidenceFingerprints: ctx.evidenceFingerprints,
    ...(ctx.cacheDir ? { cacheDir: ctx.cacheDir } : {}),
  });
  const issues = rendered.issues ?? [];
  if (hasErrors(issues)) return { written: { artifact, sha256: '', bytes: 0 }, reused: false, issues };
  const made = rendered.inputs ? { ...artifact, inputs: { ...rendered.inputs }, inputHash: hashOf(rendered.inputs) } : artifact;
  const pages = { ...(rendered.pages ? { pages: rendered.pages } : {}), ...(rendered.contents ? { contents: rendered.contents } : {}) };
  // the renderer hashed the bytes as it wrote them: trust the file's stat only if it holds still meanwhile
  const before = await statExact(file);
  const written: WrittenFile = { artifact: made, sha256: rendered.sha256, bytes: rendered.size, ...pages };
  const after = await statExact(file);
  return { written, reused: false, issues, ...(fingerprintOf(after) === fingerprintOf(before) ? { settled: { info: after } } : {}) };
}
