import { existsSync, readdirSync, writeFileSync } from 'node:fs';

/** What the output folder shows: the annex files; the tool's own state folder (.eco-dossier: lock, fingerprints) is the build's too. */
const shown = (dir: string) => readdirSync(dir).filter((n) => n !== '.eco-dossier');
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { haveTools } from '../helpers/tools.ts';
import { labelledPdf, miniProject, tempDir } from '../artifacts/annex/helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.runIf(haveTools('pdftotext'))('eco-dossier annex', () => {
  it('writes out/佐证材料汇编.pdf and reports it in JSON; a later split run replaces it', async () => {
    const project = await miniProject([
      { id: 'E1', file: 'a.pdf', bytes: await labelledPdf('A'), indicators: [1] },
      { id: 'E2', file: 'b.pdf', bytes: await labelledPdf('B'), indicators: [3] },
    ]);
    const out = await tempDir();
    cleanups.push(project.cleanup, out.cleanup);
    const r = await run('annex', project.dir, '--out', out.dir, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(json.volumes).toHaveLength(1);
    expect(json.volumes[0]).toMatchObject({ file: path.join(out.dir, '佐证材料汇编.pdf'), firstPage: 1 });
    expect(json.volumes[0].indicators.map((i: { no: number }) => i.no)).toEqual([1, 2, 3]);
    expect(shown(out.dir)).toEqual(['佐证材料汇编.pdf']);

    const human = await run('annex', project.dir, '--out', out.dir, '--max-volume-mb', '0.001');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('单独成册');
    expect(human.stdout).toContain('已生成佐证材料汇编，共 3 册');
    expect(shown(out.dir).sort()).toEqual(['佐证材料汇编-第1册.pdf', '佐证材料汇编-第2册.pdf', '佐证材料汇编-第3册.pdf']);
  });

  it('exits 1 on unreadable evidence and keeps the previous annex; --allow-missing writes it with a warning', async () => {
    const project = await miniProject([{ id: 'E1', file: 'a.pdf', bytes: (await labelledPdf('A')).subarray(0, 300), indicators: [2] }]);
    const out = await tempDir();
    cleanups.push(project.cleanup, out.cleanup);
    writeFileSync(path.join(out.dir, '佐证材料汇编.pdf'), 'previous annex');
    const r = await run('annex', project.dir, '--out', out.dir, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    expect(json.errors[0]).toMatchObject({ code: 'evidence-pdf-corrupt', severity: 'error' });
    expect(json.errors[0].file).toMatch(/evidence\/a\.pdf$/);
    expect(shown(out.dir)).toEqual(['佐证材料汇编.pdf']);
    expect(existsSync(path.join(out.dir, '佐证材料汇编.pdf'))).toBe(true);

    const allowed = await run('annex', project.dir, '--out', out.dir, '--allow-missing', '--json');
    expect(allowed.code).toBe(0);
    const ok = JSON.parse(allowed.stdout);
    expect(ok.ok).toBe(true);
    expect(ok.warnings[0]).toMatchObject({ code: 'evidence-pdf-corrupt', severity: 'warning' });
    expect(shown(out.dir)).toEqual(['佐证材料汇编.pdf']);
  });

  it('rejects a bad --max-volume-mb with exit code 2', async () => {
    const r = await run('annex', '--max-volume-mb', 'lots');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-volume-mb 应为不小于 0 的数字');
  });
});

describe('eco-dossier annex stages as build does', () => {
  it('a staging folder left by a killed run is removed by the next run', async () => {
    const { mkdirSync } = await import('node:fs');
    const project = await miniProject([{ id: 'E1', file: 'a.pdf', bytes: await labelledPdf('A'), indicators: [1] }]);
    const out = await tempDir();
    cleanups.push(project.cleanup, out.cleanup);
    // what a run killed with kill -9 leaves: its staging folder (no live process holds the output folder)
    mkdirSync(path.join(out.dir, '.佐证材料汇编.staging-deadbeef', '佐证材料汇编'), { recursive: true });
    const r = await run('annex', project.dir, '--out', out.dir, '--json');
    expect(r.code).toBe(0);
    expect(shown(out.dir)).toEqual(['佐证材料汇编.pdf']);
  });
});
