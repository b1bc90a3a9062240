import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';
import { haveTools } from '../helpers/tools.ts';

/**
 * 不涉及 and sub-indicator verdicts through every output: validate --json, build --json, manifest.json, the report's
 * 附件1 and the annex contents. Indicator 2 gets two sub-indicators: ① 信息公开率 100 (by hand: 100 = 100 → 达标,
 * proven by E1 which names the whole indicator) and ② marked 不涉及; indicator 3 (参考性) is marked 不涉及, so the
 * 申报条件 counts 约束性 2/2 and 参考性 0/0. E2 names '2①'.
 */
let mini: MiniProject;
let out: string;
beforeAll(async () => {
  mini = await makeMiniProject((f) => {
    f['indicators.yaml'] = f['indicators.yaml']!
      .replace(`            target: "100"
            attribute: 约束性
            units: [区生态环境分局, 区综合行政执法局]`, `            target: "100"
            attribute: 约束性
            units: [区生态环境分局, 区综合行政执法局]
            subIndicators:
              - { no: 1, name: 政府信息公开率 }
              - { no: 2, name: 环境信息依申请公开答复率, notApplicable: 本年度无依申请公开事项（示例理由） }`)
      .replace(`            units: [区水务局]`, `            units: [区水务局]
            notApplicable: 本区无城镇污水处理设施（示例理由）`);
    f['results.yaml'] = f['results.yaml']!.replace('  - indicator: 2\n', '  - indicator: 2\n    sub: 1\n');
    f['evidence.yaml'] = f['evidence.yaml']!.replace('indicators: [3]', "indicators: ['2①']");
  });
  out = mkdtempSync(path.join(os.tmpdir(), 'eco-na-'));
}, 60_000);
afterAll(async () => {
  await mini.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('不涉及 and sub-indicator verdicts in every output', () => {
  it('validate --json: sub-indicator verdicts under their indicator, 不涉及 not counted', async () => {
    const r = await run('validate', mini.dir, '--json');
    const json = JSON.parse(r.stdout);
    expect(json.errors).toEqual([]);
    const two = json.indicators.find((i: { no: number }) => i.no === 2);
    expect(two).toMatchObject({ verdict: '达标' });
    expect(two.subs).toEqual([
      { no: 1, mark: '①', name: '政府信息公开率', applies: true, verdict: '达标', reason: '现状值 100% = 100%' },
      { no: 2, mark: '②', name: '环境信息依申请公开答复率', applies: false, verdict: '不涉及', reason: '不涉及：本年度无依申请公开事项（示例理由）' },
    ]);
    expect(json.indicators.find((i: { no: number }) => i.no === 3)).toMatchObject({ verdict: '不涉及', notApplicable: '本区无城镇污水处理设施（示例理由）' });
    expect(json.summary.verdicts).toMatchObject({ 达标: 2, 不涉及: 1 });
    expect(json.eligibility).toMatchObject({ eligible: true, binding: { met: 2, total: 2 }, reference: { met: 0, total: 0 } });
    expect(json.eligibility.line).toContain('（不含不涉及的第 3 项）');
  });

  it('build --json and manifest.json carry them; the annex marks the sub-indicator item and the 不涉及 indicator', async () => {
    const r = await run('build', mini.dir, '--out', out, '--json');
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(true);
    expect(json.indicators.find((i: { no: number }) => i.no === 2).subs.map((s: { verdict: string }) => s.verdict)).toEqual(['达标', '不涉及']);
    const bundle = path.join(out, readdirSync(out).find((n) => !n.endsWith('.zip') && !n.startsWith('.'))!);
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8'));
    const two = manifest.indicators.find((i: { no: number }) => i.no === 2);
    expect(two.subs[0]).toMatchObject({ mark: '①', verdict: '达标', evidence: ['E2'] });
    expect(two.subs[1]).toMatchObject({ mark: '②', verdict: '不涉及', evidence: [] });
    if (haveTools('pdftotext')) {
      const annex = readdirSync(bundle).find((n) => n.endsWith('.pdf'))!;
      const text = execFileSync('pdftotext', ['-layout', path.join(bundle, annex), '-'], { encoding: 'utf8' });
      expect(text).toContain('2. ①污水处理情况报告');
      expect(text).toMatch(/指标3\s+城镇污水处理率（不涉及：本区无城镇污水处理设施（示例理由））/);
    }
  }, 300_000);
});
