import { afterEach, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/load/check.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

/** A share written as a ratio would be judged as written (0.975 < 85 未达标, 46.3 ≥ 0.85 达标): each is said at its place. */
describe('a share written as a ratio', () => {
  let project: MiniProject | undefined;
  afterEach(async () => project?.cleanup());
  const warningsOf = async (edit: (files: Record<string, string>) => void) => {
    project = await makeMiniProject(edit);
    const checked = await checkProject(project.dir);
    return checked.issues.filter((i) => i.code === 'result-share-as-ratio');
  };

  it('values of at most 1 against a target above 1', async () => {
    const [w, ...more] = await warningsOf((f) => (f['results.yaml'] = f['results.yaml']!.replace('{ 2020: 80.5, 2022: 86.2 }', '{ 2020: 0.962, 2022: 0.975 }')));
    expect(more).toEqual([]);
    expect(w).toMatchObject({ severity: 'warning', path: ['results', 2, 'values'] });
    expect(w!.message).toContain('“城镇污水处理率”的数值（0.962、0.975）都不大于 1，指标值却是 ≥85：像是写成了比例');
  });

  it('a % target or a superior level target of at most 1', async () => {
    const found = await warningsOf((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('target: ≥85', 'target: ≥0.85');
      f['results.yaml'] = f['results.yaml']!.replace('values: { 2020: 100, 2022: 100 }', 'values: { 2020: 100, 2022: 100 }\n    superiorTarget: { value: 0.9 }');
    });
    expect(found.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['domains.1.tasks.0.indicators.0.target', 'results.1.superiorTarget.value']));
  });

  it('says nothing of real percentages, nor of a small share under a ceiling', async () => {
    expect(await warningsOf(() => undefined)).toEqual([]);
    expect(await warningsOf((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('target: ≥85', 'target: ≤5');
      f['results.yaml'] = f['results.yaml']!.replace('{ 2020: 80.5, 2022: 86.2 }', '{ 2020: 0.8, 2022: 0.5 }');
    })).toEqual([]);
  });
});

describe('lines and marks that leave an indicator unjudged', () => {
  let project: MiniProject | undefined;
  afterEach(async () => project?.cleanup());

  it('warns when an indicator marked 不涉及 has values reported', async () => {
    project = await makeMiniProject((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('            target: ≥85\n', '            target: ≥85\n            notApplicable: 本区无城镇污水处理厂（示例）\n');
    });
    const checked = await checkProject(project.dir);
    const w = checked.issues.find((i) => i.code === 'result-not-applicable-reported' && i.path.join('.') === 'results.2');
    expect(w?.message).toContain('标为不涉及（本区无城镇污水处理厂（示例）），results.yaml 却填报了数值');
  });
});

describe('a district whose terrain has no line', () => {
  it('warns at the lines by terrain when none is the district’s', async () => {
    const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'terrain-'));
    try {
      cpSync('fixtures/yanzhou-2023', dir, { recursive: true });
      const file = path.join(dir, 'project.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('terrain: 平原地区', 'terrain: 山区'));
      const checked = await checkProject(dir);
      const w = checked.issues.find((i) => i.code === 'terrain-line-missing');
      expect(w?.message).toContain('指标10“林草覆盖率”按地形分行（①平原地区），没有本区地形“山区”的一行');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
