import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { reviseBundle, type ReviseResult } from '../../src/revise/revise.ts';
import { copySample, type MiniProject } from '../helpers/mini-project.ts';
import { haveTools } from '../helpers/tools.ts';

/**
 * The sample's annex in volumes of 0.3 MB (eight); its round 1 answered on 2023-07-27 (the sample's r1 is
 * dated 2023-07-06).
 */
let project: MiniProject;
let r1: BuildResult;
let r2: ReviseResult;
beforeAll(async () => {
  project = await copySample();
  const round = path.join(project.dir, 'feedback', 'round-1.yaml');
  writeFileSync(round, readFileSync(round, 'utf8').replace('responseDate: 2023-07-20', 'responseDate: 2023-07-27'));
  const out = path.join(project.dir, 'out');
  r1 = await buildBundle(project.dir, { outDir: out, maxVolumeMb: 0.3 });
  r2 = await reviseBundle(project.dir, { from: r1.zip!, outDir: out });
}, 300_000);
afterAll(() => project?.cleanup());

type Listed = { path: string; role: string; sha256: string; indicators?: number[] };
const volumes = (bundleDir: string) => (JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')) as { files: Listed[] }).files.filter((f) => f.role === 'annex');
const cover = (bundleDir: string, file: string) => execFileSync('pdftotext', ['-l', '1', path.join(bundleDir, file), '-'], { encoding: 'utf8' });

describe.runIf(haveTools('pdftotext'))('a review round answered on a later date', () => {
  it('re-renders only the annex volumes whose content changed; the others keep the cover they were sent with', () => {
    expect(r2.ok).toBe(true);
    const before = new Map(volumes(r1.bundleDir!).map((f) => [f.path, f.sha256]));
    const after = volumes(r2.bundleDir!);
    expect(after.length).toBeGreaterThan(4);
    const kept = after.filter((f) => before.get(f.path) === f.sha256);
    const remade = after.filter((f) => before.get(f.path) !== f.sha256);
    expect(kept.length).toBeGreaterThan(0);
    expect(remade.length).toBeGreaterThan(0);
    expect(r2.reused).toEqual(expect.arrayContaining(kept.map((f) => f.path)));
    for (const f of kept) {
      const text = cover(r2.bundleDir!, f.path);
      expect(text, f.path).toContain('2023年7月6日');
      expect(text, f.path).not.toContain('第2版');
    }
    for (const f of remade) {
      const text = cover(r2.bundleDir!, f.path);
      expect(text, f.path).toContain('2023年7月27日');
      expect(text, f.path).toContain('第2版');
    }
  });

  it('re-renders a volume only for a change in what its pages after the cover show', () => {
    const before = new Map(volumes(r1.bundleDir!).map((f) => [f.path, f.sha256]));
    const inside = (bundleDir: string, file: string) => execFileSync('pdftotext', ['-f', '2', path.join(bundleDir, file), '-'], { encoding: 'utf8' });
    for (const f of volumes(r2.bundleDir!).filter((v) => before.get(v.path) !== v.sha256)) {
      expect(inside(r2.bundleDir!, f.path), f.path).not.toBe(inside(r1.bundleDir!, f.path));
    }
  });
});
