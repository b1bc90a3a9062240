import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { renameHeld as rename } from './held.ts';
import { lockOut, notWritable, processAlive, type OutLock } from './out-lock.ts';
import { stateDirOf } from '../common/index.ts';

/**
 * A bundle is written into a hidden folder beside its target and moved into place at the end, so an
 * error, a full disk or Ctrl-C leaves the previous bundle as it was and no half-written one.
 *
 * Moving into place is journalled (`<out>/.eco-dossier.commit.json`, written before the first rename):
 * the zip is replaced in one rename (a complete zip, old or new, is there at every instant), then the
 * folder is swapped. A run killed anywhere in between leaves a complete bundle under its name (the old
 * one, or the new zip) and the journal; the next run in that output folder completes the move before
 * anything else. One run at a time holds the output folder (out-lock.ts). Every rename waits for a moment
 * when Windows holds a fresh file (antivirus, the search indexer: held.ts) before it gives up.
 */
export interface Staging {
  readonly root: string;
  /** where the bundle folder is written */
  readonly bundleDir: string;
  /** where its zip is written */
  readonly zipFile: string;
  /** the output folder's lock, held from creation until committed or aborted */
  readonly lock?: OutLock;
}

const active = new Set<string>();

/**
 * Told this thread's staging folders each time they change: a command run on a thread of its own
 * (cli/command-thread.ts) passes them on to the main thread, which is the one that receives Ctrl-C.
 */
export const stagingWatch: { onChange?: (roots: readonly string[]) => void } = {};

function track(root: string, on: boolean): void {
  if (on) active.add(root);
  else active.delete(root);
  stagingWatch.onChange?.([...active]);
}

const stagingPrefix = (name: string) => `.${name}.staging-`;
const STAGING_MARK = '.staging-';

/** What the journal records: the bundle's name and the hidden names used while moving it into place. */
interface Journal {
  readonly name: string;
  /** the zip's file name (a revision's changes-only package is named so); absent in journals of older runs */
  readonly zip?: string;
  readonly staging: string;
  readonly aside: string;
  readonly asideZip: string;
  /** the names the replaced bundle is kept under (a draft replaced by build), instead of being removed */
  readonly keep?: PreviousKept;
}

/** Names in the output folder that a replaced bundle's folder and zip are moved to (one kept: older ones go). */
export interface PreviousKept {
  readonly dir: string;
  readonly zip: string;
}

const plainName = (n: string | undefined): n is string => typeof n === 'string' && n !== '' && path.basename(n) === n && !n.startsWith('.');

/**
 * The replaced bundle, moved aside during the commit, kept under `keep`'s names (whatever was kept there
 * before goes), or removed when nothing is to be kept.
 */
async function keepOrRemove(outDir: string, aside: string, asideZip: string, keep: PreviousKept | undefined): Promise<void> {
  if (keep && plainName(keep.dir) && plainName(keep.zip)) {
    const dir = path.join(outDir, keep.dir);
    const zip = path.join(outDir, keep.zip);
    if (existsSync(aside)) {
      await rm(dir, { recursive: true, force: true });
      await rename(aside, dir);
    }
    if (existsSync(asideZip)) {
      await rm(zip, { force: true });
      await rename(asideZip, zip);
    }
  }
  for (const n of [aside, asideZip]) await rm(n, { recursive: true, force: true });
}

/** The steps of a commit, in order; a test may stop the process at any of them (see `saveSteps`). */
export type SaveStep = 'journal-written' | 'old-zip-linked' | 'zip-replaced' | 'old-folder-aside' | 'folder-replaced' | 'cleaned';

/** For tests only: called at each step of a commit (a test kills the process there). */
export const saveSteps: { onStep?: (step: SaveStep) => void } = {};

const journalFile = (outDir: string) => path.join(outDir, '.eco-dossier.commit.json');

async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

/**
 * Finishes a commit a killed run left half done: everything staged was complete before the journal was
 * written, so the move is completed (never undone: the previous bundle is not deleted before the new
 * one is in place). Returns the bundle name it completed, if any.
 */
async function completeJournal(outDir: string): Promise<string | undefined> {
  const file = journalFile(outDir);
  let j: Journal;
  try {
    j = JSON.parse(await readFile(file, 'utf8')) as Journal;
  } catch {
    await rm(file, { force: true });
    return undefined;
  }
  const at = (n: string) => path.join(outDir, n);
  const stagedDir = path.join(at(j.staging), j.name);
  const stagedZip = path.join(at(j.staging), `${j.name}.zip`);
  const zipName = j.zip && path.basename(j.zip) === j.zip ? j.zip : `${j.name}.zip`;
  if (existsSync(stagedZip)) await rename(stagedZip, at(zipName));
  if (existsSync(stagedDir)) {
    if (existsSync(at(j.name))) await rename(at(j.name), existsSync(at(j.aside)) ? at(`${j.aside}-2`) : at(j.aside));
    await rename(stagedDir, at(j.name));
  }
  await keepOrRemove(outDir, at(j.aside), at(j.asideZip), j.keep);
  for (const n of [`${j.aside}-2`, j.staging]) await rm(at(n), { recursive: true, force: true });
  await rm(file, { force: true });
  return j.name;
}

/**
 * Temporary files of runs killed outright: staging folders, a previous bundle moved aside by an older
 * version of this tool and never put back, the fingerprint store's temporary files of dead processes.
 * Only called with the output folder's lock held, so nothing here belongs to a live run.
 */
async function removeLeftovers(outDir: string): Promise<void> {
  const entries = (await readdir(outDir)).sort();
  for (const entry of entries) {
    const full = path.join(outDir, entry);
    const old = /^\.(.+)\.old-[0-9a-f]{8}$/.exec(entry);
    if (old) {
      if (!existsSync(path.join(outDir, old[1]!))) await rename(full, path.join(outDir, old[1]!));
      else await rm(full, { recursive: true, force: true });
    } else if (entry.startsWith('.') && entry.includes(STAGING_MARK)) await rm(full, { recursive: true, force: true });
    else if (/^\.eco-dossier\.commit\.json\.\d+\.tmp$/.test(entry)) await rm(full, { force: true });
  }
  const store = stateDirOf(outDir);
  for (const entry of await readdir(store).catch(() => [] as string[])) {
    const tmp = /\.(\d+)\.tmp$/.exec(entry);
    if (tmp && !processAlive(Number(tmp[1]))) await rm(path.join(store, entry), { force: true });
  }
}

/**
 * Takes the output folder (its lock), completes a commit a killed run left, removes what killed runs
 * left behind, and makes a staging folder. Throws SaveProblem when another run holds the folder or it
 * cannot be written. `completed`: told the name of a bundle whose interrupted save was completed now.
 */
export async function createStaging(outDir: string, name: string, completed?: (name: string) => void): Promise<Staging> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw notWritable(e, outDir);
  }
  const lock = await lockOut(outDir);
  try {
    const finished = await completeJournal(outDir);
    if (finished) completed?.(finished);
    await removeLeftovers(outDir);
    const root = path.join(outDir, `${stagingPrefix(name)}${randomBytes(4).toString('hex')}`);
    // told before it exists: a Ctrl-C the moment it appears finds it known (the main thread removes it)
    track(root, true);
    try {
      await mkdir(path.join(root, name), { recursive: true });
    } catch (e) {
      track(root, false);
      throw e;
    }
    return { root, bundleDir: path.join(root, name), zipFile: path.join(root, `${name}.zip`), lock };
  } catch (e) {
    await lock.release();
    throw notWritable(e, outDir);
  }
}

/**
 * Completes and removes what killed runs left in `outDir`, then lets the folder go. Revise calls it before
 * checking the previous bundle: removing a killed run's staging folder unlinks its hard links to the
 * previous bundle's files, which changes their status-change time, and the check must see them after that.
 * A folder another live run holds, or one that cannot be written, is left alone (the build says why).
 */
export async function tidyOutFolder(outDir: string, completed?: (name: string) => void): Promise<void> {
  if (!existsSync(outDir)) return;
  let lock: OutLock;
  try {
    lock = await lockOut(outDir);
  } catch {
    return;
  }
  try {
    const finished = await completeJournal(outDir);
    if (finished) completed?.(finished);
    await removeLeftovers(outDir);
  } catch {
    // the build takes the folder again and reports what it cannot do
  } finally {
    await lock.release();
  }
}

export async function abortStaging(staging: Staging): Promise<void> {
  try {
    await rm(staging.root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    track(staging.root, false);
  } finally {
    await staging.lock?.release();
  }
}

/** For a signal handler: removes the given staging folders, synchronously. */
export function removeFoldersSync(roots: readonly string[]): void {
  for (const root of roots) rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** For a signal handler: removes every staging folder of this thread, synchronously. */
export function abortAllStagingSync(): void {
  removeFoldersSync([...active]);
  active.clear();
  stagingWatch.onChange?.([]);
}

/**
 * Moves the staged folder and zip into place (see the note at the top): journal, the old zip hard-linked
 * aside (to put it back if the folder cannot be swapped), the zip replaced in one rename, the old folder
 * aside, the new one in, then the leftovers removed (or, with `keep`, the replaced folder and zip kept
 * under those names). An error before the new folder is in place puts everything back as it was.
 */
export async function commitStaging(staging: Staging, outDir: string, name: string, zipName = `${name}.zip`, keep?: PreviousKept): Promise<{ bundleDir: string; zip: string }> {
  const step = (s: SaveStep) => saveSteps.onStep?.(s);
  const bundleDir = path.join(outDir, name);
  const zip = path.join(outDir, zipName);
  const tag = randomBytes(4).toString('hex');
  const j: Journal = { name, zip: zipName, staging: path.basename(staging.root), aside: `.${name}.staging-aside-${tag}`, asideZip: `.${name}.staging-aside-${tag}.zip`, ...(keep ? { keep } : {}) };
  const aside = path.join(outDir, j.aside);
  const asideZip = path.join(outDir, j.asideZip);
  try {
    await writeDurably(journalFile(outDir), JSON.stringify(j));
    step('journal-written');
    const hadZip = existsSync(zip);
    let zipKept = false;
    if (hadZip) {
      zipKept = await link(zip, asideZip).then(() => true, () => false);
      step('old-zip-linked');
    }
    const undoZip = async () => {
      if (zipKept) await rename(asideZip, zip);
    };
    try {
      await rename(staging.zipFile, zip);
    } catch (e) {
      await rm(asideZip, { force: true });
      await rm(journalFile(outDir), { force: true });
      throw e;
    }
    step('zip-replaced');
    const hadOld = existsSync(bundleDir);
    try {
      if (hadOld) await rename(bundleDir, aside);
    } catch (e) {
      // the old folder cannot be moved (a file in it is open, say): the old zip back (when it could be kept;
      // else the new zip stays beside the old folder, each complete)
      await undoZip();
      await rm(journalFile(outDir), { force: true });
      throw e;
    }
    step('old-folder-aside');
    try {
      await rename(staging.bundleDir, bundleDir);
    } catch (e) {
      if (hadOld) await rename(aside, bundleDir);
      await undoZip();
      await rm(journalFile(outDir), { force: true });
      throw e;
    }
    step('folder-replaced');
    await keepOrRemove(outDir, aside, asideZip, keep);
    await rm(staging.root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    track(staging.root, false);
    await rm(journalFile(outDir), { force: true });
    step('cleaned');
    return { bundleDir, zip };
  } finally {
    await abortStaging(staging);
  }
}

/**
 * Moves staged loose files (the annex command's volumes, staged in `staging.bundleDir`) into the output
 * folder, one rename each, then removes the files of an earlier run that the new set does not have
 * (`stale` says which names are of that kind). The lock is held throughout and released at the end.
 */
export async function commitFiles(staging: Staging, outDir: string, names: readonly string[], stale: (name: string) => boolean): Promise<string[]> {
  try {
    for (const name of names) await rename(path.join(staging.bundleDir, name), path.join(outDir, name));
    for (const old of await readdir(outDir)) {
      if (stale(old) && !names.includes(old)) await rm(path.join(outDir, old), { force: true });
    }
    return names.map((name) => path.join(outDir, name));
  } finally {
    await abortStaging(staging);
  }
}
