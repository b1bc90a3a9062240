import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeCrc32, originalCrc32, speedUpZipChecksums, useZipChecksum } from '../../../src/documents/patches/zip-crc.ts';
import { zipFolder } from '../../../src/package/zip.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-zipcrc-'));
afterAll(() => {
  speedUpZipChecksums();
  rmSync(dir, { recursive: true, force: true });
});

describe('the native CRC-32 given to archiver', () => {
  it('gives what crc-32 gives, chunk by chunk, from every kind of seed crc32-stream passes', () => {
    const data = randomBytes(300_000);
    for (const seed of [undefined, 0, Buffer.alloc(4), -1, 123456789, -987654321]) {
      expect(nativeCrc32(data, seed)).toBe(originalCrc32(data, seed));
    }
    // chained over chunks, as crc32-stream does (it keeps the result >>> 0 between chunks)
    let ours: unknown = Buffer.alloc(4);
    let theirs: unknown = Buffer.alloc(4);
    for (let k = 0; k < data.length; k += 65_537) {
      ours = nativeCrc32(data.subarray(k, k + 65_537), ours) >>> 0;
      theirs = originalCrc32(data.subarray(k, k + 65_537), theirs) >>> 0;
    }
    expect(ours).toBe(theirs);
    expect(ours).toBe(originalCrc32(data) >>> 0);
    expect(nativeCrc32(Buffer.from('123456789')) >>> 0).toBe(0xcbf43926); // the CRC-32 check value
  });

  it('writes the same zip bytes as crc-32 does', async () => {
    const folder = path.join(dir, 'bundle');
    mkdirSync(path.join(folder, '原始材料'), { recursive: true });
    writeFileSync(path.join(folder, '原始材料', 'scan.pdf'), randomBytes(2_500_000));
    writeFileSync(path.join(folder, '说明.txt'), '说明\r\n'.repeat(5000));
    const files = ['原始材料/scan.pdf', '说明.txt'];
    const zipWith = async (file: string) => {
      await zipFolder(folder, '材料包', files, '2023-07-25', file);
      return createHash('sha256').update(readFileSync(file)).digest('hex');
    };
    const native = await zipWith(path.join(dir, 'native.zip'));
    useZipChecksum(originalCrc32);
    const original = await zipWith(path.join(dir, 'original.zip'));
    useZipChecksum(nativeCrc32);
    expect(nativeCrc32).not.toBe(originalCrc32);
    expect(native).toBe(original);
  });

  it('is the function archiver calls', async () => {
    let calls = 0;
    speedUpZipChecksums(); // installed once: zipFolder's own call below changes nothing
    useZipChecksum((data, seed) => (calls++, nativeCrc32(data, seed)));
    const folder = path.join(dir, 'counted');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.pdf'), randomBytes(1000));
    await zipFolder(folder, 'x', ['a.pdf'], '2023-07-25', path.join(dir, 'counted.zip'));
    useZipChecksum(nativeCrc32);
    expect(calls).toBeGreaterThan(0);
  });
});
