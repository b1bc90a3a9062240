import { formatShare } from '../common/index.ts';
import type { PlacedIndicator } from '../model/index.ts';
import type { EligibilityRule } from '../model/index.ts';
import type { Verdict, VerdictKind } from './verdict.ts';

/**
 * 申报条件: can the application be submitted? All 约束性 indicators 达标 (where the rule asks for it) and the
 * share of 参考性 indicators 达标 at least the rule's share. 待补充 counts as not met. Pure.
 */
export interface EligibilityReason {
  /** indicator 序号 */
  readonly no: number;
  readonly name: string;
  readonly attribute: '约束性' | '参考性';
  readonly verdict: VerdictKind;
  /** why it blocks, in Chinese */
  readonly text: string;
}

export interface Eligibility {
  readonly eligible: boolean;
  readonly binding: { readonly met: number; readonly total: number };
  /** `more`: how many more 参考性 indicators must be 达标 to reach the required share (0 when it is reached) */
  readonly reference: { readonly met: number; readonly total: number; readonly share: number; readonly required: number; readonly more: number };
  /** the indicators that block, by number */
  readonly reasons: readonly EligibilityReason[];
  /** indicators marked 不涉及: left out of both counts, named in the line */
  readonly notApplicable: readonly { readonly no: number; readonly name: string; readonly attribute: '约束性' | '参考性' }[];
  readonly rule: { readonly text: string; readonly source: string; readonly confirmed: boolean };
  /** one line for people: whether the application can be submitted, and why not */
  readonly line: string;
}

/** The rule generally cited for the 2021 管理规程, used when a project's catalogue could not be read. Unconfirmed. */
export const FALLBACK_RULE: EligibilityRule = {
  bindingAll: true,
  referenceShare: 0.8,
  confirmed: false,
  source: '《国家生态文明建设示范区管理规程（修订版）》（环办生态函〔2021〕353号）— 条文未能取得',
  text: '约束性指标全部达标、参考性指标达标率不低于80%',
};

const EPSILON = 1e-9;
/** every share in every document: one rounding rule (common/formatShare) */
const percent = formatShare;

export function assessEligibility(
  indicators: readonly PlacedIndicator[],
  verdicts: readonly Verdict[],
  rule: EligibilityRule = FALLBACK_RULE,
): Eligibility {
  const verdictOf = new Map(verdicts.map((v) => [v.no, v.verdict]));
  const all = indicators.map((i) => ({ i, verdict: verdictOf.get(i.no) ?? ('待补充' as VerdictKind) }));
  // 不涉及: not judged, counted neither as met nor as required
  const excluded = all.filter((j) => j.verdict === '不涉及');
  const judged = all.filter((j) => j.verdict !== '不涉及');
  const binding = judged.filter((j) => j.i.attribute === '约束性');
  const reference = judged.filter((j) => j.i.attribute === '参考性');
  const bindingMet = binding.filter((j) => j.verdict === '达标').length;
  const referenceMet = reference.filter((j) => j.verdict === '达标').length;
  const share = reference.length === 0 ? 1 : referenceMet / reference.length;
  const required = rule.referenceShare;
  const bindingOk = !rule.bindingAll || bindingMet === binding.length;
  const referenceOk = share >= required - EPSILON;
  const reasons: EligibilityReason[] = [];
  if (!bindingOk) {
    for (const j of binding.filter((b) => b.verdict !== '达标')) {
      reasons.push({ no: j.i.no, name: j.i.name, attribute: '约束性', verdict: j.verdict, text: `约束性指标${j.verdict}，须全部达标` });
    }
  }
  const needed = Math.ceil(required * reference.length - EPSILON);
  if (!referenceOk) {
    for (const j of reference.filter((r) => r.verdict !== '达标')) {
      reasons.push({
        no: j.i.no, name: j.i.name, attribute: '参考性', verdict: j.verdict,
        text: `参考性指标${j.verdict}；参考性指标达标 ${referenceMet}/${reference.length}（${percent(share)}），至少需 ${needed} 项（${percent(required)}）`,
      });
    }
  }
  reasons.sort((a, b) => a.no - b.no);
  const eligible = bindingOk && referenceOk;
  const unconfirmed = rule.confirmed ? '' : '（申报条件按通行说法，尚未与管理规程原文核对）';
  const without = excluded.length ? `（不含不涉及的第 ${excluded.map((j) => j.i.no).join('、')} 项）` : '';
  const counts = `约束性指标达标 ${bindingMet}/${binding.length} 项，参考性指标达标 ${referenceMet}/${reference.length} 项（${percent(share)}，要求不低于 ${percent(required)}）${without}`;
  let line: string;
  if (eligible) {
    line = `申报条件：满足，可以申报。${counts}${unconfirmed}。`;
  } else {
    const why: string[] = [];
    const blockingBinding = reasons.filter((r) => r.attribute === '约束性').map((r) => r.no);
    if (blockingBinding.length) why.push(`约束性指标达标 ${bindingMet}/${binding.length} 项，第 ${blockingBinding.join('、')} 项尚未达标`);
    if (!referenceOk) why.push(`参考性指标达标 ${referenceMet}/${reference.length} 项（${percent(share)}），低于 ${percent(required)}，还需 ${needed - referenceMet} 项达标`);
    line = `申报条件：不满足，暂不能申报：${why.join('；')}${without}${unconfirmed}。`;
  }
  return {
    eligible,
    binding: { met: bindingMet, total: binding.length },
    reference: { met: referenceMet, total: reference.length, share: Math.round(share * 10000) / 10000, required, more: Math.max(0, needed - referenceMet) },
    reasons,
    notApplicable: excluded.map((j) => ({ no: j.i.no, name: j.i.name, attribute: j.i.attribute })),
    rule: { text: rule.text, source: rule.source, confirmed: rule.confirmed },
    line,
  };
}
