import { describe, expect, it } from 'vitest';
import { checkTargets, clerkHints, judge, judgeIndicator, rollUp } from '../../src/judge/index.ts';
import type { Result } from '../../src/model/results.ts';
import { byNo, indicator, SEED_INDICATORS } from './seed-indicators.ts';

const years = { baselineYear: 2020, currentYear: 2022 };
const r = (indicatorNo: number, rest: Partial<Result> = {}): Result => ({ indicator: indicatorNo, values: {}, ...rest });

describe('judgeIndicator', () => {
  it('judges an indicator without sub-indicators from its own result', () => {
    const v = judgeIndicator(byNo(25), [r(25, { values: { 2020: 80.5, 2022: 86.2 } }), r(26, { values: { 2022: 10 } })], 2, years);
    expect(v).toEqual({ no: 25, verdict: '达标', reason: '现状值 86.2% ≥ 85%', currentText: '86.2%', evidenceCount: 2, subs: [] });
  });

  it('turns 达标 without evidence into 待补充 (缺少佐证材料)', () => {
    const v = judgeIndicator(byNo(25), [r(25, { values: { 2022: 86.2 } })], 0, years);
    expect(v).toMatchObject({ verdict: '待补充', reason: '现状值 86.2% ≥ 85%；缺少佐证材料', evidenceCount: 0 });
    const q = judgeIndicator(byNo(13), [r(13, { status: '已达到' })], 0, years);
    expect(q).toMatchObject({ verdict: '待补充', reason: '已达到“建立”；缺少佐证材料', currentText: '已建立' });
    // 未达标 stays 未达标
    expect(judgeIndicator(byNo(25), [r(25, { values: { 2022: 80 } })], 0, years).verdict).toBe('未达标');
  });

  it('names what is missing', () => {
    expect(judgeIndicator(byNo(25), [], 1, years)).toMatchObject({ verdict: '待补充', reason: '缺少2022年现状值', currentText: '—' });
    expect(judgeIndicator(byNo(9), [r(9, { values: { 2022: 60 } })], 1, years).reason).toBe('缺少2020年基准值');
  });

  it('9: ΔEQI ≥ -1', () => {
    const pass = judgeIndicator(byNo(9), [r(9, { values: { 2020: 65.6, 2022: 66.12 } })], 1, years);
    expect(pass).toMatchObject({ verdict: '达标', reason: 'ΔEQI = 0.52 ≥ -1（2020年 65.6 → 2022年 66.12）', currentText: 'ΔEQI=0.52' });
    const fail = judgeIndicator(byNo(9), [r(9, { values: { 2020: 65.6, 2022: 64.5 } })], 1, years);
    expect(fail).toMatchObject({ verdict: '未达标', reason: 'ΔEQI = -1.1 < -1（2020年 65.6 → 2022年 64.5）' });
  });

  it('17: superior target where given, otherwise the trend (lower is better)', () => {
    const withTarget = judgeIndicator(byNo(17), [r(17, { values: { 2020: 0.5, 2022: 0.46 }, superiorTarget: { op: '≤', value: 0.48, text: '市下达' } })], 1, years);
    expect(withTarget).toMatchObject({ verdict: '达标', reason: '现状值 0.46吨标准煤/万元 ≤ 上级目标 0.48吨标准煤/万元（市下达）', currentText: '0.46吨标准煤/万元' });
    const trend = judgeIndicator(byNo(17), [r(17, { values: { 2020: 0.5, 2022: 0.46 } })], 1, years);
    expect(trend).toMatchObject({ verdict: '达标', reason: '2022年 0.46吨标准煤/万元 ≤ 2020年 0.5吨标准煤/万元（保持稳定或持续改善）' });
    const superiorOnly = judgeIndicator(byNo(29), [r(29, { values: { 2022: 95 } })], 1, years);
    expect(superiorOnly).toMatchObject({ verdict: '待补充', reason: '缺少上级规定的目标值' });
    // what the office does about it is a hint for validate and status, never part of the reason a document prints
    expect(clerkHints(superiorOnly)).toEqual(['在 results.yaml 中该指标的结果里填写 superiorTarget（上级规定的目标值）']);
  });

  describe('22: the condition on the current level picks the sub-indicator', () => {
    const ind = byNo(22);
    it('≤60%: the rise must be ≥ 2 points', () => {
      const v = judgeIndicator(ind, [r(22, { values: { 2020: 55.6, 2022: 58 } })], 1, years);
      expect(v.verdict).toBe('达标');
      expect(v.reason).toBe('现状综合利用率 58% ≤ 60%，提高 2.4 个百分点 ≥ 2 个百分点');
      expect(v.currentText).toBe('58%，提高 2.4 个百分点');
      expect(v.subs).toEqual([
        { no: 1, name: '综合利用率≤60%的地区', applies: true, verdict: '达标', reason: v.reason, current: 58, baseline: 55.6 },
        { no: 2, name: '综合利用率＞60%的地区', applies: false, verdict: '不适用', reason: '不适用：现状综合利用率 58%，不满足“＞60”' },
      ]);
      const short = judgeIndicator(ind, [r(22, { values: { 2020: 57, 2022: 58 } })], 1, years);
      expect(short).toMatchObject({ verdict: '未达标', reason: '现状综合利用率 58% ≤ 60%，提高 1 个百分点 < 2 个百分点' });
    });
    it('>60%: the level must stay stable or improve', () => {
      const v = judgeIndicator(ind, [r(22, { values: { 2020: 63, 2022: 65 } })], 1, years);
      expect(v).toMatchObject({ verdict: '达标', reason: '现状综合利用率 65% > 60%，2022年 65% ≥ 2020年 63%（保持稳定或持续改善）', currentText: '65%' });
      expect(v.subs.map((s) => s.applies)).toEqual([false, true]);
      const worse = judgeIndicator(ind, [r(22, { values: { 2020: 70, 2022: 65 } })], 1, years);
      expect(worse).toMatchObject({ verdict: '未达标', reason: '现状综合利用率 65% > 60%，2022年 65% < 2020年 70%（较2020年变差）' });
    });
    it('exactly 60% falls under ≤60', () => {
      const v = judgeIndicator(ind, [r(22, { values: { 2020: 57, 2022: 60 } })], 1, years);
      expect(v.subs.find((s) => s.applies)?.no).toBe(1);
      expect(v.reason).toBe('现状综合利用率 60% ≤ 60%，提高 3 个百分点 ≥ 2 个百分点');
    });
    it('without the current value no sub-indicator applies', () => {
      const v = judgeIndicator(ind, [r(22, { values: { 2020: 57 } })], 1, years);
      expect(v).toMatchObject({ verdict: '待补充', reason: '缺少2022年现状值，无法判断适用哪一分项', currentText: '—' });
      expect(v.subs.every((s) => !s.applies)).toBe(true);
    });
    it('with the current value but no baseline, the applied sub waits', () => {
      const v = judgeIndicator(ind, [r(22, { values: { 2022: 58 } })], 1, years);
      expect(v).toMatchObject({ verdict: '待补充', reason: '现状综合利用率 58% ≤ 60%，缺少2020年基准值', currentText: '58%' });
    });
  });

  describe('sub-indicators roll up', () => {
    const results = (a: number, b: number, c: number) => [
      r(21, { sub: 1, values: { 2022: a } }),
      r(21, { sub: 2, values: { 2022: b } }),
      r(21, { sub: 3, values: { 2022: c } }),
    ];
    it('all 达标 → 达标, reasons joined with ①②③', () => {
      const v = judgeIndicator(byNo(21), results(95, 80, 85), 1, years);
      expect(v.verdict).toBe('达标');
      expect(v.reason).toBe('①现状值 95% ≥ 90%；②现状值 80% ≥ 75%；③现状值 85% ≥ 80%');
      expect(v.currentText).toBe('①95%\n②80%\n③85%');
      expect(v.subs.map((s) => [s.no, s.verdict, s.current])).toEqual([[1, '达标', 95], [2, '达标', 80], [3, '达标', 85]]);
    });
    it('any 未达标 → 未达标, even with another 待补充', () => {
      const v = judgeIndicator(byNo(21), results(95, 70, 85).slice(0, 2), 1, years);
      expect(v.verdict).toBe('未达标');
      expect(v.reason).toBe('①现状值 95% ≥ 90%；②现状值 70% < 75%；③缺少2022年现状值');
      expect(v.currentText).toBe('①95%\n②70%\n③—');
    });
    it('else any 待补充 → 待补充', () => {
      expect(judgeIndicator(byNo(21), results(95, 80, 85).slice(0, 2), 1, years).verdict).toBe('待补充');
    });
    it('without evidence, a rolled-up 达标 waits for it', () => {
      expect(judgeIndicator(byNo(21), results(95, 80, 85), 0, years).reason).toBe('①现状值 95% ≥ 90%；②现状值 80% ≥ 75%；③现状值 85% ≥ 80%；缺少佐证材料');
    });
    it('sub-indicators inherit unit, target and better from the indicator; mixed forms in 11', () => {
      const v7 = judgeIndicator(byNo(7), [
        r(7, { sub: 1, values: { 2020: 80, 2022: 83.1 }, superiorTarget: { op: '≥', value: 82 } }),
        r(7, { sub: 2, values: { 2020: 10, 2022: 12 } }),
      ], 1, years);
      expect(v7.reason).toBe('①现状值 83.1% ≥ 上级目标 82%；②2022年 12% ≥ 2020年 10%（保持稳定或持续改善）');
      const v11 = judgeIndicator(byNo(11), [
        r(11, { sub: 1, values: { 2022: 96 } }),
        r(11, { sub: 2, status: '已达到' }),
        r(11, { sub: 3, values: { 2020: 100, 2022: 100 } }),
      ], 1, years);
      expect(v11).toMatchObject({ verdict: '达标', currentText: '①96%\n②不明显\n③100%' });
      expect(v11.reason).toBe('①现状值 96% ≥ 95%；②已达到“不明显”；③2022年 100% ≥ 2020年 100%（不降低）');
    });
    it('20: 减少 for each sub-indicator', () => {
      const v = judgeIndicator(byNo(20), [
        r(20, { sub: 1, values: { 2020: 25, 2022: 23.5 } }),
        r(20, { sub: 2, values: { 2020: 0.8, 2022: 0.8 } }),
      ], 1, years);
      expect(v).toMatchObject({ verdict: '未达标', reason: '①2022年 23.5千克/亩 < 2020年 25千克/亩（减少）；②2022年 0.8千克/亩 ≥ 2020年 0.8千克/亩（未减少）' });
    });
  });

  it('an unreadable target waits and says why, never passes', () => {
    const v = judgeIndicator(indicator(99, '测试', '%', '大约八十'), [r(99, { values: { 2022: 100 } })], 1, years);
    expect(v.verdict).toBe('待补充');
    expect(v.reason).toMatch(/^指标值“大约八十”无法识别：/);
  });

  it('rollUp', () => {
    expect(rollUp(['达标', '待补充', '未达标'])).toBe('未达标');
    expect(rollUp(['达标', '待补充'])).toBe('待补充');
    expect(rollUp(['达标'])).toBe('达标');
  });
});

describe('judge', () => {
  it('gives one verdict per indicator in input order, counting evidence per indicator', () => {
    const verdicts = judge({
      indicators: [byNo(25), byNo(1), byNo(5)],
      results: [r(1, { status: '已达到', description: '规划已印发实施' }), r(5, { values: { 2022: 100 } }), r(25, { values: { 2022: 84 } })],
      evidence: [{ indicators: [1, 5] }, { indicators: [5] }],
      ...years,
    });
    expect(verdicts.map((v) => [v.no, v.verdict, v.evidenceCount, v.reason, v.currentText])).toEqual([
      [25, '未达标', 0, '现状值 84% < 85%', '84%'],
      [1, '达标', 1, '已达到“制定实施”：规划已印发实施', '已制定实施（规划已印发实施）'],
      [5, '达标', 2, '现状值 100% = 100%', '100%'],
    ]);
  });

  it('judges all 35 seed indicators without results: every one waits, none passes', () => {
    const verdicts = judge({ indicators: SEED_INDICATORS, results: [], evidence: [], ...years });
    expect(verdicts).toHaveLength(35);
    expect(verdicts.every((v) => v.verdict === '待补充')).toBe(true);
    expect(verdicts.every((v) => !v.reason.includes('无法识别'))).toBe(true);
  });
});

describe('checkTargets', () => {
  it('accepts every target of the seed', () => {
    expect(checkTargets(SEED_INDICATORS)).toEqual([]);
  });

  it('reports unreadable targets with the path inside the indicator entry', () => {
    const problems = checkTargets([
      indicator(3, '比例', '%', '大约八十'),
      indicator(21, '利用率', '%', '见分项', {
        subIndicators: [{ no: 1, name: '甲', target: '≥90' }, { no: 2, name: '乙', target: '≥abc' }],
      }),
      indicator(22, '提高幅度', '%', '≥2', {
        subIndicators: [{ no: 1, name: '甲', target: '≥2', when: '不到六十' }, { no: 2, name: '乙' }],
      }),
    ]);
    expect(problems.map((p) => [p.no, p.path, p.actual])).toEqual([
      [3, ['target'], '大约八十'],
      [21, ['subIndicators', 1, 'target'], '≥abc'],
      [22, ['subIndicators', 0, 'when'], '不到六十'],
    ]);
    expect(problems[0]!.message).toMatch(/可用的写法/);
    expect(problems[1]!.message).toBe('“≥”后应为数值，实际是“abc”');
    expect(problems[0]!.expected).toMatch(/ΔEQI≥-1/);
  });

  it('checks the indicator target when a sub-indicator inherits it', () => {
    const problems = checkTargets([indicator(7, '空气', '%', '完成上级目标吧', { subIndicators: [{ no: 1, name: '甲' }] })]);
    expect(problems.map((p) => p.path)).toEqual([['target']]);
  });
});
