import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { reviseBundle, type ReviseResult } from '../../src/revise/revise.ts';
import { haveTools } from '../helpers/tools.ts';

const SAMPLE = 'fixtures/yanzhou-2023';

/**
 * The sample's annex in volumes of 0.3 MB (eight), then its two review rounds: r2 answers round 1 on
 * 2023-07-20, the date of r1; r3 answers round 2 (现场核查) on 2023-09-28.
 */
let out: string;
let r2: ReviseResult;
let r3: ReviseResult;
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-dated-'));
  const r1 = await buildBundle(SAMPLE, { outDir: out, maxVolumeMb: 0.3 });
  r2 = await reviseBundle(SAMPLE, { from: r1.zip!, outDir: out });
  r3 = await reviseBundle(SAMPLE, { from: r2.bundleDir!, outDir: out });
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Listed = { path: string; role: string; sha256: string; indicators?: number[] };
const volumes = (bundleDir: string) => (JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')) as { files: Listed[] }).files.filter((f) => f.role === 'annex');
const cover = (bundleDir: string, file: string) => execFileSync('pdftotext', ['-l', '1', path.join(bundleDir, file), '-'], { encoding: 'utf8' });

describe.runIf(haveTools('pdftotext'))('a review round answered on a later date', () => {
  it('re-renders only the annex volumes whose content changed; the others keep the cover they were sent with', () => {
    expect(r3.ok).toBe(true);
    const before = new Map(volumes(r2.bundleDir!).map((f) => [f.path, f.sha256]));
    const after = volumes(r3.bundleDir!);
    expect(after.length).toBeGreaterThan(4);
    const kept = after.filter((f) => before.get(f.path) === f.sha256);
    const remade = after.filter((f) => before.get(f.path) !== f.sha256);
    expect(kept.length).toBeGreaterThan(0);
    expect(remade.length).toBeGreaterThan(0);
    expect(r3.reused).toEqual(expect.arrayContaining(kept.map((f) => f.path)));
    for (const f of kept) {
      const text = cover(r3.bundleDir!, f.path);
      expect(text, f.path).toContain('2023年7月20日');
      expect(text, f.path).not.toContain('第3版');
    }
    for (const f of remade) {
      const text = cover(r3.bundleDir!, f.path);
      expect(text, f.path).toContain('2023年9月28日');
      expect(text, f.path).toContain('第3版');
    }
  });

  it('re-renders a volume only for a change in what its pages after the cover show', () => {
    const before = new Map(volumes(r2.bundleDir!).map((f) => [f.path, f.sha256]));
    const inside = (bundleDir: string, file: string) => execFileSync('pdftotext', ['-f', '2', path.join(bundleDir, file), '-'], { encoding: 'utf8' });
    for (const f of volumes(r3.bundleDir!).filter((v) => before.get(v.path) !== v.sha256)) {
      expect(inside(r3.bundleDir!, f.path), f.path).not.toBe(inside(r2.bundleDir!, f.path));
    }
  });
});
