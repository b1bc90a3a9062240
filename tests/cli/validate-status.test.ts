import { describe, expect, it } from 'vitest';
import { makeMiniProject } from '../helpers/mini-project.ts';
import { run } from '../helpers/cli.ts';

describe('eco-dossier validate', () => {
  it('accepts the sample: 35 indicators, 19 约束性, 16 参考性, a mix of verdicts', async () => {
    const r = await run('validate', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(true);
    expect(json.errors).toEqual([]);
    expect(json.indicators).toHaveLength(35);
    expect(json.indicators.filter((i: { attribute: string }) => i.attribute === '约束性')).toHaveLength(19);
    expect(json.indicators.filter((i: { attribute: string }) => i.attribute === '参考性')).toHaveLength(16);
    const verdicts = new Set(json.indicators.map((i: { verdict: string }) => i.verdict));
    expect(verdicts).toEqual(new Set(['达标', '未达标', '待补充']));
    expect(json.indicators[11]).toMatchObject({ no: 12, name: '危险废物利用处置率', attribute: '约束性', verdict: '达标' });
    // round 1 corrected indicator 26 (46.3 → 51.2) in its answer, not in results.yaml: said, so 未达标 here is understood
    expect(json.indicators[25]).toMatchObject({ no: 26, verdict: '未达标' });
    const stale = json.warnings.filter((w: { code: string }) => w.code === 'feedback-correction-not-in-results');
    expect(stale).toHaveLength(1);
    expect(stale[0].file).toMatch(/feedback\/round-1\.yaml$/);
    expect(stale[0].message).toContain('指标26 2022年 46.3 → 51.2');
  });

  it('exits 1 with located errors, and --json prints only JSON', async () => {
    const p = await makeMiniProject((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('units: [区水务局]', 'units: [区水利局]');
    });
    try {
      const r = await run('validate', p.dir, '--json');
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout);
      expect(json.ok).toBe(false);
      expect(json.errors[0]).toMatchObject({ code: 'unit-unknown', line: 29 });
      expect(json.errors[0].file).toMatch(/indicators\.yaml$/);
      expect(json.errors[0].message).toContain('是否应为“区水务局”');
      const human = await run('validate', p.dir);
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(/indicators\.yaml:29:\d+: 错误: 指标3的责任单位“区水利局”/);
      expect(human.stdout).not.toMatch(/\n\s+at /);
    } finally {
      await p.cleanup();
    }
  });

  it('exits 2 on wrong arguments', async () => {
    expect((await run('validate', '--bogus')).code).toBe(2);
    expect((await run('no-such-command')).code).toBe(2);
  });
});

describe('eco-dossier status', () => {
  it('lists readiness by responsible unit and days left', async () => {
    const r = await run('status', '--today', '2023-06-20', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.deadlines.map((d: { id: string; daysLeft: number }) => [d.id, d.daysLeft])).toEqual([
      ['materials', 10],
      ['pre-review', 20],
      ['submission', 35],
    ]);
    const comprehensive = json.units.find((u: { unit: string }) => u.unit === '区综合执法局');
    expect(comprehensive.leads).toEqual([27, 28, 31]);
    expect(comprehensive.shares).toEqual([8]);
    const row28 = comprehensive.indicators.find((i: { no: number }) => i.no === 28);
    expect(row28).toMatchObject({ verdict: '待补充', evidenceCount: 0, role: '牵头' });
    expect(row28.missing).toContain('缺少佐证材料');
    const human = await run('status', '--today', '2023-07-26');
    expect(human.stdout).toContain('完成申报（已过 1 天）');
  });

  it('refuses an impossible --today', async () => {
    const r = await run('status', '--today', '2023-02-30');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--today 应为 YYYY-MM-DD 格式的日期');
  });
});
