import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Issue } from '../model/index.ts';
import { fingerprintsTrusted, openFingerprints, statExact, type FingerprintStore } from '../files/index.ts';
import type { Settled } from './context.ts';
import { stateDirOf } from '../common/index.ts';

/**
 * The build's side of the fingerprint store (files/fingerprints.ts): which store to use, and recording the
 * files of a bundle just put in place.
 */

/** The fingerprint store of the output folder, unless told to read everything or a folder's file system cannot be trusted. */
export async function storeFor(options: { readonly outDir: string; readonly fullCheck?: boolean }, otherDirs: readonly string[]): Promise<FingerprintStore | undefined> {
  if (options.fullCheck) return undefined;
  await mkdir(options.outDir, { recursive: true });
  return (await fingerprintsTrusted([options.outDir, ...otherDirs])) ? openFingerprints(options.outDir) : undefined;
}

export const notSaved = (outDir: string, reason: string): Issue => ({
  code: 'fingerprints-not-saved', severity: 'warning', file: path.join(stateDirOf(outDir), 'fingerprints.json'), path: [],
  message: `无法记录文件指纹（${reason}），下次修订时会重新读取全部文件；材料包本身不受影响`,
  hint: '检查输出文件夹中 .eco-dossier 是否是可写的文件夹',
});

/**
 * Fingerprints of the bundle just put in place, so the next revise need not read it all again: each file's
 * stat as taken right after it was written (moving the bundle folder into place does not change its files'
 * stats), and the zip's. A file linked from the previous revision shares its inode, whose ctime the link
 * changed: the previous revision's path is recorded afresh too, or revising from it again would read it all.
 */
export async function recordBundle(
  store: FingerprintStore, placed: { bundleDir: string; zip: string }, settled: ReadonlyMap<string, { settled: Settled; sha256: string }>, manifestSha256: string,
): Promise<string | undefined> {
  for (const [rel, { settled: s, sha256: sha }] of settled) {
    store.record(path.join(placed.bundleDir, ...rel.split('/')), s.info, sha);
    if (s.previousPath) store.record(s.previousPath, s.info, sha);
  }
  store.record(placed.zip, await statExact(placed.zip), manifestSha256);
  return store.save();
}

