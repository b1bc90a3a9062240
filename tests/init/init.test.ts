import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { readCatalogue } from '../../src/load/catalogues.ts';
import { selectIndicators } from '../../src/init/select.ts';
import { TERRAIN_CLASSES } from '../../src/model/catalogue.ts';
import { Catalog, listIndicators } from '../../src/model/catalog.ts';
import { STANDARD_PARTS } from '../../src/model/narrative.ts';

const root = await mkdtemp(path.join(os.tmpdir(), 'eco-init-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const catalogue = (await readCatalogue('2021-county')).catalogue!;
const sample = listIndicators(Catalog.parse(parse(await readFile('fixtures/yanzhou-2023/indicators.yaml', 'utf8'))));

/** What the sample and init must agree on: everything but the units the office assigns and the catalogue number. */
const comparable = (i: Record<string, unknown>) => {
  const { units: _u, notes: _n, catalogueNo: _c, unitsNote: _un, ...rest } = i;
  return rest;
};

describe('catalogs', () => {
  it('lists the shipped catalogues with id, title, document number, level and count', async () => {
    const r = await run('catalogs', '--json');
    expect(r.code).toBe(0);
    const { catalogs } = JSON.parse(r.stdout);
    expect(catalogs.map((c: { id: string }) => c.id)).toEqual(['2019-county', '2021-county', '2024-county']);
    expect(catalogs[1]).toMatchObject({ id: '2021-county', docNo: '环办生态函〔2021〕353号', level: 'county', indicators: 42, countyIndicators: 38 });
  });
});

describe('init', () => {
  it('an inland plain district gets the sample’s 35 indicators, in the sample’s order, and validates at once', async () => {
    const dir = path.join(root, 'plain');
    const r = await run('init', dir, '--catalog', '2021-county', '--district', '济宁市兖州区', '--terrain', '平原', '--year', '2023', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, indicators: 35, binding: 19, reference: 16 });
    expect(out.leftOut.map((l: { catalogueNo: number }) => l.catalogueNo)).toEqual([9, 13, 18, 24, 25, 34, 37]);
    const made = listIndicators(Catalog.parse(parse(await readFile(path.join(dir, 'indicators.yaml'), 'utf8'))));
    expect(made.map((i) => comparable({ ...i }))).toEqual(sample.map((i) => comparable({ ...i })));
    expect(made.every((i) => i.units.length === 0 && i.catalogueNo !== undefined)).toBe(true);
    expect((await readdir(path.join(dir, 'evidence'))).sort()[0]).toBe('01-生态文明建设规划');
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['project.yaml', 'indicators.yaml', 'results.yaml', 'evidence.yaml', 'evidence', '使用说明.txt']));
    // an application year already past: the documents are not dated after its submission deadline
    expect(await readFile(path.join(dir, 'project.yaml'), 'utf8')).toMatch(/^generatedAt: 2023-07-25 /m);

    const v = await run('validate', dir, '--json');
    expect(v.code).toBe(0);
    const json = JSON.parse(v.stdout);
    expect(json.errors).toEqual([]);
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['placeholder-unfilled', 'units-unassigned']));
    expect(json.indicators.every((i: { verdict: string }) => i.verdict === '待补充')).toBe(true);
    expect(json.indicators[9]).toMatchObject({ no: 10, catalogueNo: 11, name: '林草覆盖率', target: '≥18' });
    expect(json.eligibility.eligible).toBe(false);
  });

  it('writes narrative/ with one file per part of the report, each with a comment line saying what to write, and project.yaml with application and contact', async () => {
    const dir = path.join(root, 'narrative');
    expect((await run('init', dir, '--catalog', '2021-county', '--district', '济宁市兖州区', '--terrain', '平原', '--year', '2025')).code).toBe(0);
    expect((await readdir(path.join(dir, 'narrative'))).sort()).toEqual(STANDARD_PARTS.map((p) => `${p}.txt`).sort());
    for (const part of STANDARD_PARTS) {
      const text = await readFile(path.join(dir, 'narrative', `${part}.txt`), 'utf8');
      const first = text.split(/\r?\n/)[0]!;
      expect(first.startsWith('// '), part).toBe(true);
      expect(first, part).toContain(`“${part}”`);
      expect(text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('//')), part).toEqual([]);
    }
    // the notes are never text: each part is still to be written, named by its file
    const v = JSON.parse((await run('validate', dir, '--json')).stdout);
    const missing = v.warnings.filter((w: { code: string }) => w.code === 'narrative-missing').map((w: { file: string }) => path.basename(w.file));
    expect(missing.sort()).toEqual(STANDARD_PARTS.map((p) => `${p}.txt`).sort());
    const project = parse(await readFile(path.join(dir, 'project.yaml'), 'utf8'));
    expect(Object.keys(project.contact)).toEqual(['office', 'person', 'phone']);
    expect(Object.keys(project.application)).toEqual(['docNo', 'signer', 'copyTo']);
    const placeholders = v.warnings.filter((w: { code: string }) => w.code === 'placeholder-unfilled').map((w: { path: string[] }) => w.path.join('.'));
    expect(placeholders).toEqual(expect.arrayContaining(['contact.person', 'contact.phone', 'application.docNo', 'application.signer']));
  });

  it('--exclude marks the named catalogue numbers 不涉及 with their reason; they stay in indicators.yaml, numbered', async () => {
    const dir = path.join(root, 'exclude');
    const r = await run('init', dir, '--catalog', '2021-county', '--district', '某市某县', '--terrain', '平原', '--exclude', '6=本区无规划环评任务（示例理由）；36', '--json');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, indicators: 35, binding: 19, reference: 16 });
    expect(out.notApplicable).toEqual([
      { no: 6, catalogueNo: 6, name: '依法开展规划环境影响评价', attribute: '参考性', reason: '本区无规划环评任务（示例理由）' },
      expect.objectContaining({ catalogueNo: 36, reason: '待填写：不涉及的原因' }),
    ]);
    const made = listIndicators(Catalog.parse(parse(await readFile(path.join(dir, 'indicators.yaml'), 'utf8'))));
    expect(made.map((i) => i.no)).toEqual(Array.from({ length: 35 }, (_, k) => k + 1));
    expect(made.find((i) => i.name === '依法开展规划环境影响评价')!.notApplicable).toBe('本区无规划环评任务（示例理由）');
    expect(await readFile(path.join(dir, 'project.yaml'), 'utf8')).toMatch(/^  terrain: 平原地区/m);
    // a 约束性 indicator excluded is a warning, at init and at every check after
    const binding = await run('init', path.join(root, 'exclude-binding'), '--catalog', '2021-county', '--district', '某市某县', '--terrain', '平原', '--exclude', '5=本区不涉及（示例理由）', '--json');
    expect(JSON.parse(binding.stdout).warnings.map((w: { code: string }) => w.code)).toEqual(['binding-not-applicable']);
    const checked = await run('validate', path.join(root, 'exclude-binding'), '--json');
    expect(JSON.parse(checked.stdout).warnings.map((w: { code: string }) => w.code)).toContain('binding-not-applicable');
  });

  it('--exclude 8③=理由 marks a sub-indicator 不涉及 in place', async () => {
    const dir = path.join(root, 'exclude-sub');
    const r = await run('init', dir, '--catalog', '2021-county', '--district', '某市某县', '--terrain', '干旱半干旱', '--exclude', '8③=本县无城市建成区黑臭水体', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, indicators: 35 });
    const made = listIndicators(Catalog.parse(parse(await readFile(path.join(dir, 'indicators.yaml'), 'utf8'))));
    const water = made.find((i) => i.name === '水环境质量')!;
    expect(water.notApplicable).toBeUndefined();
    expect(water.subIndicators.map((s) => s.notApplicable)).toEqual([undefined, undefined, '本县无城市建成区黑臭水体']);
    // the terrain line kept is the district's, marked with its class
    expect(made.find((i) => i.name === '林草覆盖率')!.subIndicators).toEqual([{ no: 1, name: '干旱半干旱地区', target: '≥35', applies: { terrain: ['干旱半干旱地区'] } }]);
  });

  it('--coastal adds the coastal indicators', () => {
    const s = selectIndicators(catalogue, { coastal: true, terrain: '平原地区', exclude: [] });
    const names = listIndicators(s.catalog).map((i) => i.name);
    expect(names).toHaveLength(38);
    expect(names).toEqual(expect.arrayContaining(['近岸海域水质优良（一、二类）比例', '海岸生态修复', '自然岸线保有率']));
  });

  it.each(TERRAIN_CLASSES.map((t, k) => [t, ['≥60', '≥40', '≥18', '≥35', '≥70'][k]!]))('terrain %s picks its 林草覆盖率 line (%s)', (terrain, target) => {
    const s = selectIndicators(catalogue, { coastal: false, terrain, exclude: [] });
    const forest = listIndicators(s.catalog).find((i) => i.name === '林草覆盖率')!;
    expect(forest).toMatchObject({ target, subIndicators: [{ no: 1, name: terrain, target }] });
  });

  it('without --terrain keeps every terrain line', () => {
    const s = selectIndicators(catalogue, { coastal: false, exclude: [] });
    expect(listIndicators(s.catalog).find((i) => i.name === '林草覆盖率')!.subIndicators).toHaveLength(5);
  });

  it('refuses a folder that exists and is not empty, touching nothing', async () => {
    const dir = path.join(root, 'taken');
    await mkdir(dir);
    await writeFile(path.join(dir, 'note.txt'), 'mine');
    const r = await run('init', dir, '--catalog', '2021-county', '--district', '济宁市兖州区');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('已存在且不是空文件夹，init 不会改动其中的任何文件');
    expect(await readdir(dir)).toEqual(['note.txt']);
  });

  it('refuses a bad terrain, an unknown catalogue and an --exclude outside the catalogue (exit 2)', async () => {
    const bad = [
      ['--terrain', '沙漠', '--terrain 应为 山区、丘陵、平原、干旱半干旱、青藏高原 之一，实际为“沙漠”'],
      ['--exclude', '99', '--exclude 中的第 99 项不在目录 2021-county 中'],
      ['--exclude', '9', '--exclude 中的第 9 项“近岸海域水质优良（一、二类）比例”本来就不适用于本地（仅沿海地区适用（未指定 --coastal）），不必排除'],
    ];
    for (const [flag, value, message] of bad) {
      const r = await run('init', path.join(root, 'never'), '--catalog', '2021-county', '--district', '某县', flag!, value!);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const unknown = await run('init', path.join(root, 'never'), '--catalog', '2030-county', '--district', '某县');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有编号为“2030-county”的指标目录');
  });
});

describe('the date init writes', () => {
  it('is today, but never after the application year’s submission deadline', async () => {
    const { documentDate } = await import('../../src/init/init.ts');
    expect(documentDate('2025-03-02', 2025)).toBe('2025-03-02');
    expect(documentDate('2026-12-08', 2025)).toBe('2025-07-25');
  });
});
