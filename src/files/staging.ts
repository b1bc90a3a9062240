import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A bundle is written into a hidden folder beside its target and moved into place at the end, so an
 * error, a full disk or Ctrl-C leaves the previous bundle as it was and no half-written one.
 */
export interface Staging {
  readonly root: string;
  /** where the bundle folder is written */
  readonly bundleDir: string;
  /** where its zip is written */
  readonly zipFile: string;
}

const active = new Set<string>();

const stagingPrefix = (name: string) => `.${name}.staging-`;

export async function createStaging(outDir: string, name: string): Promise<Staging> {
  await mkdir(outDir, { recursive: true });
  // leftovers of a run that was killed outright (no chance to clean up): a previous bundle moved aside
  // but never replaced is put back; half-written staging folders go
  for (const entry of (await readdir(outDir)).sort()) {
    const full = path.join(outDir, entry);
    if (entry.startsWith(`.${name}.old-`)) {
      if (!existsSync(path.join(outDir, name))) await rename(full, path.join(outDir, name));
      else await rm(full, { recursive: true, force: true });
    } else if (entry.startsWith(stagingPrefix(name))) await rm(full, { recursive: true, force: true });
  }
  const root = path.join(outDir, `${stagingPrefix(name)}${randomBytes(4).toString('hex')}`);
  await mkdir(path.join(root, name), { recursive: true });
  active.add(root);
  return { root, bundleDir: path.join(root, name), zipFile: path.join(root, `${name}.zip`) };
}

export async function abortStaging(staging: Staging): Promise<void> {
  await rm(staging.root, { recursive: true, force: true });
  active.delete(staging.root);
}

/** For a signal handler: removes every staging folder of this process, synchronously. */
export function abortAllStagingSync(): void {
  for (const root of active) rmSync(root, { recursive: true, force: true });
  active.clear();
}

/** Moves the staged folder and zip into place: the old folder aside, the new one in, the zip over the old zip. */
export async function commitStaging(staging: Staging, outDir: string, name: string, zipName = `${name}.zip`): Promise<{ bundleDir: string; zip: string }> {
  const bundleDir = path.join(outDir, name);
  const zip = path.join(outDir, zipName);
  const aside = path.join(outDir, `.${name}.old-${randomBytes(4).toString('hex')}`);
  const hadOld = existsSync(bundleDir);
  if (hadOld) await rename(bundleDir, aside);
  try {
    await rename(staging.bundleDir, bundleDir);
  } catch (e) {
    if (hadOld) await rename(aside, bundleDir);
    throw e;
  }
  try {
    await rename(staging.zipFile, zip);
  } catch (e) {
    // the zip could not be put in place (locked, say): undo the folder swap so folder and zip still match
    await rename(bundleDir, staging.bundleDir);
    if (hadOld) await rename(aside, bundleDir);
    throw e;
  }
  if (hadOld) await rm(aside, { recursive: true, force: true });
  await abortStaging(staging);
  return { bundleDir, zip };
}
