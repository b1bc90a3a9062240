import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { Manifest } from '../../src/model/manifest.ts';
import { verifyBundle } from '../../src/package/verify.ts';
import { copySample, type MiniProject } from '../helpers/mini-project.ts';
import { haveTools } from '../helpers/tools.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const BUNDLE = '兖州区-国家生态文明建设示范区申报材料-r1';

let out: string;
let first: Awaited<ReturnType<typeof buildBundle>>;
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-build-'));
  first = await buildBundle('fixtures/yanzhou-2023', { outDir: out });
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('build on the sample', () => {
  it('writes the bundle folder and zip, named from the project and revision', () => {
    expect(first.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.bundleDir).toBe(path.join(out, BUNDLE));
    expect(first.zip).toBe(path.join(out, `${BUNDLE}.zip`));
    expect(existsSync(first.zip!)).toBe(true);
    expect(readdirSync(out).filter((n) => /staging|\.old-/.test(n))).toEqual([]);
  });

  it('lays the bundle out for a reviewer', () => {
    const top = readdirSync(first.bundleDir!).sort();
    expect(top).toEqual(['manifest-sha256.txt', 'manifest.json', '佐证材料汇编.pdf', '原始材料', '指标任务分解表.xlsx', '申报文件.docx', '申报报告.docx', '完整性校验.bat', '完整性校验.ps1', '说明.txt'].sort());
    const folders = readdirSync(path.join(first.bundleDir!, '原始材料'));
    expect(folders).toContain('12-危险废物利用处置率');
    expect(folders).toContain('01-生态文明建设规划');
    // two-digit numbers: a file manager's name order is 附件1's order
    expect(folders.every((f) => /^\d{2}-\S+$/.test(f))).toBe(true);
    expect([...folders].sort()).toEqual(folders.sort((a, b) => parseInt(a, 10) - parseInt(b, 10)));
    expect(readFileSync(path.join(first.bundleDir!, '说明.txt'), 'utf8')).toContain('sha256sum -c manifest-sha256.txt');
  });

  it('lists every file in the manifest with its role, hash, size and indicators', () => {
    const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(first.bundleDir!, 'manifest.json'), 'utf8')));
    expect(manifest.generator.name).toBe('eco-dossier');
    expect(manifest.revision).toBe(1);
    expect(manifest.project).toMatchObject({ district: '济宁市兖州区', sample: true });
    const roles = new Set(manifest.files.map((f) => f.role));
    expect(roles).toEqual(new Set(['request', 'report', 'task-table', 'annex', 'evidence', 'check-script', 'readme']));
    for (const f of manifest.files) {
      const file = path.join(first.bundleDir!, ...f.path.split('/'));
      expect(sha(file), f.path).toBe(f.sha256);
      expect(readFileSync(file).length).toBe(f.bytes);
      expect(Object.keys(f.inputs).length).toBeGreaterThan(0);
    }
    expect(manifest.files.filter((f) => f.role === 'evidence')).toHaveLength(49);
    expect(manifest.files.find((f) => f.role === 'annex')!.pages!.first).toBe(1);
    expect(manifest.indicators).toHaveLength(35);
  });

  it('verify passes, and names one altered, one removed and one added file', async () => {
    expect((await verifyBundle(first.bundleDir!)).ok).toBe(true);
    expect((await verifyBundle(first.zip!)).ok).toBe(true);
    const copy = mkdtempSync(path.join(os.tmpdir(), 'eco-tamper-'));
    try {
      execFileSync('cp', ['-r', first.bundleDir!, copy]);
      const dir = path.join(copy, BUNDLE);
      const report = path.join(dir, '申报报告.docx');
      const bytes = readFileSync(report);
      bytes[100] = bytes[100]! ^ 0xff;
      writeFileSync(report, bytes);
      unlinkSync(path.join(dir, '说明.txt'));
      writeFileSync(path.join(dir, '原始材料', '多余.pdf'), 'x');
      const bad = await verifyBundle(dir);
      expect(bad.ok).toBe(false);
      expect(bad.altered.map((a) => a.path)).toEqual(['申报报告.docx']);
      expect(bad.missing).toEqual(['说明.txt']);
      expect(bad.extra).toEqual(['原始材料/多余.pdf']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('is byte-reproducible, also in another time zone', () => {
    const second = mkdtempSync(path.join(os.tmpdir(), 'eco-build2-'));
    try {
      const r = spawnSync(process.execPath, ['bin/eco-dossier.js', 'build', '--out', second, '--json'], {
        env: { ...process.env, TZ: 'America/Los_Angeles' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(sha(json.zip)).toBe(sha(first.zip!));
      // the report with its nine figures (charts rasterised in each process) the same bytes too
      const report = (dir: string) => readFileSync(path.join(dir, BUNDLE, '申报报告.docx'));
      expect(Buffer.compare(report(second), report(out))).toBe(0);
      const document = execFileSync('unzip', ['-p', path.join(out, BUNDLE, '申报报告.docx'), 'word/document.xml'], { encoding: 'utf8' });
      expect(document.match(/<w:drawing>/g)).toHaveLength(9);
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });

  it('a second build of the same inputs leaves the bundle as it is', async () => {
    const before = sha(first.zip!);
    const again = await buildBundle('fixtures/yanzhou-2023', { outDir: out });
    expect(again.ok).toBe(true);
    expect(again.unchanged).toBe(true);
    expect(sha(first.zip!)).toBe(before);
  });
});

describe('build is atomic and safe', () => {
  let project: MiniProject;
  let dir: string;
  beforeAll(async () => {
    project = await copySample();
    dir = mkdtempSync(path.join(os.tmpdir(), 'eco-atomic-'));
  });
  afterAll(async () => {
    await project.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a failure mid-build leaves the previous bundle untouched and nothing half-written', async () => {
    const good = await buildBundle(project.dir, { outDir: dir });
    expect(good.ok).toBe(true);
    const zipBefore = sha(good.zip!);
    const manifestBefore = readFileSync(path.join(good.bundleDir!, 'manifest.json'), 'utf8');
    // a PDF that passes the loader's header check but cannot be parsed: the annex fails mid-build
    const evidence = readFileSync(path.join(project.dir, 'evidence.yaml'), 'utf8');
    const firstPdf = /file: (.+\.pdf)/.exec(evidence)![1]!.trim().replace(/^["']|["']$/g, '');
    writeFileSync(path.join(project.dir, 'evidence', firstPdf), '%PDF-1.4\n1 0 obj <</Type/Catalog');
    const bad = await buildBundle(project.dir, { outDir: dir });
    expect(bad.ok).toBe(false);
    expect(bad.issues.some((i) => i.severity === 'error' && i.file.includes(path.basename(firstPdf)))).toBe(true);
    expect(sha(good.zip!)).toBe(zipBefore);
    expect(readFileSync(path.join(good.bundleDir!, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    expect(readdirSync(dir).filter((n) => /staging|\.old-/.test(n))).toEqual([]);
    expect((await verifyBundle(good.bundleDir!)).ok).toBe(true);
  });
});

describe.runIf(haveTools('unzip', 'zipinfo', 'sha256sum'))('standard tools read the bundle', () => {
  it('unzip -t passes, zipinfo shows the Chinese names, sha256sum -c passes', () => {
    const test = execFileSync('unzip', ['-t', first.zip!], { encoding: 'utf8' });
    expect(test).toMatch(/No errors detected/);
    const info = execFileSync('zipinfo', ['-1', first.zip!], { encoding: 'utf8' });
    expect(info).toContain(`${BUNDLE}/申报报告.docx`);
    expect(info).toContain(`${BUNDLE}/原始材料/12-危险废物利用处置率/`);
    const names = info.trim().split('\n');
    expect(names).toEqual([...names].sort());
    const check = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: first.bundleDir!, encoding: 'utf8' });
    expect(check).not.toMatch(/FAILED/);
    expect(check.trim().split('\n').length).toBeGreaterThan(50);
  });
});
