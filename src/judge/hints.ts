import { MISSING_STATUS, MISSING_SUPERIOR, RELEVANT_ONLY } from './rules.ts';
import type { Verdict } from './verdict.ts';

/**
 * What the office does about a verdict, for validate, status and the dashboard: the field to fill and the
 * file it goes in. Never printed in an official document (a verdict's reason is, so it carries none of this).
 */
export function clerkHints(verdict: Pick<Verdict, 'verdict' | 'reason'>): string[] {
  const hints: string[] = [];
  if (verdict.reason.includes(MISSING_SUPERIOR)) hints.push('在 results.yaml 中该指标的结果里填写 superiorTarget（上级规定的目标值）');
  if (verdict.reason.includes(MISSING_STATUS)) hints.push('在 results.yaml 中该指标的结果里填写 status：已达到/推进中/未达到');
  if (verdict.verdict === '待补充' && verdict.reason.includes(RELEVANT_ONLY)) hints.push('带*指标：本地不涉及的，请从 indicators.yaml 中删去并写明原因');
  return hints;
}
