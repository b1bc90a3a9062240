import type { ProgressListener } from '../common/index.ts';
import { hashOf } from '../files/index.ts';
import { InternalError, type Issue } from '../model/index.ts';
import type { ManifestFile } from '../model/index.ts';
import type { ArtifactPlanner, ArtifactSource, BuiltInSource, WrittenFile } from './artifact.ts';
import { ANNEX, CHANGES, CHECK_SCRIPTS, EVIDENCE, README, REPORT, REQUEST, RESPONSE, TASK_TABLE } from './planners.ts';
import { checkScriptBytes } from './check-scripts/scripts.ts';
import { compareFiles } from './changes/compare.ts';
import type { RenderInput } from './render-input.ts';
import { renderAnnexVolume, type AnnexVolumePlan, type EarlierVolume } from './annex/index.ts';
import type { KeptNumbers } from './annex/page-book.ts';
import { renderReport } from './report/index.ts';
import { renderRequest } from './request/index.ts';
import { renderResponse } from './response/index.ts';
import { renderTaskTable, type EvidenceLocations } from './task-table/index.ts';

/**
 * One way to make an artifact: every kind of file a bundle holds is a planner (artifacts/artifact.ts: which
 * files, their paths and inputs) paired here with a renderer of one signature. Adding an artifact is one
 * renderer plus one line in ARTIFACT_KINDS (tests/artifacts/registry.test.ts adds one).
 */

/** What a renderer may use besides its artifact's source. It never reads the project folder itself. */
export interface RenderContext {
  readonly input: RenderInput;
  /** where the artifact goes: a renderer whose output is too large to hold (an annex volume) writes it there */
  readonly outFile: string;
  /** the files of this bundle produced before this one, in plan order */
  readonly produced: readonly WrittenFile[];
  /** the first page number, for paginated artifacts (annex volumes number on from the previous one) */
  readonly startPage: number;
  readonly allowMissing: boolean;
  readonly onProgress?: ProgressListener;
  /** annex volumes: the numbers a revision keeps, and where the volumes before put shared evidence */
  readonly annex?: { readonly kept?: KeptNumbers; readonly earlier: readonly EarlierVolume[] };
  /** the previous revision's files, by path (a revision only) */
  readonly previous?: ReadonlyMap<string, ManifestFile>;
  /** evidence id → its file's fingerprint when it was hashed (a bundle's build): what a renderer reading evidence must find */
  readonly evidenceFingerprints?: ReadonlyMap<string, string | undefined>;
}

/**
 * A renderer's output: the bytes, or (`bytes` absent) the file it wrote at `outFile` itself. `inputs`: the
 * final inputs of an artifact whose content cites the others. `pages`/`contents`: an annex volume's.
 */
export interface Rendered {
  readonly bytes?: Uint8Array;
  readonly size?: number;
  /** the sha256 of the file the renderer wrote itself, taken from the bytes as they were written */
  readonly sha256?: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly pages?: ManifestFile['pages'];
  readonly contents?: ManifestFile['contents'];
  readonly issues?: readonly Issue[];
}

export type Renderer<S extends ArtifactSource = ArtifactSource> = (source: S, ctx: RenderContext) => Promise<Rendered>;

/** A kind of artifact: how it is planned, and how its bytes come to be (rendered, or an original copied as it is). */
export interface ArtifactKind<S extends ArtifactSource = ArtifactSource> extends ArtifactPlanner<S> {
  readonly render: Renderer<S> | 'copy';
}

type Built<K extends BuiltInSource['kind']> = Extract<BuiltInSource, { kind: K }>;

const request: Renderer<Built<'request'>> = async (source, ctx) => ({ bytes: await renderRequest(ctx.input, source.volumes) });

const report: Renderer<Built<'report'>> = async (_s, ctx) => ({ bytes: await renderReport(ctx.input) });

/** 材料清单 in the bundle says where each item is: the originals' paths and the annex pages, made before it. */
const taskTable: Renderer<Built<'task-table'>> = async (_s, ctx) => ({ bytes: await renderTaskTable(ctx.input, { withStatus: true, locations: evidenceLocations(ctx.produced) }) });

export function evidenceLocations(produced: readonly WrittenFile[]): EvidenceLocations {
  const paths = new Map<string, string>();
  const pages = new Map<string, { volume: number; volumes: number; page: number }>();
  for (const w of produced) {
    const source = w.artifact.source as BuiltInSource;
    if (source.kind === 'evidence') paths.set(source.evidenceId, w.artifact.path);
    if (source.kind !== 'annex-volume') continue;
    for (const section of w.contents ?? []) {
      for (const e of section.evidence) {
        pages.set(`${section.indicator}:${e.id}`, { volume: source.volume.no, volumes: source.volume.total, page: e.firstPage });
      }
    }
  }
  return { paths, pages };
}

const annexVolume: Renderer<Built<'annex-volume'>> = async (source, ctx) => {
  const result = await renderAnnexVolume(ctx.input, source.volume as AnnexVolumePlan, {
    startPage: ctx.startPage, outFile: ctx.outFile, allowMissing: ctx.allowMissing, earlier: ctx.annex?.earlier ?? [],
    ...(ctx.annex?.kept ? { kept: ctx.annex.kept } : {}), ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.evidenceFingerprints ? { hashedAs: ctx.evidenceFingerprints } : {}),
  });
  return {
    size: result.bytes,
    sha256: result.sha256,
    issues: result.issues,
    pages: {
      first: result.firstPage, last: result.lastPage, count: result.pages,
      ...(result.inserted ? { inserted: result.inserted } : {}),
      ...(result.lastPrinted !== `${result.lastPage}` ? { lastPrinted: result.lastPrinted } : {}),
    },
    contents: result.indicators.map((i) => ({ indicator: i.no, firstPage: i.firstPage, lastPage: i.lastPage, evidence: i.evidence.map((e) => ({ ...e })) })),
  };
};

const checkScript: Renderer<Built<'check-script'>> = async (source) => ({ bytes: checkScriptBytes(source.which) });

const readme: Renderer<Built<'readme'>> = async (source) => ({ bytes: Buffer.from(source.text, 'utf8') });

const response: Renderer<Built<'response'>> = async (source, ctx) => {
  // without a new round the previous document is carried over: planned with its inputs, it is always reused
  if (!source.answer) throw new InternalError('上一版的补充材料说明应沿用原文件，却要求重新生成');
  const { bytes, inputs, issues } = await renderResponse(
    { render: ctx.input, written: ctx.produced, answer: source.answer, previous: source.previous.manifest }, ctx.outFile, source.path,
  );
  return { bytes, inputs, issues };
};

const changes: Renderer<Built<'changes'>> = async (source, ctx) => {
  const list = compareFiles(source.previousFiles, ctx.produced.map((w) => ({ path: w.artifact.path, sha256: w.sha256 })));
  const text = `${JSON.stringify(list, null, 2)}\n`;
  return { bytes: Buffer.from(text, 'utf8'), inputs: { text: hashOf(text) } };
};

/**
 * Pairs a planner with its renderer; the two agree on the source type here, where it is checked, and the
 * pair is kept with the source type erased (the renderer is only ever called with its own planner's sources).
 */
export function artifactKind<S extends ArtifactSource>(planner: ArtifactPlanner<S>, render: Renderer<S> | 'copy'): ArtifactKind {
  return { ...planner, render } as unknown as ArtifactKind;
}

/** Every kind of artifact, in the order a bundle is produced. */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  artifactKind(REQUEST, request),
  artifactKind(REPORT, report),
  artifactKind(ANNEX, annexVolume),
  artifactKind(EVIDENCE, 'copy'),
  // after the annex and the originals: its 材料清单 gives their pages and paths
  artifactKind(TASK_TABLE, taskTable),
  artifactKind(CHECK_SCRIPTS, checkScript),
  artifactKind(README, readme),
  artifactKind(RESPONSE, response),
  artifactKind(CHANGES, changes),
];
