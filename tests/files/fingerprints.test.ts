import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync, renameSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { fingerprintsTrusted, openFingerprints, statExact } from '../../src/files/fingerprints.ts';
import { hashFiles } from '../../src/files/hash.ts';
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

  it('is trusted only on file systems that keep a real change time', async () => {
    expect(await fingerprintsTrusted([path.join(dir, 'no-such-folder')])).toBe(false);
    // the development and CI machines keep their temporary folder on ext4, tmpfs or overlayfs
    expect(await fingerprintsTrusted([dir])).toBe(process.platform === 'linux');
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
    expect((await hashFiles(files, () => {}, store)).map((h) => h.sha256)).toEqual([sha('version one')]);
    expect(store.known(file, await statExact(file))).toBe(sha('version one'));
    flipByteKeepingMtime(file, 0);
    const changed = readFileSync(file);
    expect((await hashFiles(files, () => {}, store)).map((h) => h.sha256)).toEqual([sha(changed)]);
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
      expect(revised.issues[0]!.message).toContain(`上一版材料包中的 ${report.path} 与其清单（manifest.json）不符：它在生成后被改动过`);
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
      // the mini project has no review round: the revision changes nothing and is made only when forced
      const fast = await reviseBundle(project.dir, { from: first.zip!, outDir: own, force: true });
      expect(fast.ok).toBe(true);
      expect(fast.previousCheck).toEqual({ files, trusted: files });
      const full = await reviseBundle(project.dir, { from: first.zip!, outDir: own, fullCheck: true, force: true });
      expect(full.ok).toBe(true);
      expect(full.previousCheck).toEqual({ files, trusted: 0 });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('files that change while a bundle is made', () => {
  let project: MiniProject;
  let out: string;
  beforeAll(async () => {
    project = await makeMiniProject();
    out = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-race-'));
  });
  afterAll(async () => {
    await project.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('an evidence file edited after it was hashed stops the build, which names it', async () => {
    const file = path.join(project.dir, 'evidence', 'plan.pdf');
    const original = readFileSync(file);
    let edited = false;
    try {
      const result = await buildBundle(project.dir, {
        outDir: out,
        // once every file is hashed: the copy into 原始材料/ and the annex both run later
        onProgress: (p) => {
          if (p.step === '校验佐证材料' && p.done === p.total && !edited) {
            edited = true;
            writeFileSync(file, Buffer.concat([original, Buffer.from('\n% edited\n')]));
          }
        },
      });
      expect(edited).toBe(true);
      expect(result.ok).toBe(false);
      expect(result.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'changed-during-build', file: expect.stringContaining('plan.pdf') });
      expect(existsSync(path.join(out, path.basename(result.bundleDir ?? 'none')))).toBe(false);
    } finally {
      writeFileSync(file, original);
    }
  }, 120_000);

  it('a file of the previous bundle edited during revise is not reused, and nothing is recorded for it', async () => {
    const r1 = await buildBundle(project.dir, { outDir: out });
    expect(r1.ok).toBe(true);
    const evidence = r1.manifest!.files.find((f) => f.role === 'evidence')!;
    const file = path.join(r1.bundleDir!, ...evidence.path.split('/'));
    let edited = false;
    const revised = await reviseBundle(project.dir, {
      from: r1.zip!, outDir: out,
      onProgress: (p) => {
        if (p.step === '校验佐证材料' && !edited) { // after the check of r1, before its files are linked
          edited = true;
          flipByteKeepingMtime(file, 10);
        }
      },
    });
    expect(edited).toBe(true);
    expect(revised.ok).toBe(false);
    expect(revised.issues.find((i) => i.severity === 'error')!.message).toContain(`${evidence.path} 在修订过程中被改动`);
    // and the next check of r1 reads the file and finds it altered
    const again = await verifyBundle(r1.bundleDir!, { fingerprints: await openFingerprints(out) });
    expect(again.altered.map((a) => a.path)).toEqual([evidence.path]);
  }, 120_000);

  it('an evidence original reused from the previous revision must still be what was hashed this time', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-reused-'));
    const file = path.join(project.dir, 'evidence', 'water', 'report.pdf');
    const original = readFileSync(file);
    try {
      const r1 = await buildBundle(project.dir, { outDir: own });
      expect(r1.ok).toBe(true);
      let edited = false;
      // fullCheck: the evidence is hashed now (a slow machine may otherwise have recorded its fingerprints at
      // r1, more than the settling time after the files were made, and hash nothing, so no progress to edit on)
      const revised = await reviseBundle(project.dir, {
        from: r1.zip!, outDir: own, fullCheck: true,
        onProgress: (p) => {
          if (p.step === '校验佐证材料' && !edited) {
            edited = true;
            writeFileSync(file, Buffer.concat([original, Buffer.from('\n% edited after hashing\n')]));
          }
        },
      });
      expect(edited).toBe(true);
      expect(revised.ok).toBe(false);
      expect(revised.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'changed-during-build' });
    } finally {
      writeFileSync(file, original);
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('a store that cannot be written is a warning, not a failed build', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-fp-nosave-'));
    try {
      writeFileSync(path.join(own, '.eco-dossier'), 'not a folder');
      const result = await buildBundle(project.dir, { outDir: own });
      expect(result.ok).toBe(true);
      expect(result.issues.filter((i) => i.code === 'fingerprints-not-saved').length).toBeGreaterThan(0);
      expect(result.issues.find((i) => i.code === 'fingerprints-not-saved')!.severity).toBe('warning');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);
});
