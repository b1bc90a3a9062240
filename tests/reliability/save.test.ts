import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { lockOut } from '../../src/files/out-lock.ts';
import { abortStaging, createStaging, type SaveStep } from '../../src/files/staging.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { ARTIFACT_KINDS } from '../../src/artifacts/registry.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

const NAME = '示例区-国家生态文明建设示范区申报材料-r1';
let mini: MiniProject;
let out: string;
beforeAll(async () => {
  mini = await makeMiniProject();
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-save-'));
});
afterAll(async () => {
  await mini.cleanup();
  rmSync(out, { recursive: true, force: true });
});

/** The project with indicator 3's current value set to `v`: each variant gives a different manifest. */
function setValue(v: string): void {
  const file = path.join(mini.dir, 'results.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/2022: \d+(\.\d+)?\s*}\n    source: 区水务局/, `2022: ${v} }\n    source: 区水务局`));
}

const manifestText = (location: string) => readFileSync(path.join(location, 'manifest.json'), 'utf8');
const hidden = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.') && n !== '.eco-dossier');

describe('a run killed (SIGKILL) at any step of the save', () => {
  const steps: SaveStep[] = ['journal-written', 'old-zip-linked', 'zip-replaced', 'old-folder-aside', 'folder-replaced', 'cleaned'];
  let oldOut: string;
  let newOut: string;
  beforeAll(async () => {
    oldOut = mkdtempSync(path.join(os.tmpdir(), 'eco-save-old-'));
    newOut = mkdtempSync(path.join(os.tmpdir(), 'eco-save-new-'));
    setValue('80.5');
    expect((await buildBundle(mini.dir, { outDir: oldOut })).ok).toBe(true);
    setValue('81.5');
    expect((await buildBundle(mini.dir, { outDir: newOut })).ok).toBe(true);
  }, 60_000);
  afterAll(() => {
    for (const d of [oldOut, newOut]) rmSync(d, { recursive: true, force: true });
  });

  for (const step of steps) {
    it(`at "${step}": a complete bundle is there at that instant, and the next run completes the save`, async () => {
      const own = mkdtempSync(path.join(os.tmpdir(), 'eco-kill-'));
      try {
        cpSync(path.join(oldOut, NAME), path.join(own, NAME), { recursive: true });
        cpSync(path.join(oldOut, `${NAME}.zip`), path.join(own, `${NAME}.zip`));
        const root = path.join(own, `.${NAME}.staging-0f0f0f0f`);
        cpSync(path.join(newOut, NAME), path.join(root, NAME), { recursive: true });
        cpSync(path.join(newOut, `${NAME}.zip`), path.join(root, `${NAME}.zip`));
        const oldManifest = manifestText(path.join(oldOut, NAME));
        const newManifest = manifestText(path.join(newOut, NAME));
        const child = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('tests/reliability/commit-child.ts'), own, NAME, root, step], { encoding: 'utf8' });
        expect(child.signal, child.stderr).toBe('SIGKILL');
        // at this instant: the zip is complete (old or new), and so is the folder whenever it is there
        const zip = path.join(own, `${NAME}.zip`);
        const folder = path.join(own, NAME);
        expect((await verifyBundle(zip)).ok).toBe(true);
        if (existsSync(folder)) {
          expect((await verifyBundle(folder)).ok).toBe(true);
          expect([oldManifest, newManifest]).toContain(manifestText(folder));
        } else expect(step).toBe('old-folder-aside');
        // the next run in this folder completes the save before anything else
        const completed: string[] = [];
        await abortStaging(await createStaging(own, NAME, (n) => completed.push(n)));
        expect(completed).toEqual(step === 'cleaned' ? [] : [NAME]);
        expect((await verifyBundle(folder)).ok).toBe(true);
        expect((await verifyBundle(zip)).ok).toBe(true);
        expect(manifestText(folder)).toBe(newManifest);
        expect((await verifyBundle(zip)).manifest).toEqual((await verifyBundle(folder)).manifest);
        expect(hidden(own)).toEqual([]);
      } finally {
        rmSync(own, { recursive: true, force: true });
      }
    }, 30_000);
  }

  it('through a whole build killed between the folder moves, the next build completes it', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-kill-build-'));
    try {
      setValue('82.5');
      expect((await buildBundle(mini.dir, { outDir: own })).ok).toBe(true);
      setValue('83.5');
      const child = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('tests/reliability/crash-child.ts'), mini.dir, own, 'old-folder-aside'], { encoding: 'utf8' });
      expect(child.signal, child.stderr).toBe('SIGKILL');
      expect(existsSync(path.join(own, NAME))).toBe(false);
      expect((await verifyBundle(path.join(own, `${NAME}.zip`))).ok).toBe(true);
      const next = await buildBundle(mini.dir, { outDir: own });
      expect(next.ok).toBe(true);
      expect(next.unchanged).toBe(true);
      expect(next.issues.find((i) => i.code === 'save-completed')?.message).toBe(`上次运行在保存材料包 ${NAME} 时被中断，已完成保存`);
      expect(JSON.parse(manifestText(path.join(own, NAME))).indicators.find((i: { no: number }) => i.no === 3).current).toContain('83.5');
      expect(hidden(own)).toEqual([]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('one run at a time in an output folder', () => {
  it('a second run refuses with a plain message while the first holds the folder, and leaves it alone', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-busy-'));
    try {
      const lock = await lockOut(own);
      const second = await buildBundle(mini.dir, { outDir: own });
      expect(second.ok).toBe(false);
      const [busy] = second.issues.filter((i) => i.severity === 'error');
      expect(busy!.code).toBe('out-busy');
      expect(busy!.message).toMatch(new RegExp(`^另一次 eco-dossier 运行正在向 ${own} 写入材料包（进程 ${process.pid}，开始于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d（UTC）），本次未写入任何文件$`));
      expect(readdirSync(own).sort()).toEqual(['.eco-dossier', '.eco-dossier.lock']);
      await lock.release();
      expect((await buildBundle(mini.dir, { outDir: own })).ok).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);

  it('the lock of a run killed outright is taken over, and its temporary files removed', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-stale-'));
    try {
      const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
      writeFileSync(path.join(own, '.eco-dossier.lock'), JSON.stringify({ pid: dead, host: os.hostname(), started: '2023-07-20T00:00:00.000Z' }));
      const staging = path.join(own, `.${NAME}.staging-0a1b2c3d`);
      await import('node:fs/promises').then((fs) => fs.mkdir(path.join(staging, NAME), { recursive: true }));
      await import('node:fs/promises').then((fs) => fs.mkdir(path.join(own, '.eco-dossier'), { recursive: true }));
      writeFileSync(path.join(own, '.eco-dossier', `fingerprints.json.${dead}.tmp`), '{');
      const tmpDecrypt = mkdtempSync(path.join(os.tmpdir(), `eco-qpdf-${dead}-`));
      const result = await buildBundle(mini.dir, { outDir: own });
      expect(result.ok).toBe(true);
      expect(hidden(own)).toEqual([]);
      expect(readdirSync(path.join(own, '.eco-dossier')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(existsSync(tmpDecrypt)).toBe(false);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a full disk while writing', () => {
  it('is a plain message with the space needed; nothing is left behind and the previous bundle stays', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-full-'));
    try {
      const good = await buildBundle(mini.dir, { outDir: own });
      expect(good.ok).toBe(true);
      const before = manifestText(good.bundleDir!);
      setValue('88.8');
      const full = ARTIFACT_KINDS.map((k) => (k.kind === 'readme' ? { ...k, render: async () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); } } : k));
      const result = await buildBundle(mini.dir, { outDir: own, artifactKinds: full as typeof ARTIFACT_KINDS });
      expect(result.ok).toBe(false);
      const [error] = result.issues.filter((i) => i.severity === 'error');
      expect(error!.code).toBe('disk-full');
      expect(error!.message).toMatch(new RegExp(`^磁盘空间不足，材料包未生成：生成时约需 \\d+(\\.\\d)? MB 可用空间，${own} 所在磁盘现有 \\d+(\\.\\d)? MB；已删除本次写了一半的文件，原有材料包保持不变$`));
      expect(hidden(own)).toEqual([]);
      expect(manifestText(good.bundleDir!)).toBe(before);
      expect((await verifyBundle(good.zip!)).ok).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});
