import { describe, expect, it } from 'vitest';
import { judgeTarget, type RuleContext } from '../../src/judge/rules.ts';
import { parseTarget } from '../../src/judge/target.ts';
import { clerkHints } from '../../src/judge/index.ts';
import { inputsNeeded } from '../../src/judge/needs.ts';
import type { Result } from '../../src/model/results.ts';

/** The target wordings of the 2024 lists: strict signs, 或 alternatives, 且 conjunctions and the `*` mark. */
const years = { baselineYear: 2020, currentYear: 2022 };

function ctx(result: Partial<Result> | undefined, over: Partial<RuleContext> = {}): RuleContext {
  return { unit: '%', better: 'higher', measure: 'level', years, result: result === undefined ? undefined : { indicator: 1, values: {}, ...result }, ...over };
}

function judged(text: string, result: Partial<Result> | undefined, over: Partial<RuleContext> = {}) {
  const parsed = parseTarget(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return judgeTarget(parsed.target, ctx(result, over));
}

describe('strict > and <', () => {
  it('△EQI>-1: a change of exactly -1 is not enough', () => {
    expect(judged('△EQI>-1', { values: { 2020: 60, 2022: 59 } }, { unit: '-' })).toMatchObject({ verdict: '未达标', reason: 'ΔEQI = -1 ≤ -1（2020年 60 → 2022年 59）' });
    expect(judged('△EQI>-1', { values: { 2020: 60, 2022: 59.5 } }, { unit: '-' })).toMatchObject({ verdict: '达标', reason: 'ΔEQI = -0.5 > -1（2020年 60 → 2022年 59.5）' });
  });
  it('<25 and >60 on the level', () => {
    expect(judged('<25', { values: { 2022: 25 } })).toMatchObject({ verdict: '未达标', reason: '现状值 25% ≥ 25%' });
    expect(judged('＞60', { values: { 2022: 60.1 } })).toMatchObject({ verdict: '达标', reason: '现状值 60.1% > 60%' });
  });
});

describe('或: alternatives', () => {
  it('≥90或持续提高 is met by the level', () => {
    const r = judged('≥90或持续提高', { values: { 2020: 92, 2022: 91 } });
    expect(r).toMatchObject({ verdict: '达标', reason: '现状值 91% ≥ 90%（满足“≥90或持续提高”之一）' });
  });
  it('≥90或持续提高 is met by the rise when the level falls short', () => {
    const r = judged('≥90或持续提高', { values: { 2020: 84, 2022: 86.5 } });
    expect(r).toMatchObject({ verdict: '达标', reason: '2022年 86.5% > 2020年 84%（持续提高）（满足“≥90或持续提高”之一）' });
  });
  it('fails when neither holds, showing both', () => {
    const r = judged('≥90或持续提高', { values: { 2020: 88, 2022: 86 } });
    expect(r).toMatchObject({ verdict: '未达标', reason: '现状值 86% < 90%；2022年 86% ≤ 2020年 88%（未提高）（“≥90或持续提高”均未满足）' });
  });
  it('waits when the baseline is missing and the level falls short', () => {
    expect(judged('≥90或持续提高', { values: { 2022: 86 } })).toMatchObject({ verdict: '待补充', reason: '现状值 86% < 90%；缺少2020年基准值（“≥90或持续提高”尚无法判断）' });
  });
});

describe('且: conjunctions', () => {
  const text = '完成上级规定的考核任务，且≤25或持续下降';
  it('needs the superior target and the level (or the fall)', () => {
    const met = judged(text, { values: { 2020: 30, 2022: 27 }, superiorTarget: { op: '≤', value: 28 } }, { better: 'lower' });
    expect(met).toMatchObject({ verdict: '达标', reason: '现状值 27% ≤ 上级目标 28%，且2022年 27% < 2020年 30%（持续下降）（满足“≤25或持续下降”之一）' });
  });
  it('fails when the superior target is missed though the level is fine', () => {
    const r = judged(text, { values: { 2020: 30, 2022: 24 }, superiorTarget: { op: '≤', value: 22 } }, { better: 'lower' });
    expect(r.verdict).toBe('未达标');
    expect(r.reason).toBe('现状值 24% > 上级目标 22%，且现状值 24% ≤ 25%（满足“≤25或持续下降”之一）');
  });
  it('waits for the superior target', () => {
    const r = judged(text, { values: { 2020: 30, 2022: 24 } }, { better: 'lower' });
    expect(r.verdict).toBe('待补充');
    expect(r.reason).toBe('缺少上级规定的目标值，且现状值 24% ≤ 25%（满足“≤25或持续下降”之一）');
  });
  it('reads 完成上级规定的考核任务，保持稳定或持续改善 as the superior target, else the trend', () => {
    const parsed = parseTarget('完成上级规定的考核任务，保持稳定或持续改善');
    expect(parsed.ok && parsed.target.kind).toBe('either');
  });
  it('asks the workbook for values and the superior target (or its finding, as a status)', () => {
    const parsed = parseTarget(text);
    expect(parsed.ok && inputsNeeded(parsed.target)).toEqual({ values: true, superior: true, status: true });
  });
});

describe('* applicability mark', () => {
  it('judges the marked target and says it applies only where relevant', () => {
    expect(judged('≥93*', { values: { 2022: 95 } })).toMatchObject({ verdict: '达标', reason: '现状值 95% ≥ 93%（带*：仅在相关地区考核）' });
  });
  it('with nothing reported, tells the office (not the reader) it may leave the indicator out', () => {
    const v = judged('*保持稳定或持续改善', undefined);
    expect(v).toMatchObject({ verdict: '待补充', reason: '缺少2020年基准值、2022年现状值（带*：仅在相关地区考核）' });
    expect(clerkHints(v)).toEqual(['带*指标：本地不涉及的，请从 indicators.yaml 中删去并写明原因']);
  });
  it('reads the 2024 qualitative wordings', () => {
    expect(parseTarget('有效保障')).toMatchObject({ ok: true, target: { kind: 'qualitative', phrase: '有效保障' } });
    expect(parseTarget('生态功能不降低、性质不改变')).toMatchObject({ ok: true, target: { kind: 'qualitative' } });
  });
});

describe('bad new forms, with their exact messages', () => {
  it.each([
    ['≥90或', '“或”的前后都应写出一种选择，实际是“≥90或”'],
    ['完成上级规定的考核任务，且', '“且”的前后都应写出要求，实际是“完成上级规定的考核任务，且”'],
    ['*', '“*”只标明“仅在相关地区适用”，前面还应写出指标值'],
    ['≥90或大幅提高', expect.stringMatching(/^无法识别“大幅提高”，最接近的写法是“持续提高”；可用的写法：/)],
    ['＞', '“>”后缺少数值'],
  ])('%s', (text, message) => {
    expect(parseTarget(text)).toEqual({ ok: false, message });
  });
});
