import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, type BigIntStats } from 'node:fs';
import { chmod, lstat, mkdir, open, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { stateDirOf } from '../common/index.ts';

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
 * an empty one. Only what this tool itself recorded is trusted: every entry carries an HMAC over its path,
 * fingerprint and sha256, keyed by a secret in `<out>/.eco-dossier/key` (mode 0600, created by the tool,
 * never in a bundle). An entry edited, copied from another store or written by hand fails the check and
 * is dropped, so its file is read again.
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
  format: z.literal('eco-dossier-fingerprints/2'),
  files: z.record(z.string(), z.strictObject({ fingerprint: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), mac: z.string().regex(/^[0-9a-f]{64}$/) })),
});

/**
 * The store's secret: 32 random bytes in a file only its owner may read or write. A key file that is a link,
 * not ours, readable by others or of the wrong size is replaced (which drops every entry).
 */
async function storeKey(dir: string): Promise<Buffer | undefined> {
  const file = path.join(dir, 'key');
  try {
    const info = await lstat(file);
    const ours = info.isFile() && (process.getuid === undefined || info.uid === process.getuid()) && (info.mode & 0o077) === 0 && info.size === 32;
    if (ours) return await readFile(file);
    await rm(file, { force: true });
  } catch {
    // no key yet
  }
  try {
    await mkdir(dir, { recursive: true });
    const key = randomBytes(32);
    const tmp = `${file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(key);
    } finally {
      await handle.close();
    }
    await chmod(tmp, 0o600);
    await rename(tmp, file);
    return key;
  } catch {
    return undefined;
  }
}

const macOf = (key: Buffer, file: string, fingerprint: string, sha256: string) =>
  createHmac('sha256', key).update(`eco-dossier-fingerprint/1\0${file}\0${fingerprint}\0${sha256}`).digest('hex');

function macMatches(key: Buffer, file: string, e: { fingerprint: string; sha256: string; mac: string }): boolean {
  return timingSafeEqual(Buffer.from(macOf(key, file, e.fingerprint, e.sha256), 'hex'), Buffer.from(e.mac, 'hex'));
}

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
  const file = outDir ? path.join(stateDirOf(outDir), 'fingerprints.json') : undefined;
  const key = outDir ? await storeKey(stateDirOf(outDir)) : undefined;
  const entries = new Map<string, { fingerprint: string; sha256: string; mac: string }>();
  if (file && key) {
    try {
      const parsed = StoreFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) for (const [k, v] of Object.entries(parsed.data.files)) if (macMatches(key, k, v)) entries.set(k, v);
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
      const at = path.resolve(absPath);
      if (settledBefore !== undefined && Number(info.ctimeNs / 1_000_000n) > settledBefore - settleMs) {
        if (entries.delete(at)) dirty = true;
        return;
      }
      if (!key) {
        dirty = true; // save() says why nothing could be recorded
        return;
      }
      const fingerprint = fingerprintOf(info);
      entries.set(at, { fingerprint, sha256, mac: macOf(key, at, fingerprint, sha256) });
      dirty = true;
    },
    async save() {
      if (!file || !dirty) return undefined;
      if (!key) return '无法创建或读取指纹密钥文件';
      const files = Object.fromEntries([...entries].filter(([k]) => existsSync(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(tmp, `${JSON.stringify({ format: 'eco-dossier-fingerprints/2', files }, null, 1)}\n`);
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
