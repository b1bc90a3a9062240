import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fingerprintOf, statExact, type FingerprintStore } from './fingerprints.ts';
import { hashFilesOnThreads } from './hash-workers.ts';

/** sha256 of a file, streamed: memory stays flat whatever the file's size. */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with object keys sorted at every level: equal data, equal text, equal hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function hashOf(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** A file's sha256, and its fingerprint when it did not change while being read (else undefined). */
export interface HashedFile {
  readonly sha256: string;
  readonly fingerprint: string | undefined;
}

/**
 * Hashes many files on worker threads (see hash-workers.ts); results come back in input order, each with
 * the file's fingerprint (files/fingerprints.ts) when it was the same before and after reading, so a later
 * step can tell whether the file still holds the bytes hashed. With a fingerprint store, files it knows
 * untouched since they were last hashed are not read again, and the ones read now are recorded.
 */
export async function hashFiles(
  files: readonly { readonly absPath: string; readonly bytes: number }[],
  onProgress: (doneBytes: number) => void = () => {},
  store?: FingerprintStore,
): Promise<HashedFile[]> {
  const began = Date.now();
  const before = await Promise.all(files.map((f) => statExact(f.absPath)));
  const out = new Array<HashedFile>(files.length);
  const todo: number[] = [];
  let known = 0;
  files.forEach((f, k) => {
    const sha = store?.known(f.absPath, before[k]!);
    if (sha) {
      out[k] = { sha256: sha, fingerprint: fingerprintOf(before[k]!) };
      known += f.bytes;
    } else todo.push(k);
  });
  const hashed = await hashFilesOnThreads(todo.map((k) => files[k]!.absPath), todo.map((k) => files[k]!.bytes), (done) => onProgress(known + done));
  const after = await Promise.all(todo.map((k) => statExact(files[k]!.absPath)));
  todo.forEach((k, j) => {
    const steady = fingerprintOf(after[j]!) === fingerprintOf(before[k]!);
    out[k] = { sha256: hashed[j]!, fingerprint: steady ? fingerprintOf(after[j]!) : undefined };
    if (steady) store?.record(files[k]!.absPath, after[j]!, hashed[j]!, began);
  });
  return out;
}
