import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync, renameSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/build/build.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { openFingerprints, statExact } from '../../src/plan/fingerprints.ts';
import { hashFiles } from '../../src/plan/hash.ts';
import { reviseBundle } from '../../src/revise/revise.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Copies a file's access and modification times to another, to the nanosecond (utimes rounds them). */
const copyTimes = (from: string, to: string) => execFileSync('touch', ['-r', from, to]);

/** Overwrites one byte in place and puts the modification time back, as a careless tool might. */
function flipByteKeepingMtime(file: string, at: number): void {
  const before = statSync(file, { bigint: true });
  const reference = `${file}.times`;
  writeFileSync(reference, '');
  copyTimes(file, reference);
  const fd = openSync(file, 'r+');
  const byte = readFileSync(file)[at]!;
  writeSync(fd, Buffer.from([byte ^ 0xff]), 0, 1, at);
  closeSync(fd);
  copyTimes(reference, file);
  rmSync(reference);
  const after = statSync(file, { bigint: true });
  expect(after.size).toBe(before.size);
  expect(after.mtimeNs).toBe(before.mtimeNs);
  expect(after.ino).toBe(before.ino);
}

describe('fingerprint store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows a recorded file until anything about it changes, and survives a reopen', async () => {
    const file = path.join(dir, 'a.bin');
    writeFileSync(file, 'hello');
    const store = await openFingerprints(dir, { settleMs: 0 });
    store.record(file, await statExact(file), sha('hello'));
    expect(store.known(file, await statExact(file))).toBe(sha('hello'));
    await store.save();
    const again = await openFingerprints(dir, { settleMs: 0 });
    expect(again.known(file, await statExact(file))).toBe(sha('hello'));
    flipByteKeepingMtime(file, 0);
    expect(again.known(file, await statExact(file))).toBeUndefined();
  });

  it('does not record a file that changed just before it was hashed', async () => {
    const file = path.join(dir, 'fresh.bin');
    writeFileSync(file, 'new');
    const store = await openFingerprints(dir);
    store.record(file, await statExact(file), sha('new'), Date.now());
    expect(store.known(file, await statExact(file))).toBeUndefined();
  });

  it('an unreadable store is an empty one', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-bad-'));
    try {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(path.join(own, '.eco-dossier'));
      writeFileSync(path.join(own, '.eco-dossier', 'fingerprints.json'), '{ not json');
      const store = await openFingerprints(own);
      const file = path.join(own, 'x');
      writeFileSync(file, 'x');
      expect(store.known(file, await statExact(file))).toBeUndefined();
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('hashFiles reads again a file edited in place with its mtime put back', async () => {
    const file = path.join(dir, 'evidence.pdf');
    writeFileSync(file, 'version one');
    const store = await openFingerprints(dir, { settleMs: 0 });
    const files = [{ absPath: file, bytes: 11 }];
    expect(await hashFiles(files, () => {}, store)).toEqual([sha('version one')]);
    expect(store.known(file, await statExact(file))).toBe(sha('version one'));
    flipByteKeepingMtime(file, 0);
    const changed = readFileSync(file);
    expect(await hashFiles(files, () => {}, store)).toEqual([sha(changed)]);
  });
});

describe('the previous bundle, checked through fingerprints', () => {
  let project: MiniProject;
  let out: string;
  let r1: BuildResult;
  beforeAll(async () => {
    project = await makeMiniProject();
    out = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-bundle-'));
    r1 = await buildBundle(project.dir, { outDir: out });
  }, 120_000);
  afterAll(async () => {
    await project.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('build records every file of the bundle and the zip; an untouched bundle is not read again', async () => {
    expect(r1.ok).toBe(true);
    expect(existsSync(path.join(out, '.eco-dossier', 'fingerprints.json'))).toBe(true);
    const store = await openFingerprints(out);
    const folder = await verifyBundle(r1.bundleDir!, { fingerprints: store });
    expect(folder.ok).toBe(true);
    expect(folder.trusted).toBe(folder.checked);
    const zip = await verifyBundle(r1.zip!, { fingerprints: store });
    expect(zip.ok).toBe(true);
    expect(zip.trusted).toBe(zip.checked);
    // the verify command passes no store: it reads everything
    expect((await verifyBundle(r1.bundleDir!)).trusted).toBe(0);
  });

  it('a file altered in place with size and mtime kept is read again and found', async () => {
    const report = r1.manifest!.files.find((f) => f.role === 'report')!;
    const file = path.join(r1.bundleDir!, ...report.path.split('/'));
    const original = readFileSync(file);
    flipByteKeepingMtime(file, 100);
    try {
      const result = await verifyBundle(r1.bundleDir!, { fingerprints: await openFingerprints(out) });
      expect(result.ok).toBe(false);
      expect(result.altered.map((a) => a.path)).toEqual([report.path]);
      expect(result.trusted).toBe(result.checked - 1);
      const revised = await reviseBundle(project.dir, { from: r1.bundleDir!, outDir: out });
      expect(revised.ok).toBe(false);
      expect(revised.issues[0]!.message).toContain(`${report.path} 已被改动`);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a file replaced by another of the same size and mtime (new inode) is read again and found', async () => {
    const evidence = r1.manifest!.files.find((f) => f.role === 'evidence')!;
    const file = path.join(r1.bundleDir!, ...evidence.path.split('/'));
    const original = readFileSync(file);
    const other = path.join(out, 'other.pdf');
    const swapped = Buffer.from(original);
    swapped[swapped.length - 2]! ^= 0x01;
    writeFileSync(other, swapped);
    const before = statSync(file, { bigint: true });
    copyTimes(file, other);
    renameSync(other, file);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    expect(after.ino).not.toBe(before.ino);
    try {
      const result = await verifyBundle(r1.bundleDir!, { fingerprints: await openFingerprints(out) });
      expect(result.altered.map((a) => a.path)).toEqual([evidence.path]);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('revise trusts the untouched previous bundle and the evidence, unless told to read everything', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-revise-'));
    try {
      const first = await buildBundle(project.dir, { outDir: own });
      expect(first.ok).toBe(true);
      const files = first.manifest!.files.length;
      const fast = await reviseBundle(project.dir, { from: first.zip!, outDir: own });
      expect(fast.ok).toBe(true);
      expect(fast.previousCheck).toEqual({ files, trusted: files });
      const full = await reviseBundle(project.dir, { from: first.zip!, outDir: own, fullCheck: true });
      expect(full.ok).toBe(true);
      expect(full.previousCheck).toEqual({ files, trusted: 0 });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);
});
