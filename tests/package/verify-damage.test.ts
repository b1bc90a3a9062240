import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuildResult } from '../../src/bundle/build.ts';
import { safeSegment } from '../../src/common/safe-names.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

let mini: MiniProject;
let out: string;
let built: BuildResult;
beforeAll(async () => {
  mini = await makeMiniProject();
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-verify-'));
  built = await buildBundle(mini.dir, { outDir: out });
}, 120_000);
afterAll(async () => {
  await mini.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('verify on damaged bundles', () => {
  it('reports in the Issue shape every stage uses: code, severity, the file inside the bundle, a Chinese message', async () => {
    const dir = path.join(out, 'copy');
    execFileSync('cp', ['-r', built.bundleDir!, dir]);
    writeFileSync(path.join(dir, '说明.txt'), 'changed');
    writeFileSync(path.join(dir, 'extra.txt'), 'extra');
    rmSync(path.join(dir, '申报报告.docx'));
    const result = await verifyBundle(dir);
    expect(result.ok).toBe(false);
    const byCode = Object.fromEntries(result.issues.map((i) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual(['bundle-file-altered', 'bundle-file-extra', 'bundle-file-missing']);
    expect(byCode['bundle-file-missing']).toMatchObject({ severity: 'error', message: '缺少文件：申报报告.docx' });
    expect(byCode['bundle-file-missing']!.file.endsWith('copy/申报报告.docx')).toBe(true);
    expect(byCode['bundle-file-extra']!.message).toBe('多出文件（清单中没有）：extra.txt');
    expect(byCode['bundle-file-altered']!.message).toMatch(/^文件已被改动：说明\.txt（应为 [0-9a-f]{12}…，实际为 [0-9a-f]{12}…）$/);
    expect(byCode['bundle-file-altered']!.expected).toMatch(/^[0-9a-f]{64}$/);
    const unreadable = await verifyBundle(path.join(out, 'no-such-bundle.zip'));
    expect(unreadable.issues).toMatchObject([{ code: 'bundle-unreadable', severity: 'error' }]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a zip entry whose compressed data is corrupt, with --json on stdout', async () => {
    expect(built.ok).toBe(true);
    const zip = readFileSync(built.zip!);
    // the manifest is deflated: damage the middle of its compressed data
    const name = Buffer.from(`${path.basename(built.bundleDir!)}/manifest.json`);
    const header = zip.indexOf(name);
    const bad = Buffer.from(zip);
    for (let i = header + name.length + 40; i < header + name.length + 60; i++) bad[i] = bad[i]! ^ 0x5a;
    const file = path.join(out, 'bad.zip');
    writeFileSync(file, bad);
    const r = await run('verify', file, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
  });

  it('names a damaged entry that is not the manifest', async () => {
    const zip = readFileSync(built.zip!);
    const name = Buffer.from(`${path.basename(built.bundleDir!)}/说明.txt`);
    const header = zip.indexOf(name);
    const bad = Buffer.from(zip);
    for (let i = header + name.length + 30; i < header + name.length + 50; i++) bad[i] = bad[i]! ^ 0x5a;
    const file = path.join(out, 'bad2.zip');
    writeFileSync(file, bad);
    const result = await verifyBundle(file);
    expect(result.ok).toBe(false);
    expect(result.altered.map((a) => a.path)).toEqual(['说明.txt']);
  });

  it('catches an edited line of manifest-sha256.txt for another file', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'eco-verify-copy-'));
    try {
      execFileSync('cp', ['-r', built.bundleDir!, copy]);
      const dir = path.join(copy, path.basename(built.bundleDir!));
      const sums = path.join(dir, 'manifest-sha256.txt');
      writeFileSync(sums, readFileSync(sums, 'utf8').replace(/^[0-9a-f]{4}/, '0000'));
      const result = await verifyBundle(dir);
      expect(result.ok).toBe(false);
      expect(result.altered.map((a) => a.path)).toEqual(['manifest-sha256.txt']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('names', () => {
  it('treats CON.x.pdf and NUL .pdf as reserved, as Windows does', () => {
    expect(safeSegment('con.scan.pdf')).toBe('_con.scan.pdf');
    expect(safeSegment('NUL .pdf')).toBe('_NUL .pdf');
    expect(safeSegment('console.pdf')).toBe('console.pdf');
  });
});
