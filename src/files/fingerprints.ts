import { existsSync, type BigIntStats } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * What a file held when this tool last hashed or wrote it, and how to tell it has not been touched since:
 * its identity on disk (device, inode), size, and modification and status-change times in nanoseconds.
 *
 * The status-change time (ctime) is what makes this safe where path + size + mtime is not: any write,
 * truncation, rename over, chmod or new hard link sets it to the current time, and no tool can set it back
 * (`touch -d`, `cp -p` and unzip restore mtime only). A file replaced by a copy gets a new inode too.
 * So a file whose fingerprint is unchanged holds the bytes that were hashed; a changed fingerprint only
 * means "hash it again". `verify` never uses this: it always reads every byte.
 *
 * Kept in `<out>/.eco-dossier/fingerprints.json`, outside every bundle; a missing or unreadable store is
 * an empty one.
 */
export interface FingerprintStore {
  /** the sha256 recorded for this file, when its fingerprint is the one recorded with it */
  known(absPath: string, info: BigIntStats): string | undefined;
  /** records a hash: after hashing (`settledBefore` = when hashing began) or after writing the file ourselves */
  record(absPath: string, info: BigIntStats, sha256: string, settledBefore?: number): void;
  /** writes the store; resolves with why it could not (never rejects: a store is only a shortcut) */
  save(): Promise<string | undefined>;
}

/**
 * Linux file systems known to keep a real status-change time (set by the kernel on every change, never by
 * a tool): ext2/3/4, XFS, Btrfs, tmpfs, overlayfs, ZFS, F2FS, bcachefs. FAT and exFAT (USB sticks), network
 * shares and other systems keep none or let it be set, so there every file is read.
 */
const TRUSTED_FILE_SYSTEMS = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, 0x2fc12fc1, 0xf2f52010, 0xca451a4e]);

/** Whether fingerprints can be trusted for files in all these folders (Linux, on a file system listed above). */
export async function fingerprintsTrusted(dirs: readonly string[]): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  for (const dir of dirs) {
    try {
      if (!TRUSTED_FILE_SYSTEMS.has(Number((await statfs(dir)).type))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** A file changed this close to when it was hashed may change again within the same clock tick. */
const SETTLE_MS = 2000;

const StoreFile = z.strictObject({
  format: z.literal('eco-dossier-fingerprints/1'),
  files: z.record(z.string(), z.strictObject({ fingerprint: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export function fingerprintOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/** A fingerprint without its ctime: what a new hard link leaves unchanged (it sets the shared inode's ctime). */
export function withoutCtime(fingerprint: string): string {
  return fingerprint.slice(0, fingerprint.lastIndexOf(':'));
}

export function statExact(file: string): Promise<BigIntStats> {
  return stat(file, { bigint: true });
}

/**
 * The store of an output folder; `undefined` dir gives one that knows nothing and saves nothing.
 * `settleMs`: a file whose status changed less than this before it was hashed is not recorded.
 */
export async function openFingerprints(outDir: string | undefined, { settleMs = SETTLE_MS } = {}): Promise<FingerprintStore> {
  const file = outDir ? path.join(outDir, '.eco-dossier', 'fingerprints.json') : undefined;
  const entries = new Map<string, { fingerprint: string; sha256: string }>();
  if (file) {
    try {
      const parsed = StoreFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) for (const [k, v] of Object.entries(parsed.data.files)) entries.set(k, v);
    } catch {
      // no store yet, or an unreadable one: start empty
    }
  }
  let dirty = false;
  return {
    known(absPath, info) {
      const e = entries.get(path.resolve(absPath));
      return e && e.fingerprint === fingerprintOf(info) ? e.sha256 : undefined;
    },
    record(absPath, info, sha256, settledBefore) {
      const key = path.resolve(absPath);
      if (settledBefore !== undefined && Number(info.ctimeNs / 1_000_000n) > settledBefore - settleMs) {
        if (entries.delete(key)) dirty = true;
        return;
      }
      entries.set(key, { fingerprint: fingerprintOf(info), sha256 });
      dirty = true;
    },
    async save() {
      if (!file || !dirty) return undefined;
      const files = Object.fromEntries([...entries].filter(([k]) => existsSync(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(tmp, `${JSON.stringify({ format: 'eco-dossier-fingerprints/1', files }, null, 1)}\n`);
        await rename(tmp, file);
        dirty = false;
        return undefined;
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => {});
        return (e as Error).message;
      }
    },
  };
}
