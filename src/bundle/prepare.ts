import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashFiles, sha256, type HashedFile } from '../files/index.ts';
import type { FingerprintStore } from '../files/index.ts';
import { judgeProject } from '../load/index.ts';
import type { Issue } from '../model/index.ts';
import type { Manifest } from '../model/index.ts';
import type { ProjectData } from '../model/index.ts';
import type { BundlePlan } from '../artifacts/index.ts';
import { planBundle } from '../artifacts/index.ts';
import type { RenderInput } from '../artifacts/index.ts';
import { ANNEX_FILE_TITLE, annexFileName, DEFAULT_MAX_VOLUME_MB, planAnnexVolumes } from '../artifacts/annex/index.ts';
import { ARTIFACT_KINDS } from '../artifacts/index.ts';
import { templateSet } from '../documents/templates/index.ts';
import { stateDirOf } from '../common/index.ts';
import type { BuildOptions, StageTimer } from './options.ts';
import type { ProduceContext } from './context.ts';
import type { ArtifactKind } from '../artifacts/index.ts';
import { notSaved, storeFor } from './fingerprinting.ts';

/** What producing a bundle starts from: the judged project, its evidence hashed, and the plan. */
export interface Prepared {
  readonly render: RenderInput;
  readonly plan: BundlePlan;
  /** per evidence item, in the project's order: its sha256 and fingerprint when hashed */
  readonly hashed: readonly HashedFile[];
  readonly store: FingerprintStore | undefined;
  /** why the fingerprint store could not be saved, if it could not */
  readonly unsaved: string | undefined;
  readonly issues: readonly Issue[];
  /** evidence bytes in all */
  readonly totalBytes: number;
}

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

/** The indicators of each annex volume of a previous revision, in volume order. */
function previousSplit(manifest: Manifest): number[][] {
  return manifest.files
    .filter((f) => f.role === 'annex' && f.pages)
    .sort((a, b) => a.pages!.first - b.pages!.first)
    .map((f) => [...(f.indicators ?? [])]);
}

/**
 * prepare: judge the project, hash its evidence (trusting the fingerprint store for files untouched since
 * they were last hashed), split the annex into volumes and plan every artifact. Writes nothing into the
 * bundle; saves the fingerprint store.
 */
export async function prepareBundle(data: ProjectData, options: BuildOptions, time: StageTimer): Promise<Prepared> {
  const issues: Issue[] = [];
  const verdicts = await time('judge', () => judgeProject(data));
  const render: RenderInput = { data, verdicts, revision: options.revision ?? 1 };
  // begun now, their outside work (the report's figures) runs while the evidence is hashed
  for (const kind of options.artifactKinds ?? ARTIFACT_KINDS) await kind.begin?.({ input: render, cacheDir: stateDirOf(options.outDir) });
  const totalBytes = data.evidence.reduce((n, e) => n + e.bytes, 0);
  const store = options.fingerprints ?? (await storeFor(options, [path.join(data.dir, 'evidence')]));
  const hashed = await time('hash', () =>
    hashFiles(data.evidence, (done) => options.onProgress?.({ step: '校验佐证材料', done, total: totalBytes }), store),
  );
  const unsaved = await store?.save();
  if (unsaved) issues.push(notSaved(options.outDir, unsaved));
  const evidenceHashes = new Map(data.evidence.map((e, k) => [e.id, hashed[k]!.sha256]));
  const templates = templateSet(data.dir, data.project.templates);
  const volumes = planAnnexVolumes(render, options.maxVolumeMb ?? DEFAULT_MAX_VOLUME_MB, options.previous && previousSplit(options.previous.manifest));
  issues.push(...volumes.issues);
  const plan = planBundle(
    {
      render, evidenceHashes, templatesHash: await hashTemplates(templates.dirs), annexVolumes: volumes.volumes,
      annexFileName: (v) => annexFileName(ANNEX_FILE_TITLE, volumes.volumes.find((x) => x.no === v.no)!),
      ...(options.previous ? { revision: { base: { revision: options.previous.manifest.revision, manifest: options.previous.manifest }, ...(options.answer ? { answer: options.answer } : {}) } } : {}),
    },
    options.artifactKinds ?? ARTIFACT_KINDS,
  );
  return { render, plan, hashed, store, unsaved, issues, totalBytes };
}

/**
 * What producing the prepared artifacts into `bundleDir` shares (bundle/produce.ts): the judged project, the
 * kinds that make them, each evidence file's fingerprint when it was hashed; the same for a bundle and for
 * the annex alone.
 */
export function produceContext(
  prepared: Prepared,
  bundleDir: string,
  kinds: readonly ArtifactKind[],
  options: Pick<BuildOptions, 'allowMissing' | 'onProgress' | 'previous'> & { readonly timings: Record<string, number>; readonly cacheDir?: string },
): ProduceContext {
  const { data } = prepared.render;
  return {
    render: prepared.render, bundleDir, allowMissing: options.allowMissing ?? false, timings: options.timings,
    kinds: new Map(kinds.map((k) => [k.kind, k])),
    evidenceFingerprints: new Map(data.evidence.map((e, k) => [e.id, prepared.hashed[k]!.fingerprint])),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.previous ? { previous: options.previous } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}
