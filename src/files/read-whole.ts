import type { BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A whole file in one buffer, read with as few calls as the kernel allows. fs.promises.readFile reads in
 * 512 KiB pieces, each a round trip through the thread pool; while the annex keeps the main thread busy,
 * every round trip waits its turn, and reading 1 GB of evidence took 3.1 s of a build against 0.6 s this
 * way (npm run bench). The size is taken from the open file; a file that grows meanwhile is read to the
 * size it had, one that shrinks to where it ends. `info`: the open file's stat (bigint: nanosecond times),
 * taken before reading. A file over `limit` bytes is not read: FileTooLargeError.
 */
/** Thrown by readWhole for a file larger than the caller's limit (nothing was read). */
export class FileTooLargeError extends Error {
  constructor(readonly size: number, readonly limit: number) {
    super(`file of ${size} bytes is larger than ${limit}`);
  }
}

/** One read call at most this long: the kernel and Node take lengths below 2 GiB. */
const READ_AT_ONCE = 1 << 30;

/**
 * A buffer read into again and again: a file read whole into a new buffer each time leaves its buffer as
 * garbage the collector frees late (the 1 GB annex had 40–130 MB of such buffers waiting), and the C
 * allocator keeps the memory. Whoever reads into a slot must be done with the previous bytes read into it:
 * they are overwritten. Files over `maxBytes` get a buffer of their own.
 */
export class ReadSlot {
  #buffer: Buffer | undefined;
  constructor(readonly maxBytes = 16 * 1024 * 1024) {}
  /** `size` bytes to read into, when the slot takes files of that size */
  take(size: number): Buffer | undefined {
    if (size > this.maxBytes) return undefined;
    // grown in powers of two (1 MB at least): a few buffers in a volume's life, whatever the order of sizes
    if (!this.#buffer || this.#buffer.length < size) this.#buffer = Buffer.allocUnsafeSlow(Math.min(this.maxBytes, 2 ** Math.ceil(Math.log2(Math.max(size, 1 << 20)))));
    return this.#buffer.subarray(0, size);
  }
}

export async function readWhole(file: string, limit = Number.MAX_SAFE_INTEGER, slot?: ReadSlot): Promise<{ bytes: Buffer; info: BigIntStats }> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat({ bigint: true });
    const size = Number(info.size);
    if (size > limit) throw new FileTooLargeError(size, limit);
    const buffer = slot?.take(size) ?? Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(buffer, at, Math.min(size - at, READ_AT_ONCE), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: at === size ? buffer : buffer.subarray(0, at), info };
  } finally {
    await handle.close();
  }
}
