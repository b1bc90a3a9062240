import { describe, expect, it } from 'vitest';
import { judge } from '../../src/judge/index.ts';
import { EvidenceItem } from '../../src/model/evidence.ts';
import type { Result } from '../../src/model/results.ts';
import { missingOf } from '../../src/status/index.ts';
import { indicator } from '../judge/seed-indicators.ts';

const r = (no: number, rest: Partial<Result> = {}): Result => ({ indicator: no, values: {}, ...rest });
const bio = indicator(11, '生物多样性保护', '-', '≥95；不明显；不降低', {
  subIndicators: [
    { no: 1, name: '国家重点保护野生动植物保护率', unit: '%', target: '≥95' },
    { no: 2, name: '外来物种入侵', unit: '-', target: '不明显' },
    { no: 3, name: '特有性或指示性水生物种保持率', unit: '%', target: '不降低' },
  ],
});
const item = (indicators: unknown[]) => EvidenceItem.parse({ id: 'e', file: 'a.pdf', indicators, title: 't', issuer: 'i', date: '2023-01-01', kind: '文件' });

describe('status: what each part still lacks', () => {
  it('names the parts that are not met, with their mark, and never a met one', () => {
    // by hand: ① 97.5 ≥ 95 with its own evidence → 达标; ② declared 已达到 but no evidence of its own → 待补充;
    // ③ 98 < 100 (不降低) → 未达标
    const results = [r(11, { sub: 1, values: { 2020: 96, 2022: 97.5 } }), r(11, { sub: 2, status: '已达到' }), r(11, { sub: 3, values: { 2020: 100, 2022: 98 } })];
    const [v] = judge({ indicators: [bio], results, evidence: [item(['11①'])], baselineYear: 2020, currentYear: 2022 });
    const missing = missingOf(v, true);
    expect(missing).toEqual([
      "②已达到“不明显”；缺少本分项的佐证材料（在 evidence.yaml 中写 indicators: ['11②']）",
      '③未达标：2022年 98% < 2020年 100%（较2020年降低）',
    ]);
    expect(missing.some((m) => m.startsWith('①'))).toBe(false);
  });

  it('lists nothing for an indicator marked 不涉及 and nothing for a met one', () => {
    const [met] = judge({ indicators: [bio], results: [r(11, { sub: 1, values: { 2022: 97.5 } }), r(11, { sub: 2, status: '已达到' }), r(11, { sub: 3, values: { 2020: 100, 2022: 100 } })], evidence: [item([11])], baselineYear: 2020, currentYear: 2022 });
    expect(met!.verdict).toBe('达标');
    expect(missingOf(met, true)).toEqual([]);
  });
});
