import type { Verdict } from '../judge/index.ts';
import type { PlacedIndicator } from '../model/catalog.ts';

/**
 * 申报条件 counts as the dashboard shows them: how many 约束性 indicators are 达标 and what share of the
 * 参考性 ones. TO BE REPLACED by the eligibility function of src/judge (issue 12) once it lands, which has the
 * same shape; this one only counts verdicts and states no rule beyond those counts (all 约束性 达标, and at
 * least 80 % of 参考性 达标, as the seed's basis is generally cited).
 */
export interface EligibilityCounts {
  readonly eligible: boolean;
  readonly binding: { readonly met: number; readonly total: number };
  readonly reference: { readonly met: number; readonly total: number; readonly share: number; readonly required: number };
  readonly reasons: readonly string[];
}

export const REFERENCE_SHARE_REQUIRED = 0.8;

export function eligibilityCounts(indicators: readonly PlacedIndicator[], verdicts: readonly Verdict[]): EligibilityCounts {
  const byNo = new Map(verdicts.map((v) => [v.no, v.verdict]));
  const count = (attribute: '约束性' | '参考性') => {
    const of = indicators.filter((i) => i.attribute === attribute);
    return { met: of.filter((i) => byNo.get(i.no) === '达标').length, total: of.length, open: of.filter((i) => byNo.get(i.no) !== '达标').map((i) => i.no) };
  };
  const binding = count('约束性');
  const reference = count('参考性');
  const share = reference.total ? reference.met / reference.total : 1;
  const reasons: string[] = [];
  if (binding.met < binding.total) reasons.push(`约束性指标 ${binding.total - binding.met} 项未达标或待补充（指标 ${binding.open.join('、')}）`);
  if (share < REFERENCE_SHARE_REQUIRED) reasons.push(`参考性指标达标 ${reference.met}/${reference.total}（${(share * 100).toFixed(1)}%），低于 80%`);
  return {
    eligible: reasons.length === 0,
    binding: { met: binding.met, total: binding.total },
    reference: { met: reference.met, total: reference.total, share, required: REFERENCE_SHARE_REQUIRED },
    reasons,
  };
}
