import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HASH_CACHE_FILE, hashEvidence } from '../../src/plan/hash-cache.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hashEvidence', () => {
  it('hashes, remembers, and reads again only what changed (size or modification time)', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eco-hash-'));
    const a = path.join(dir, 'a.pdf');
    const b = path.join(dir, 'b.pdf');
    writeFileSync(a, 'aaaa');
    writeFileSync(b, 'bbbb');
    const files = [{ absPath: a, bytes: 4 }, { absPath: b, bytes: 4 }];
    expect(await hashEvidence(files, dir)).toEqual([sha('aaaa'), sha('bbbb')]);
    const cache = JSON.parse(readFileSync(path.join(dir, HASH_CACHE_FILE), 'utf8'));
    expect(cache[a].sha256).toBe(sha('aaaa'));
    // a remembered hash is used while size and mtime match (here it is planted to prove it)
    cache[a].sha256 = 'f'.repeat(64);
    writeFileSync(path.join(dir, HASH_CACHE_FILE), JSON.stringify(cache));
    expect((await hashEvidence(files, dir))[0]).toBe('f'.repeat(64));
    // same size, new content and time: read again
    writeFileSync(a, 'AAAA');
    utimesSync(a, new Date('2030-01-01'), new Date('2030-01-01'));
    expect(await hashEvidence(files, dir)).toEqual([sha('AAAA'), sha('bbbb')]);
  });

  it('works without a cache file and with a broken one', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eco-hash-'));
    const a = path.join(dir, 'a.pdf');
    writeFileSync(a, 'x');
    writeFileSync(path.join(dir, 'junk'), '');
    await hashEvidence([{ absPath: a, bytes: 1 }], dir);
    writeFileSync(path.join(dir, HASH_CACHE_FILE), '{not json');
    expect(await hashEvidence([{ absPath: a, bytes: 1 }], dir)).toEqual([sha('x')]);
  });
});
