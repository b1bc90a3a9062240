import type { PlacedIndicator } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { judgeIndicator } from './indicator.ts';
import type { Verdict } from './verdict.ts';

/**
 * judge: indicators + results + evidence → one verdict per indicator (达标 / 未达标 / 待补充)
 * with a one-line Chinese reason that shows the numbers. Pure: no I/O, never throws on data.
 */
export interface JudgeInput {
  readonly indicators: readonly PlacedIndicator[];
  readonly results: readonly Result[];
  readonly evidence: readonly { readonly indicators: readonly number[] }[];
  readonly baselineYear: number;
  readonly currentYear: number;
}

/** One verdict per indicator, in input order. */
export function judge(input: JudgeInput): Verdict[] {
  const years = { baselineYear: input.baselineYear, currentYear: input.currentYear };
  return input.indicators.map((indicator) => {
    const evidenceCount = input.evidence.filter((e) => e.indicators.includes(indicator.no)).length;
    return judgeIndicator(indicator, input.results, evidenceCount, years);
  });
}

export type { VerdictKind, SubVerdict, Verdict, Years } from './verdict.ts';
export { judgeIndicator, rollUp } from './indicator.ts';
export { inputsNeeded, inputsNeededFor, type InputsNeeded } from './needs.ts';
export { checkTargets, type TargetProblem } from './check.ts';
export { parseTarget, parseComparison, QUALITATIVE_PHRASES, TREND_PHRASES, EXPECTED_TARGET_FORMS } from './target.ts';
export type { Target, TargetParse, ThresholdTarget, DeltaTarget, SuperiorTargetForm, TrendTarget, QualitativeTarget, EitherTarget } from './target.ts';
export { assessEligibility, FALLBACK_RULE, type Eligibility, type EligibilityReason } from './eligibility.ts';
export { clerkHints } from './hints.ts';
