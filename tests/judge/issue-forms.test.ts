import { describe, expect, it } from 'vitest';
import { assessEligibility, judge, judgeIndicator, parseTarget, resolveSuperior } from '../../src/judge/index.ts';
import type { PlacedIndicator, SubIndicator } from '../../src/model/catalog.ts';
import { EvidenceItem } from '../../src/model/evidence.ts';
import type { Result } from '../../src/model/results.ts';
import { indicator } from './seed-indicators.ts';

/**
 * The target forms a county actually meets: superior targets given as a rate or a change against a base year,
 * 不涉及 with a reason, evidence naming a sub-indicator, terrain lines. Every expected verdict below was worked
 * out by hand from the target text (the arithmetic is in the comment beside it) before the judge was run.
 */
const r = (no: number, rest: Partial<Result> = {}): Result => ({ indicator: no, values: {}, ...rest });
const energy = indicator(17, '单位地区生产总值能耗', '吨标准煤/万元', '完成上级规定的目标任务；保持稳定或持续改善', { better: 'lower' });
const years2024 = { baselineYear: 2021, currentYear: 2024 };

describe('superior targets with their measure', () => {
  it('较2022年累计降低2.5%: the rate of decline from the base year, not the level', () => {
    // by hand: (1.250 − 1.215) / 1.250 = 0.035 / 1.25 = 2.8 % ≥ 2.5 % → 达标
    const v = judgeIndicator(energy, [r(17, { values: { 2022: 1.25, 2024: 1.215 }, superiorTarget: { op: '≥', text: '较2022年累计降低2.5%' } })], 1, years2024);
    expect(v.verdict).toBe('达标');
    expect(v.reason).toBe('较2022年累计降低2.8%，完成上级下达的降低2.5%目标（2022年 1.25吨标准煤/万元 → 2024年 1.215吨标准煤/万元）（较2022年累计降低2.5%）');
    expect(v.currentText).toBe('1.215吨标准煤/万元（较2022年累计降低2.8%）');
  });

  it('a smaller decline, and a rise, do not complete the target', () => {
    // by hand: (1.25 − 1.23) / 1.25 = 1.6 % < 2.5 % → 未达标
    const small = judgeIndicator(energy, [r(17, { values: { 2022: 1.25, 2024: 1.23 }, superiorTarget: { op: '≥', text: '较2022年累计降低2.5%' } })], 1, years2024);
    expect(small).toMatchObject({ verdict: '未达标', reason: expect.stringMatching(/^较2022年累计降低1\.6%，未完成上级下达的降低2\.5%目标/) });
    // by hand: (1.30 − 1.25) / 1.25 = +4 %, a rise → 未达标
    const rise = judgeIndicator(energy, [r(17, { values: { 2022: 1.25, 2024: 1.3 }, superiorTarget: { op: '≥', text: '较2022年累计降低2.5%' } })], 1, years2024);
    expect(rise).toMatchObject({ verdict: '未达标', reason: expect.stringMatching(/^较2022年累计上升4%，未完成上级下达的降低2\.5%目标/) });
  });

  it('the explicit fields say the same as the text', () => {
    const explicit = { op: '≥' as const, measure: 'rate' as const, direction: '降低' as const, baseYear: 2022, value: 2.5 };
    const v = judgeIndicator(energy, [r(17, { values: { 2022: 1.25, 2024: 1.215 }, superiorTarget: explicit })], 1, years2024);
    expect(v).toMatchObject({ verdict: '达标', reason: '较2022年累计降低2.8%，完成上级下达的降低2.5%目标（2022年 1.25吨标准煤/万元 → 2024年 1.215吨标准煤/万元）' });
  });

  it('…X个百分点 on a share is a change in points', () => {
    const air = indicator(7, '优良天数比例', '%', '完成上级规定的改善目标；保持稳定或持续改善');
    // by hand: 72.4 − 70.1 = 2.3 points ≥ 2 points → 达标
    const v = judgeIndicator(air, [r(7, { values: { 2020: 70.1, 2022: 72.4 }, superiorTarget: { op: '≥', text: '较2020年提高2个百分点' } })], 1, { baselineYear: 2020, currentYear: 2022 });
    expect(v).toMatchObject({ verdict: '达标', reason: '较2020年累计提高2.3个百分点，完成上级下达的提高2个百分点目标（2020年 70.1% → 2022年 72.4%）（较2020年提高2个百分点）' });
  });

  it('a change in the unit: 较2020年下降3 (μg/m3)', () => {
    const pm = indicator(7, 'PM2.5浓度', 'μg/m3', '完成上级规定的改善目标', { better: 'lower' });
    // by hand: 52 − 46 = 6 μg/m3 ≥ 3 → 达标
    const v = judgeIndicator(pm, [r(7, { values: { 2020: 52, 2022: 46 }, superiorTarget: { op: '≥', text: '较2020年下降3微克/立方米' } })], 1, { baselineYear: 2020, currentYear: 2022 });
    expect(v).toMatchObject({ verdict: '达标', reason: expect.stringMatching(/^较2020年累计降低6μg\/m3，完成上级下达的降低3μg\/m3目标/) });
  });

  it('a text that speaks of a change without saying how much is never compared as a level', () => {
    const target = { op: '≥' as const, value: 5, text: 'PM2.5浓度较2020年下降目标' };
    const read = resolveSuperior(target, '%', 2020);
    expect(read.ok).toBe(false);
    const v = judgeIndicator(indicator(7, 'PM2.5浓度下降幅度', '%', '完成上级规定的改善目标'), [r(7, { values: { 2020: 0, 2022: 11.5 }, superiorTarget: target })], 1, { baselineYear: 2020, currentYear: 2022 });
    expect(v.verdict).toBe('待补充');
    expect(v.reason).toMatch(/讲的是变化/);
    // a level target said so stays a level target
    expect(resolveSuperior({ ...target, measure: 'level' }, '%', 2020)).toEqual({ ok: true, target: { measure: 'level', op: '≥', value: 5 } });
    // fields that contradict the text are refused
    expect(resolveSuperior({ op: '≥', value: 3, text: '较2022年累计降低2.5%' }, '%', 2020)).toMatchObject({ ok: false, message: expect.stringMatching(/value: 3/) });
  });
});

describe('不涉及 with a reason', () => {
  const water = indicator(8, '水环境质量', '%', '完成上级规定的考核任务；保持稳定或持续改善', {
    subIndicators: [
      { no: 1, name: '水质达到或优于Ⅲ类比例提高幅度', measure: 'change' },
      { no: 2, name: '劣V类水体比例下降幅度', better: 'lower' },
      { no: 3, name: '黑臭水体消除比例', notApplicable: '本区无城市建成区黑臭水体' },
    ],
  });
  const years = { baselineYear: 2020, currentYear: 2022 };
  const results = [
    // by hand: ① 66.7 − 50 = 16.7 points ≥ 0 → 达标; ② level 0 ≤ 0 → 达标; ③ not judged
    r(8, { sub: 1, values: { 2020: 50, 2022: 66.7 }, superiorTarget: { op: '≥', value: 0 } }),
    r(8, { sub: 2, values: { 2020: 0, 2022: 0 }, superiorTarget: { op: '≤', value: 0 } }),
  ];

  it('a sub-indicator marked 不涉及 is not judged and says why', () => {
    const v = judgeIndicator(water, results, 1, years);
    expect(v.verdict).toBe('达标');
    expect(v.subs[2]).toEqual({ no: 3, name: '黑臭水体消除比例', applies: false, verdict: '不涉及', reason: '不涉及：本区无城市建成区黑臭水体' });
    expect(v.reason).toBe('①提高 16.7 个百分点 ≥ 上级目标 0 个百分点；②现状值 0% ≤ 上级目标 0%；③不涉及：本区无城市建成区黑臭水体');
    expect(v.currentText).toBe('①提高 16.7 个百分点\n②0%\n③不涉及');
  });

  it('an indicator marked 不涉及 is left out of the 申报条件 counts, and the line says so', () => {
    const a = { ...indicator(1, '甲', '%', '≥20'), attribute: '约束性' as const };
    const b = { ...indicator(2, '乙', '%', '≥20'), attribute: '约束性' as const, notApplicable: '本区不涉及（示例理由）' };
    const c = { ...indicator(3, '丙', '%', '≥20'), attribute: '参考性' as const };
    const verdicts = judge({ indicators: [a, b, c], results: [r(1, { values: { 2022: 25 } }), r(3, { values: { 2022: 30 } })], evidence: [{ indicators: [1, 3] }], baselineYear: 2020, currentYear: 2022 });
    expect(verdicts[1]).toMatchObject({ verdict: '不涉及', reason: '不涉及：本区不涉及（示例理由）', currentText: '不涉及' });
    // by hand: 约束性 1 met of 1 judged (乙 not counted), 参考性 1 of 1 → 满足
    const e = assessEligibility([a, b, c], verdicts);
    expect(e).toMatchObject({ eligible: true, binding: { met: 1, total: 1 }, reference: { met: 1, total: 1 }, notApplicable: [{ no: 2, name: '乙', attribute: '约束性' }] });
    expect(e.line).toContain('（不含不涉及的第 2 项）');
  });
});

describe('evidence for a sub-indicator', () => {
  const bio = indicator(11, '生物多样性保护', '-', '≥95；不明显；不降低', {
    subIndicators: [
      { no: 1, name: '国家重点保护野生动植物保护率', unit: '%', target: '≥95' },
      { no: 2, name: '外来物种入侵', unit: '-', target: '不明显' },
      { no: 3, name: '特有性或指示性水生物种保持率', unit: '%', target: '不降低' },
    ],
  });
  const results = [
    // by hand: ① 97.5 ≥ 95 → 达标; ② declared 已达到 → 达标 if proven; ③ 100 ≥ 100 → 达标
    r(11, { sub: 1, values: { 2020: 96, 2022: 97.5 } }),
    r(11, { sub: 2, status: '已达到' }),
    r(11, { sub: 3, values: { 2020: 100, 2022: 100 } }),
  ];
  const parse = (indicators: unknown[]) => EvidenceItem.parse({ id: 'e1', file: 'a.pdf', indicators, title: 't', issuer: 'i', date: '2023-01-01', kind: '文件' });

  it("reads '11②' and { indicator: 11, sub: 2 } as the sub-indicator, keeping 11 as the indicator served", () => {
    expect(parse(['11②', { indicator: 11, sub: 3 }, 12])).toMatchObject({ indicators: [11, 11, 12], subs: [{ indicator: 11, sub: 2 }, { indicator: 11, sub: 3 }] });
    expect(parse([11]).subs).toBeUndefined();
  });

  it("a qualitative sub-indicator does not pass on its sibling's evidence", () => {
    const only1 = parse(['11①']);
    const [v] = judge({ indicators: [bio], results, evidence: [only1], baselineYear: 2020, currentYear: 2022 });
    // by hand: ① has its own item → 达标; ② and ③ have none → 待补充; roll-up → 待补充
    expect(v!.subs.map((s) => s.verdict)).toEqual(['达标', '待补充', '待补充']);
    expect(v!.subs[1]!.reason).toMatch(/缺少本分项的佐证材料/);
    expect(v!.verdict).toBe('待补充');
    // an item for the whole indicator serves every sub-indicator
    const [w] = judge({ indicators: [bio], results, evidence: [only1, parse([11])], baselineYear: 2020, currentYear: 2022 });
    expect(w!.verdict).toBe('达标');
    // or each sub-indicator its own
    const [x] = judge({ indicators: [bio], results, evidence: [only1, parse(['11②', '11③'])], baselineYear: 2020, currentYear: 2022 });
    expect(x!.verdict).toBe('达标');
  });
});

describe('terrain lines as the national table lists them', () => {
  const line = (no: number, name: string, target: string): SubIndicator => ({ no, name, target, applies: { terrain: [name] } });
  const forest: PlacedIndicator = indicator(10, '林草覆盖率', '%', '≥60；≥40；≥18；≥35；≥70', {
    subIndicators: [line(1, '山区', '≥60'), line(2, '丘陵地区', '≥40'), line(3, '平原地区', '≥18'), line(4, '干旱半干旱地区', '≥35'), line(5, '青藏高原地区', '≥70')],
  });
  const years = { baselineYear: 2020, currentYear: 2022 };

  it("the district's class selects the line; the others read 不适用 and are not counted", () => {
    // by hand: 干旱半干旱地区 line ④ ≥35; 36.2 ≥ 35 → 达标 (the 山区 line's ≥60 is not applied)
    const v = judgeIndicator(forest, [r(10, { sub: 4, values: { 2022: 36.2 } })], 1, years, { terrain: '干旱半干旱地区', coastal: false });
    expect(v.verdict).toBe('达标');
    expect(v.reason).toBe('④现状值 36.2% ≥ 35%');
    expect(v.subs.map((s) => s.verdict)).toEqual(['不适用', '不适用', '不适用', '达标', '不适用']);
    expect(v.subs[0]!.reason).toBe('不适用：本行适用于山区，本区为干旱半干旱地区');
  });

  it('without the district terrain nothing is judged, and the reason says so in words a reviewer may read', () => {
    const v = judgeIndicator(forest, [r(10, { sub: 4, values: { 2022: 36.2 } })], 1, years, { coastal: false });
    expect(v).toMatchObject({ verdict: '待补充', reason: '尚未写明本区地形类别，无法确定判定哪一行' });
  });

  it("a county's reasons say 本县, and name no project file", () => {
    const v = judgeIndicator(forest, [r(10, { sub: 3, values: { 2022: 20 } })], 1, years, { terrain: '平原地区', coastal: false, own: '本县' });
    expect(v.subs[0]!.reason).toBe('不适用：本行适用于山区，本县为平原地区');
    const unplaced = judgeIndicator(forest, [r(10, { sub: 3, values: { 2022: 20 } })], 1, years, { coastal: false, own: '本县' });
    expect(unplaced.reason).toBe('尚未写明本县地形类别，无法确定判定哪一行');
    expect(JSON.stringify([v, unplaced])).not.toMatch(/project\.yaml|district\./);
  });
});

describe('every wording offices write for a superior target', () => {
  it.each([
    ['完成上级下达的目标任务', 'superior'],
    ['完成市级下达的目标任务', 'superior'],
    ['完成上级规定的考核任务', 'superior'],
    ['完成上级下达任务', 'superior'],
    ['完成省级下达的考核目标', 'superior'],
    ['完成上级下达的目标任务，且保持稳定或持续改善', 'allOf'],
    ['完成上级下达的目标任务或保持稳定或持续改善', 'anyOf'],
    ['完成上级规定的考核任务，且≤25或持续下降', 'allOf'],
  ] as const)('%s → %s', (text, kind) => {
    const parsed = parseTarget(text, '%');
    expect(parsed.ok && parsed.target.kind).toBe(kind);
  });

  it('an unknown wording is refused with the nearest known form', () => {
    const parsed = parseTarget('完成上极规定的目标任务', '%');
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/^无法识别“完成上极规定的目标任务”，最接近的写法是“完成上级规定的目标任务”；/) });
  });

  it('完成上级下达的目标任务或保持稳定或持续改善: met by either (by hand: no superior target; 0.5 → 0.46, lower is better → 达标)', () => {
    const v = judgeIndicator(indicator(17, '能耗', '吨标准煤/万元', '完成上级下达的目标任务或保持稳定或持续改善', { better: 'lower' }), [r(17, { values: { 2020: 0.5, 2022: 0.46 } })], 1, { baselineYear: 2020, currentYear: 2022 });
    expect(v.verdict).toBe('达标');
  });
});
