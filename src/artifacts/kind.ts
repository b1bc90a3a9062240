import { writeFile } from 'node:fs/promises';
import type { ProgressListener } from '../common/index.ts';
import { sha256 } from '../files/index.ts';
import type { Issue, ManifestFile } from '../model/index.ts';
import type { ArtifactPlanner, ArtifactSource, PlannedArtifact, WrittenFile } from './artifact.ts';
import type { RenderInput } from './render-input.ts';

/**
 * One way to make an artifact: every kind of file a bundle holds is a planner (which files, their paths and
 * inputs) paired with a renderer of one signature, in one file per kind (artifacts/<kind>/kind.ts). A
 * renderer writes its file at `outFile` itself (bytes through `writeRendered`, a large file such as an
 * annex volume as it is laid out) and says what it wrote. Adding an artifact is one kind plus one line in
 * ARTIFACT_KINDS (tests/artifacts/registry.test.ts adds one).
 */

/** What a renderer may use besides its artifact's source. It never reads the project folder itself. */
export interface RenderContext {
  readonly input: RenderInput;
  /** where the artifact goes: the renderer writes it there */
  readonly outFile: string;
  /** the files of this bundle produced before this one, in plan order */
  readonly produced: readonly WrittenFile[];
  /** the first page number, for paginated artifacts: one after the last page of the paginated files before it */
  readonly startPage: number;
  readonly allowMissing: boolean;
  readonly onProgress?: ProgressListener;
  /** the previous revision's files, by path (a revision only) */
  readonly previous?: ReadonlyMap<string, ManifestFile>;
  /** the previous revision's file at this artifact's path (a revision only) */
  readonly previousFile?: ManifestFile;
  /** evidence id → its file's fingerprint when it was hashed (a bundle's build): what a renderer reading evidence must find */
  readonly evidenceFingerprints?: ReadonlyMap<string, string | undefined>;
  /**
   * the output folder's state (a bundle's build): a renderer may keep there, in a folder of its own, what it
   * can make again and would make the same (the report's drawn figures), to take it from there next time
   */
  readonly cacheDir?: string;
}

/**
 * What a renderer wrote at `outFile`: its sha256 and size, taken from the bytes as they were written.
 * `inputs`: the final inputs of an artifact whose content cites the others. `pages`/`contents`: a
 * paginated artifact's. With an error among `issues` nothing usable was written.
 */
export interface Rendered {
  readonly sha256: string;
  readonly size: number;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly pages?: ManifestFile['pages'];
  readonly contents?: ManifestFile['contents'];
  readonly issues?: readonly Issue[];
}

export type Renderer<S extends ArtifactSource = ArtifactSource> = (source: S, ctx: RenderContext) => Promise<Rendered>;

/** What deciding on reuse may look at: the judged project and the files produced before in this run. */
export interface ReuseContext {
  readonly input: RenderInput;
  readonly produced: readonly WrittenFile[];
  readonly startPage: number;
}

/** What beginning a render may use: the judged project and the output folder's state. */
export type BeginContext = Pick<RenderContext, 'input' | 'cacheDir'>;

/** A kind of artifact: how it is planned, and how its bytes come to be (rendered, or an original copied as it is). */
export interface ArtifactKind<S extends ArtifactSource = ArtifactSource> extends ArtifactPlanner<S> {
  readonly render: Renderer<S> | 'copy';
  /**
   * A revision reuses the previous revision's file when its inputs are unchanged; a kind whose file also
   * depends on what was produced before it in this run (an annex volume's first page) says here whether the
   * previous file still fits. Absent: it does.
   */
  readonly reusable?: (artifact: PlannedArtifact<S>, previous: ManifestFile, ctx: ReuseContext) => boolean;
  /**
   * Work its render can start as soon as the project is judged, done outside this thread (the report's
   * figures, drawn in a process of their own while the evidence is hashed). Throws what the render would
   * throw at its start (a template error), so a build stops before it makes anything.
   */
  readonly begin?: (ctx: BeginContext) => Promise<void>;
}

/**
 * Pairs a planner with its renderer; the two agree on the source type here, where it is checked, and the
 * pair is kept with the source type erased (the renderer is only ever called with its own planner's sources).
 */
export function artifactKind<S extends ArtifactSource>(
  planner: ArtifactPlanner<S>,
  render: Renderer<S> | 'copy',
  more: ArtifactKind<S>['reusable'] | Pick<ArtifactKind<S>, 'reusable' | 'begin'> = {},
): ArtifactKind {
  // a function alone is `reusable`, as this took it before a kind could also `begin`
  const extra = typeof more === 'function' ? { reusable: more } : more;
  return { ...planner, render, ...extra } as unknown as ArtifactKind;
}

/** Writes a renderer's bytes to its file and says what was written. */
export async function writeRendered(ctx: Pick<RenderContext, 'outFile'>, bytes: Uint8Array, more: Omit<Rendered, 'sha256' | 'size'> = {}): Promise<Rendered> {
  await writeFile(ctx.outFile, bytes);
  return { sha256: sha256(bytes), size: bytes.length, ...more };
}

/** The first page of a paginated artifact made after `produced`: one after the last page numbered so far. */
export function nextPage(produced: readonly WrittenFile[]): number {
  for (let k = produced.length - 1; k >= 0; k--) {
    const pages = produced[k]!.pages;
    if (pages) return pages.last + 1;
  }
  return 1;
}
