import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';

/** 申报条件 on the sample: 18 (约束性) waits for data and only 12 of 16 参考性 are met; meeting 18, 26 and 31 makes it eligible. */
describe('eligibility (申报条件)', () => {
  it('the sample is valid but not eligible, naming the indicators that block', async () => {
    const r = await run('validate', '--json');
    expect(r.code).toBe(0);
    const { eligibility } = JSON.parse(r.stdout);
    expect(eligibility).toMatchObject({
      eligible: false,
      binding: { met: 18, total: 19 },
      reference: { met: 12, total: 16, share: 0.75, required: 0.8 },
    });
    expect(eligibility.reasons.map((x: { no: number }) => x.no)).toEqual([18, 19, 26, 28, 31]);
    expect(eligibility.reasons[0]).toMatchObject({ no: 18, attribute: '约束性', verdict: '待补充' });
    const human = await run('validate');
    expect(human.stdout.split('\n').at(-1)).toBe(
      '申报条件：不满足，暂不能申报：约束性指标达标 18/19 项，第 18 项尚未达标；参考性指标达标 12/16 项（75%），低于 80%，还需 1 项达标（申报条件按通行说法，尚未与管理规程原文核对）。',
    );
  });

  it('is eligible once the blocking indicators are met', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eco-eligible-'));
    try {
      await cp('fixtures/yanzhou-2023', dir, { recursive: true });
      const file = path.join(dir, 'results.yaml');
      const text = (await readFile(file, 'utf8'))
        .replace('values: { 2022: 11.8 }', 'values: { 2020: 12.5, 2022: 11.8 }')
        .replace('values: { 2020: 38.5, 2021: 42.1, 2022: 46.3 }', 'values: { 2020: 38.5, 2021: 42.1, 2022: 51.2 }')
        .replace('  - indicator: 31\n    status: 推进中', '  - indicator: 31\n    status: 已达到');
      await writeFile(file, text);
      const r = await run('validate', dir, '--json');
      expect(r.code).toBe(0);
      const { eligibility } = JSON.parse(r.stdout);
      expect(eligibility).toMatchObject({ eligible: true, binding: { met: 19, total: 19 }, reference: { met: 14, total: 16, share: 0.875 }, reasons: [] });
      const human = await run('validate', dir);
      expect(human.stdout.split('\n').at(-1)).toMatch(/^申报条件：满足，可以申报。约束性指标达标 19\/19 项，参考性指标达标 14\/16 项（87.5%，要求不低于 80%）/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
