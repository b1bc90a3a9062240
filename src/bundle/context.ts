import type { BigIntStats } from 'node:fs';
import type { ProgressListener } from '../common/index.ts';
import type { BundleReader } from '../files/index.ts';
import type { ManifestFile } from '../model/index.ts';
import type { RenderInput } from '../artifacts/index.ts';
import type { ArtifactKind } from '../artifacts/index.ts';

/** What producing the files of one bundle shares: the judged project, the staging folder, the previous revision. */

/** The previous revision's bundle, when revising: files whose inputs did not change are copied from it. */
export interface PreviousBundle {
  readonly reader: BundleReader;
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** a folder's files as verify found them right (path → fingerprint): a file changed since is not reused */
  readonly accepted?: ReadonlyMap<string, string>;
}

export interface ProduceContext {
  readonly render: RenderInput;
  readonly bundleDir: string;
  readonly allowMissing: boolean;
  readonly previous?: PreviousBundle;
  readonly onProgress?: ProgressListener;
  /** stage name → milliseconds, filled as artifacts are produced */
  readonly timings: Record<string, number>;
  /** how each kind of artifact is made (artifacts/registry.ts), by kind */
  readonly kinds: ReadonlyMap<string, ArtifactKind>;
  /** evidence id → its file's fingerprint when it was hashed (undefined: it changed while being read) */
  readonly evidenceFingerprints: ReadonlyMap<string, string | undefined>;
  /** the output folder's state, where a renderer may keep what it made for the next run (RenderContext.cacheDir) */
  readonly cacheDir?: string;
}

/**
 * A produced file's stat taken right after it was written, while its bytes are known to be those its
 * sha256 describes: what the fingerprint store may record. `previousPath`: the previous revision's file
 * it is a hard link of (same inode, so the same stat).
 */
export interface Settled {
  readonly info: BigIntStats;
  readonly previousPath?: string;
}

