import type { Eligibility } from '../judge/index.ts';
import type { ProgressListener } from '../common/index.ts';
import type { FingerprintStore } from '../files/index.ts';
import type { Issue } from '../model/index.ts';
import type { Manifest } from '../model/index.ts';
import type { ResponseAnswer } from '../artifacts/index.ts';
import type { ArtifactKind } from '../artifacts/index.ts';
import type { PreviousBundle } from './context.ts';

export interface BuildOptions {
  /** folder the bundle folder and zip go into (default out/) */
  readonly outDir: string;
  readonly allowMissing?: boolean;
  /** write the report even when a narrative part it uses has no text (the part is left out; a warning) */
  readonly allowMissingNarrative?: boolean;
  /** annex volume size limit in MB; 0 = one volume */
  readonly maxVolumeMb?: number;
  readonly revision?: number;
  /**
   * read every evidence file (and, in revise, every file of the previous bundle) instead of trusting the
   * fingerprints recorded when this tool last hashed or wrote them (see files/fingerprints.ts)
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
  /** revise: refuse (issue revise-no-change) a revision whose files are all those of the previous one */
  readonly requireChange?: boolean;
  /** revise: the review rounds the new revision answers (recorded in its manifest) */
  readonly answeredRounds?: readonly number[];
  /** revise: the review round this revision answers (its response document is planned from it) */
  readonly answer?: ResponseAnswer;
  /** the kinds of artifact to plan and make, in order (default: artifacts/registry.ts ARTIFACT_KINDS) */
  readonly artifactKinds?: readonly ArtifactKind[];
}

export interface BuildResult {
  readonly ok: boolean;
  readonly bundleDir?: string;
  readonly zip?: string;
  readonly issues: readonly Issue[];
  readonly manifest?: Manifest;
  /** the bundle in out/ already had exactly this manifest: nothing was replaced */
  readonly unchanged?: boolean;
  /** a draft of the same revision this one replaced, kept beside it (`…-上一稿`) */
  readonly previousDraft?: string;
  /** what the zip carries: every file, or (revise's default) only the files changed since the previous revision */
  readonly zipContents?: 'complete' | 'changes';
  /** files copied unchanged from the previous revision */
  readonly reused: readonly string[];
  /** stage → milliseconds */
  readonly timings: Readonly<Record<string, number>>;
  readonly megabytes: number;
  /** 申报条件, once the project was judged */
  readonly eligibility?: Eligibility;
}

/** Runs a step and adds its time to the stage's total. */
export type StageTimer = <T>(stage: string, fn: () => Promise<T> | T) => Promise<T>;

export function stageTimer(timings: Record<string, number>): StageTimer {
  return async (stage, fn) => {
    const began = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + (performance.now() - began);
    }
  };
}
