import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFilesOnThreads } from '../../src/files/hash-workers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-hash-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashFilesOnThreads (each thread reads into one buffer, again and again)', () => {
  it('gives each file its sha256, in the order given: empty, one byte, exactly one piece, several pieces', async () => {
    const sizes = [0, 1, 1 << 20, (1 << 20) * 2.5 + 7, 3];
    const files = sizes.map((n, k) => {
      const file = path.join(dir, `f${k}.bin`);
      writeFileSync(file, randomBytes(n));
      return file;
    });
    // the same buffer served the previous file: a short last piece must not carry its bytes
    const expected = files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex'));
    const progress: number[] = [];
    expect(await hashFilesOnThreads(files, sizes, (done) => progress.push(done))).toEqual(expected);
    expect(progress.at(-1)).toBe(sizes.reduce((a, b) => a + b, 0));
  });

  it('a file that cannot be read rejects with its path', async () => {
    const missing = path.join(dir, 'nowhere.pdf');
    await expect(hashFilesOnThreads([missing], [1])).rejects.toThrow(missing);
  });
});
