import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFileHashed } from '../../src/files/index.ts';

describe('copyFileHashed', () => {
  it('copies a file of several chunks and gives the sha256 of the bytes copied', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'copy-hashed-'));
    const from = path.join(dir, '原件.bin');
    const bytes = Buffer.alloc(3 * (1 << 20) + 12345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(from, bytes);
    const copies = await Promise.all([1, 2, 3].map((n) => copyFileHashed(from, path.join(dir, `副本${n}.bin`))));
    const expected = createHash('sha256').update(bytes).digest('hex');
    for (const [i, copied] of copies.entries()) {
      expect(copied).toEqual({ sha256: expected, bytes: bytes.length });
      expect(readFileSync(path.join(dir, `副本${i + 1}.bin`)).equals(bytes)).toBe(true);
    }
  });

  it('fails a missing file with the code and path of the file system error, and keeps serving', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'copy-hashed-'));
    const missing = path.join(dir, '不存在.pdf');
    await expect(copyFileHashed(missing, path.join(dir, 'x.pdf'))).rejects.toMatchObject({ code: 'ENOENT', path: missing });
    writeFileSync(path.join(dir, 'a.txt'), '生态');
    await expect(copyFileHashed(path.join(dir, 'a.txt'), path.join(dir, 'b.txt'))).resolves.toMatchObject({ bytes: 6 });
  });
});
