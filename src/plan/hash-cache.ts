import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../package/atomic.ts';
import { hashFiles } from './hash.ts';

/**
 * Evidence hashes remembered between runs, keyed by file path, size and modification time (as make and
 * rsync decide what changed). The office rebuilds the bundle many times before 7/25; gigabytes of unchanged
 * scans need not be read again each time. The cache lives in the output folder and never enters a bundle.
 */
interface CacheEntry {
  readonly bytes: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

export const HASH_CACHE_FILE = path.join('.eco-dossier-cache', 'evidence-sha256.json');

async function readCache(file: string): Promise<Record<string, CacheEntry>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, CacheEntry>) : {};
  } catch {
    return {};
  }
}

/** sha256 of each file, from the cache where path, size and mtime still match, else read and remembered. */
export async function hashEvidence(
  files: readonly { readonly absPath: string; readonly bytes: number }[],
  outDir: string,
  onProgress: (doneBytes: number) => void = () => {},
): Promise<string[]> {
  const cacheFile = path.join(outDir, HASH_CACHE_FILE);
  const cache = await readCache(cacheFile);
  const stats = await Promise.all(files.map((f) => stat(f.absPath)));
  const hit = (k: number): string | undefined => {
    const entry = cache[files[k]!.absPath];
    const s = stats[k]!;
    return entry && entry.bytes === s.size && entry.mtimeMs === s.mtimeMs ? entry.sha256 : undefined;
  };
  const missing = files.map((_, k) => k).filter((k) => hit(k) === undefined);
  const cachedBytes = files.reduce((n, f, k) => n + (hit(k) !== undefined ? f.bytes : 0), 0);
  const fresh = await hashFiles(missing.map((k) => files[k]!), (done) => onProgress(cachedBytes + done));
  const result = files.map((_, k) => hit(k) ?? '');
  missing.forEach((k, j) => {
    result[k] = fresh[j]!;
  });
  if (missing.length > 0) {
    const next: Record<string, CacheEntry> = { ...cache };
    files.forEach((f, k) => {
      next[f.absPath] = { bytes: stats[k]!.size, mtimeMs: stats[k]!.mtimeMs, sha256: result[k]! };
    });
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFileAtomic(cacheFile, JSON.stringify(next));
  }
  onProgress(files.reduce((n, f) => n + f.bytes, 0));
  return result;
}
