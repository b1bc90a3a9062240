import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * sha256 of files on disk, on as many threads as there are cores (at most 4): hashing is CPU-bound here
 * (about 170 MB/s a core on the 2-core machines), and both the build's evidence and revise's check of the
 * previous bundle read gigabytes. Each worker reads its file into one 1 MB buffer, again and again: a read
 * stream's new buffer per piece left up to 64 MB of dead pieces per thread before the collector came, and
 * the C allocator kept that memory after the threads ended (a 1 GB build's memory grew from 103 to 192 MB
 * while it hashed). The worker is plain JavaScript evaluated in place, so it needs no TypeScript loader.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const hash = createHash('sha256');
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
    parentPort.postMessage({ id, sha256: hash.digest('hex') });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  }
});
`;

export async function hashFilesOnThreads(
  files: readonly string[],
  sizes: readonly number[],
  onProgress: (doneBytes: number) => void = () => {},
): Promise<string[]> {
  const out = new Array<string>(files.length);
  if (files.length === 0) return out;
  const threads = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length, files.length));
  const workers = Array.from({ length: threads }, () => new Worker(WORKER_SOURCE, { eval: true }));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= files.length) return resolve();
              const id = next++;
              worker.postMessage({ id, file: files[id] });
            };
            worker.on('message', (m: { id: number; sha256?: string; error?: string }) => {
              if (m.error !== undefined) return reject(new Error(`${files[m.id]}: ${m.error}`));
              out[m.id] = m.sha256!;
              done += sizes[m.id] ?? 0;
              onProgress(done);
              give();
            });
            worker.on('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
