import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * On Windows, antivirus or the search indexer holds a fresh file for a moment, and renaming it fails with
 * EPERM, EBUSY or EACCES. Here rename fails so a given number of times (the error injected into
 * node:fs/promises): atomic writes and the bundle's final renames wait and succeed, and give up with the
 * error itself once the bounded wait is over.
 */
const held = vi.hoisted(() => ({ code: 'EPERM', left: 0, calls: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const rename = async (from: string, to: string) => {
    held.calls++;
    if (held.left > 0) {
      held.left--;
      throw Object.assign(new Error(`${held.code}: operation not permitted, rename '${from}' -> '${to}'`), { code: held.code });
    }
    return real.rename(from, to);
  };
  return { ...real, default: { ...real, rename }, rename };
});

const { heldFiles, retryWhileHeld } = await import('../../src/files/held.ts');
const { writeFileAtomic } = await import('../../src/files/atomic.ts');
const { commitStaging, createStaging } = await import('../../src/files/staging.ts');

let dir: string;
const budget = heldFiles.budgetMs;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eco-held-'));
  Object.assign(held, { code: 'EPERM', left: 0, calls: 0 });
  heldFiles.budgetMs = 2000;
});
afterEach(() => {
  heldFiles.budgetMs = budget;
});

describe('a file held for a moment', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])('an atomic write waits while the rename fails with %s, then writes', async (code) => {
    Object.assign(held, { code, left: 3 });
    const target = path.join(dir, '申报报告.docx');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(held.calls).toBe(4);
    expect(readdirSync(dir)).toEqual(['申报报告.docx']);
  });

  it('gives up with the error itself after the bounded wait, and leaves no temporary file', async () => {
    heldFiles.budgetMs = 150;
    Object.assign(held, { code: 'EBUSY', left: 1_000 });
    const target = path.join(dir, 'a.txt');
    writeFileSync(target, 'old');
    await expect(writeFileAtomic(target, 'new')).rejects.toMatchObject({ code: 'EBUSY' });
    expect(held.calls).toBeGreaterThan(1);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('does not wait on any other error, nor where the budget is 0 (not Windows)', async () => {
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    let n = 0;
    await expect(retryWhileHeld(async () => { n++; throw enoent; }, 2000)).rejects.toBe(enoent);
    expect(n).toBe(1);
    const eperm = Object.assign(new Error('EPERM'), { code: 'EPERM' });
    n = 0;
    await expect(retryWhileHeld(async () => { n++; throw eperm; }, 0)).rejects.toBe(eperm);
    expect(n).toBe(1);
  });

  it("the bundle's final renames wait too: the new folder and zip end in place", async () => {
    const out = path.join(dir, 'out');
    const staging = await createStaging(out, '材料包');
    writeFileSync(path.join(staging.bundleDir, '申报报告.docx'), 'new');
    writeFileSync(staging.zipFile, 'zip');
    Object.assign(held, { code: 'EPERM', left: 2, calls: 0 });
    const placed = await commitStaging(staging, out, '材料包');
    expect(held.left).toBe(0);
    expect(readFileSync(path.join(placed.bundleDir, '申报报告.docx'), 'utf8')).toBe('new');
    expect(readFileSync(placed.zip, 'utf8')).toBe('zip');
    expect(existsSync(path.join(out, '.eco-dossier.commit.json'))).toBe(false);
  });
});
