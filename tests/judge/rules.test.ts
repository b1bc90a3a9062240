import { describe, expect, it } from 'vitest';
import {
  judgeDelta, judgeEither, judgeQualitative, judgeSuperior, judgeThreshold, judgeTrend, type RuleContext,
} from '../../src/judge/rules.ts';
import { parseTarget, type Target } from '../../src/judge/target.ts';
import type { Result } from '../../src/model/results.ts';

const years = { baselineYear: 2020, currentYear: 2022 };

function target<K extends Target['kind']>(text: string, kind: K): Extract<Target, { kind: K }> {
  const out = parseTarget(text);
  if (!out.ok || out.target.kind !== kind) throw new Error(`“${text}” is not a ${kind}`);
  return out.target as Extract<Target, { kind: K }>;
}

function ctx(result: Partial<Result> | undefined, over: Partial<RuleContext> = {}): RuleContext {
  return {
    unit: '%', better: 'higher', measure: 'level', years,
    result: result === undefined ? undefined : { indicator: 1, values: {}, ...result },
    ...over,
  };
}

describe('threshold', () => {
  const t = target('≥85', 'threshold');
  it('passes at or above the number', () => {
    expect(judgeThreshold(t, ctx({ values: { 2022: 86.2 } }))).toMatchObject({ verdict: '达标', reason: '现状值 86.2% ≥ 85%', currentText: '86.2%', current: 86.2 });
    expect(judgeThreshold(t, ctx({ values: { 2022: 85 } })).verdict).toBe('达标');
  });
  it('fails below it, showing the opposite sign', () => {
    expect(judgeThreshold(t, ctx({ values: { 2022: 84.9 } }))).toMatchObject({ verdict: '未达标', reason: '现状值 84.9% < 85%' });
  });
  it('waits for a missing current value', () => {
    expect(judgeThreshold(t, ctx({ values: { 2020: 80 } }))).toMatchObject({ verdict: '待补充', reason: '缺少2022年现状值', currentText: '—' });
    expect(judgeThreshold(t, ctx(undefined)).reason).toBe('缺少2022年现状值');
  });
  it('a bare 100 means exactly 100, up to float noise', () => {
    const hundred = target('100', 'threshold');
    expect(judgeThreshold(hundred, ctx({ values: { 2022: 100 } }))).toMatchObject({ verdict: '达标', reason: '现状值 100% = 100%' });
    expect(judgeThreshold(hundred, ctx({ values: { 2022: (0.1 + 0.2) * 1000 / 3 } })).verdict).toBe('达标');
    expect(judgeThreshold(hundred, ctx({ values: { 2022: 99.5 } }))).toMatchObject({ verdict: '未达标', reason: '现状值 99.5% < 100%' });
  });
  it('other units are appended without a space, "-" is omitted', () => {
    const low = target('≤0.5', 'threshold');
    expect(judgeThreshold(low, ctx({ values: { 2022: 0.45 } }, { unit: '吨标准煤/万元' })).reason).toBe('现状值 0.45吨标准煤/万元 ≤ 0.5吨标准煤/万元');
    expect(judgeThreshold(target('≥-1', 'threshold'), ctx({ values: { 2022: -0.5 } }, { unit: '-' })).reason).toBe('现状值 -0.5 ≥ -1');
  });
  it('with measure change compares current − baseline, in percentage points for %', () => {
    const two = target('≥2', 'threshold');
    expect(judgeThreshold(two, ctx({ values: { 2020: 55.6, 2022: 58 } }, { measure: 'change' }))).toMatchObject({ verdict: '达标', reason: '提高 2.4 个百分点 ≥ 2 个百分点', currentText: '提高 2.4 个百分点' });
    expect(judgeThreshold(two, ctx({ values: { 2020: 57, 2022: 58 } }, { measure: 'change' }))).toMatchObject({ verdict: '未达标', reason: '提高 1 个百分点 < 2 个百分点' });
    expect(judgeThreshold(two, ctx({ values: { 2022: 58 } }, { measure: 'change' })).reason).toBe('缺少2020年基准值');
    expect(judgeThreshold(two, ctx({}, { measure: 'change' })).reason).toBe('缺少2020年基准值、2022年现状值');
  });
});

describe('delta', () => {
  const t = target('ΔEQI≥-1', 'delta');
  it('passes when the change is at least the number', () => {
    expect(judgeDelta(t, ctx({ values: { 2020: 60.1, 2022: 59.8 } }, { unit: '-' }))).toMatchObject({
      verdict: '达标', reason: 'ΔEQI = -0.3 ≥ -1（2020年 60.1 → 2022年 59.8）', currentText: 'ΔEQI=-0.3',
    });
  });
  it('fails when the index fell by more', () => {
    expect(judgeDelta(t, ctx({ values: { 2020: 60.1, 2022: 58.6 } }, { unit: '-' }))).toMatchObject({
      verdict: '未达标', reason: 'ΔEQI = -1.5 < -1（2020年 60.1 → 2022年 58.6）',
    });
  });
  it('waits for either year', () => {
    expect(judgeDelta(t, ctx({ values: { 2022: 58.6 } }, { unit: '-' }))).toMatchObject({ verdict: '待补充', reason: '缺少2020年基准值' });
  });
});

describe('superior', () => {
  const t = target('完成上级规定的目标任务', 'superior');
  it('compares with the superior target and names its source', () => {
    const r = { values: { 2022: 74.8 }, superiorTarget: { op: '≥' as const, value: 66.5, text: '济宁市下达2022年度目标' } };
    expect(judgeSuperior(t, ctx(r))).toMatchObject({ verdict: '达标', reason: '现状值 74.8% ≥ 上级目标 66.5%（济宁市下达2022年度目标）' });
  });
  it('fails below it', () => {
    const r = { values: { 2022: 60 }, superiorTarget: { op: '≥' as const, value: 66.5 } };
    expect(judgeSuperior(t, ctx(r))).toMatchObject({ verdict: '未达标', reason: '现状值 60% < 上级目标 66.5%' });
  });
  it('needs the superior target', () => {
    expect(judgeSuperior(t, ctx({ values: { 2022: 74.8 } }))).toMatchObject({ verdict: '待补充', reason: '缺少上级规定的目标值' });
    expect(judgeSuperior(t, ctx(undefined)).reason).toBe('缺少上级规定的目标值；缺少2022年现状值');
  });
  it('uses the target sign, e.g. ≤ for an energy intensity', () => {
    const r = { values: { 2022: 0.52 }, superiorTarget: { op: '≤' as const, value: 0.5 } };
    expect(judgeSuperior(t, ctx(r, { unit: '吨标准煤/万元' }))).toMatchObject({ verdict: '未达标', reason: '现状值 0.52吨标准煤/万元 > 上级目标 0.5吨标准煤/万元' });
  });
});

describe('trend', () => {
  const stable = target('保持稳定或持续改善', 'trend');
  it('保持稳定或持续改善: not worse than the baseline, in the better direction', () => {
    expect(judgeTrend(stable, ctx({ values: { 2020: 71.2, 2022: 74.8 } }))).toMatchObject({ verdict: '达标', reason: '2022年 74.8% ≥ 2020年 71.2%（保持稳定或持续改善）' });
    expect(judgeTrend(stable, ctx({ values: { 2020: 71.2, 2022: 71.2 } })).verdict).toBe('达标');
    expect(judgeTrend(stable, ctx({ values: { 2020: 71.2, 2022: 70 } }))).toMatchObject({ verdict: '未达标', reason: '2022年 70% < 2020年 71.2%（较2020年变差）' });
    const lower = ctx({ values: { 2020: 0.5, 2022: 0.45 } }, { better: 'lower', unit: '吨标准煤/万元' });
    expect(judgeTrend(stable, lower)).toMatchObject({ verdict: '达标', reason: '2022年 0.45吨标准煤/万元 ≤ 2020年 0.5吨标准煤/万元（保持稳定或持续改善）' });
    expect(judgeTrend(stable, ctx({ values: { 2020: 0.45, 2022: 0.5 } }, { better: 'lower' })).verdict).toBe('未达标');
  });
  it('不降低: current ≥ baseline by default', () => {
    const t = target('不降低', 'trend');
    expect(judgeTrend(t, ctx({ values: { 2020: 90, 2022: 90 } })).verdict).toBe('达标');
    expect(judgeTrend(t, ctx({ values: { 2020: 90, 2022: 89 } }))).toMatchObject({ verdict: '未达标', reason: '2022年 89% < 2020年 90%（较2020年降低）' });
  });
  it('减少: strictly less, whatever is better', () => {
    const t = target('减少', 'trend');
    expect(judgeTrend(t, ctx({ values: { 2020: 22.3, 2022: 20.1 } }, { unit: '千克/亩' }))).toMatchObject({ verdict: '达标', reason: '2022年 20.1千克/亩 < 2020年 22.3千克/亩（减少）' });
    expect(judgeTrend(t, ctx({ values: { 2020: 22.3, 2022: 22.3 } }, { unit: '千克/亩' }))).toMatchObject({ verdict: '未达标', reason: '2022年 22.3千克/亩 ≥ 2020年 22.3千克/亩（未减少）' });
    expect(judgeTrend(t, ctx({ values: { 2020: 22.3, 2022: 20.1 } }, { better: 'higher' })).verdict).toBe('达标');
  });
  it('不减少: current ≥ baseline', () => {
    const t = target('不减少', 'trend');
    expect(judgeTrend(t, ctx({ values: { 2020: 10, 2022: 10 } }, { better: 'lower' })).verdict).toBe('达标');
    expect(judgeTrend(t, ctx({ values: { 2020: 10, 2022: 9 } })).reason).toBe('2022年 9% < 2020年 10%（较2020年减少）');
  });
  it('waits for both years', () => {
    expect(judgeTrend(stable, ctx({ values: { 2022: 74.8 } }))).toMatchObject({ verdict: '待补充', reason: '缺少2020年基准值' });
    expect(judgeTrend(stable, ctx({ values: { 2020: 74.8 } }))).toMatchObject({ verdict: '待补充', reason: '缺少2022年现状值' });
  });
});

describe('qualitative', () => {
  const t = target('建立', 'qualitative');
  it('已达到 passes (evidence is checked per indicator)', () => {
    expect(judgeQualitative(t, ctx({ status: '已达到', description: '已印发\n名录制度' }))).toEqual({ verdict: '达标', reason: '已达到“建立”：已印发 名录制度', currentText: '已建立（已印发 名录制度）' });
    expect(judgeQualitative(target('不明显', 'qualitative'), ctx({ status: '已达到' })).currentText).toBe('不明显');
  });
  it('推进中 and 未达到 fail', () => {
    expect(judgeQualitative(t, ctx({ status: '推进中' }))).toMatchObject({ verdict: '未达标', reason: '推进中，尚未达到“建立”', currentText: '推进中' });
    expect(judgeQualitative(t, ctx({ status: '未达到' }))).toMatchObject({ verdict: '未达标', reason: '未达到“建立”' });
  });
  it('waits for a declared status', () => {
    expect(judgeQualitative(t, ctx({ values: { 2022: 1 } }))).toMatchObject({ verdict: '待补充', currentText: '—' });
    expect(judgeQualitative(t, ctx(undefined)).reason).toMatch(/^达标情况待补充说明/);
  });
  it('never cuts a long description: the cell shows it whole, or the short form the office wrote', () => {
    const long = '区政府印发了建设用地土壤污染风险管控和修复名录制度并按季度更新名录，已公开发布';
    expect(judgeQualitative(t, ctx({ status: '已达到', description: long })).currentText).toBe(`已建立（${long}）`);
    expect(judgeQualitative(t, ctx({ status: '已达到', description: long, current: '名录按季度更新' })).currentText).toBe('已建立（名录按季度更新）');
  });
});

describe('either', () => {
  const t = target('完成上级规定的改善目标；保持稳定或持续改善', 'either');
  it('with a superior target, judges against it', () => {
    const r = { values: { 2020: 80, 2022: 78 }, superiorTarget: { op: '≥' as const, value: 75 } };
    expect(judgeEither(t, ctx(r))).toMatchObject({ verdict: '达标', reason: '现状值 78% ≥ 上级目标 75%' });
  });
  it('without one, judges the trend', () => {
    expect(judgeEither(t, ctx({ values: { 2020: 80, 2022: 78 } }))).toMatchObject({ verdict: '未达标', reason: '2022年 78% < 2020年 80%（较2020年变差）' });
    expect(judgeEither(t, ctx({ values: { 2020: 80, 2022: 82 } })).verdict).toBe('达标');
    expect(judgeEither(t, ctx({ values: { 2022: 82 } }))).toMatchObject({ verdict: '待补充', reason: '缺少2020年基准值' });
  });
});

describe('target forms as districts really write them', () => {
  const superior = target('完成上级规定的考核任务', 'superior');
  it('a superior level target without a sign is a ceiling where lower is better, a floor otherwise', () => {
    const energy = ctx({ values: { 2022: 0.57 }, superiorTarget: { value: 0.6 } }, { better: 'lower', unit: '吨标准煤/万元' });
    expect(judgeSuperior(superior, energy)).toMatchObject({ verdict: '达标', reason: '现状值 0.57吨标准煤/万元 ≤ 上级目标 0.6吨标准煤/万元' });
    expect(judgeSuperior(superior, ctx({ values: { 2022: 0.63 }, superiorTarget: { value: 0.6 } }, { better: 'lower' })).verdict).toBe('未达标');
    expect(judgeSuperior(superior, ctx({ values: { 2022: 70 }, superiorTarget: { value: 66.5 } }))).toMatchObject({ verdict: '达标', reason: '现状值 70% ≥ 上级目标 66.5%' });
    // a sign written out is kept
    expect(judgeSuperior(superior, ctx({ values: { 2022: 0.57 }, superiorTarget: { op: '≥', value: 0.55 } }, { better: 'lower' })).verdict).toBe('达标');
  });
  it('measure: level written out compares the level, also on a line measured as a change', () => {
    const line = ctx({ values: { 2020: 50, 2022: 66.7 }, superiorTarget: { op: '≥', value: 66.7, measure: 'level' } }, { measure: 'change' });
    expect(judgeSuperior(superior, line)).toMatchObject({ verdict: '达标', reason: '现状值 66.7% ≥ 上级目标 66.7%' });
    // left out, the line's own measure is compared
    const implicit = ctx({ values: { 2020: 50, 2022: 66.7 }, superiorTarget: { op: '≥', value: 20 } }, { measure: 'change' });
    expect(judgeSuperior(superior, implicit)).toMatchObject({ verdict: '未达标', reason: '提高 16.7 个百分点 < 上级目标 20 个百分点' });
  });
  it('a change target is judged on the change itself, and the number shown never rounds across the target', () => {
    const short = ctx({ values: { 2020: 60, 2022: 61.995 }, superiorTarget: { text: '较2020年提高2个百分点' } });
    expect(judgeSuperior(superior, short)).toMatchObject({ verdict: '未达标' });
    expect(judgeSuperior(superior, short).reason).toContain('较2020年累计提高1.995个百分点，未完成上级下达的提高2个百分点目标');
    const rate = ctx({ values: { 2020: 1, 2022: 0.95005 }, superiorTarget: { text: '较2020年累计降低5%' } }, { better: 'lower', unit: '吨/万元' });
    expect(judgeSuperior(superior, rate).verdict).toBe('未达标');
    expect(judgeSuperior(superior, rate).reason).toContain('降低4.995%');
    const met = ctx({ values: { 2020: 60, 2022: 62.004 }, superiorTarget: { text: '较2020年提高2个百分点' } });
    expect(judgeSuperior(superior, met).reason).toContain('较2020年累计提高2个百分点，完成');
  });
  it('the superior’s own finding (考核结果 完成 / 未完成) decides when no target number is given', () => {
    expect(judgeSuperior(superior, ctx({ status: '已达到', description: '2022年度考核结果为完成' }))).toMatchObject({
      verdict: '达标', reason: '已完成上级规定的考核任务：2022年度考核结果为完成', currentText: '完成（2022年度考核结果为完成）',
    });
    expect(judgeSuperior(superior, ctx({ status: '未达到' }))).toMatchObject({ verdict: '未达标', reason: '未完成上级规定的考核任务', currentText: '未完成' });
    expect(judgeSuperior(superior, ctx({ values: { 2022: 1 } })).verdict).toBe('待补充');
    const either = target('完成上级规定的考核任务；保持稳定或持续改善', 'either');
    expect(judgeEither(either, ctx({ status: '已达到', values: { 2020: 80, 2022: 78 } })).verdict).toBe('达标');
  });
  it('持续… holds year by year, not only between the two ends', () => {
    const rising = target('持续提高', 'trend');
    expect(judgeTrend(rising, ctx({ values: { 2020: 80, 2021: 70, 2022: 81 } }))).toMatchObject({ verdict: '未达标', reason: '2021年 70% ≤ 2020年 80%（未持续提高）' });
    expect(judgeTrend(rising, ctx({ values: { 2020: 80, 2021: 80.5, 2022: 81 } })).verdict).toBe('达标');
    // years outside the two compared do not count
    expect(judgeTrend(rising, ctx({ values: { 2019: 90, 2020: 80, 2022: 81 } })).verdict).toBe('达标');
    const improving = target('持续改善', 'trend');
    expect(judgeTrend(improving, ctx({ values: { 2020: 40, 2021: 42, 2022: 35 } }, { better: 'lower' })).reason).toBe('2021年 42% ≥ 2020年 40%（未持续改善）');
  });
  it('不降低 means not lower, whichever way is better', () => {
    const t = target('不降低', 'trend');
    expect(judgeTrend(t, ctx({ values: { 2020: 30, 2022: 31 } }, { better: 'lower' })).verdict).toBe('达标');
    expect(judgeTrend(t, ctx({ values: { 2020: 30, 2022: 29 } }, { better: 'lower' })).verdict).toBe('未达标');
  });
  it('a fall in a share measured as a change compares the same quantity on both sides, and the cell reads 降低', () => {
    const t = target('≥2', 'threshold');
    expect(judgeThreshold(t, ctx({ values: { 2020: 70, 2022: 59 } }, { measure: 'change' }))).toMatchObject({ verdict: '未达标', reason: '提高幅度 -11 个百分点 < 2 个百分点', currentText: '降低 11 个百分点' });
  });
});
