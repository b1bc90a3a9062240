import { CHECKSUM_FILE, MANIFEST_FILE, type Manifest } from '../model/index.ts';
import { checksumText } from './manifest.ts';

/**
 * A revision's changes-only package (what revise zips by default, as an eCTD sequence carries only its
 * new and replaced documents): every file of the revision except those unchanged since the previous one,
 * plus manifest.json, which still lists every file, and a checksum file for just the files carried.
 * Together with the previous revision's bundle it is the whole revision.
 */
export interface ChangesPackage {
  /** paths carried, relative to the bundle folder, manifest.json and the checksum file included */
  readonly carried: readonly string[];
  /** paths left in the previous revision (op `unchanged`) */
  readonly omitted: readonly string[];
  /** the package's manifest-sha256.txt: the carried files and manifest.json */
  readonly checksumText: string;
}

/** undefined for a first revision (nothing to leave out), else what a changes-only package of it holds. */
export function changesPackage(manifest: Manifest, manifestSha256: string): ChangesPackage | undefined {
  if (!manifest.changes) return undefined;
  const unchanged = new Set(manifest.changes.filter((c) => c.op === 'unchanged').map((c) => c.path));
  const files = manifest.files.filter((f) => !unchanged.has(f.path));
  return {
    carried: [...files.map((f) => f.path), MANIFEST_FILE, CHECKSUM_FILE],
    omitted: [...unchanged],
    checksumText: checksumText({ ...manifest, files }, manifestSha256),
  };
}
