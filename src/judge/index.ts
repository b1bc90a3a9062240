import type { PlacedIndicator, SubRef } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { servesWhole } from '../model/index.ts';
import { judgeIndicator, type DistrictPlace, type EvidenceCounts } from './indicator.ts';
import type { Verdict } from './verdict.ts';

/**
 * judge: indicators + results + evidence → one verdict per indicator (达标 / 未达标 / 待补充)
 * with a one-line Chinese reason that shows the numbers. Pure: no I/O, never throws on data.
 */
export interface JudgeInput {
  readonly indicators: readonly PlacedIndicator[];
  readonly results: readonly Result[];
  /** `subs`: the sub-indicators an item names ('11②'); it then proves those and not their siblings */
  readonly evidence: readonly { readonly indicators: readonly number[]; readonly subs?: readonly SubRef[] }[];
  readonly baselineYear: number;
  readonly currentYear: number;
  /** the district's terrain class and coastal position (project.yaml): which terrain/coastal lines are judged */
  readonly district?: DistrictPlace;
}

function evidenceCounts(evidence: JudgeInput['evidence'], no: number): EvidenceCounts {
  const serving = evidence.filter((e) => e.indicators.includes(no));
  const bySub = new Map<number, number>();
  for (const e of serving) {
    for (const sub of new Set((e.subs ?? []).filter((s) => s.indicator === no).map((s) => s.sub))) bySub.set(sub, (bySub.get(sub) ?? 0) + 1);
  }
  return { all: serving.length, whole: serving.filter((e) => servesWhole(e, no)).length, bySub };
}

/** One verdict per indicator, in input order. */
export function judge(input: JudgeInput): Verdict[] {
  const years = { baselineYear: input.baselineYear, currentYear: input.currentYear };
  return input.indicators.map((indicator) => {
    return judgeIndicator(indicator, input.results, evidenceCounts(input.evidence, indicator.no), years, input.district);
  });
}

export type { VerdictKind, SubVerdict, Verdict, Years, SubVerdictRecord } from './verdict.ts';
export { subVerdictRecords } from './verdict.ts';
export { judgeIndicator, rollUp, type DistrictPlace, type EvidenceCounts } from './indicator.ts';
export { inputsNeeded, inputsNeededFor, type InputsNeeded } from './needs.ts';
export { checkTargets, type TargetProblem } from './check.ts';
export { parseTarget, parseComparison, QUALITATIVE_PHRASES, TREND_PHRASES, EXPECTED_TARGET_FORMS, nearestKnownForm } from './target.ts';
export { resolveSuperior, superiorOp, readChangeWords, speaksOfChange, type ResolvedSuperior, type SuperiorRead } from './superior.ts';
export type { Target, TargetParse, ThresholdTarget, DeltaTarget, SuperiorTargetForm, TrendTarget, QualitativeTarget, EitherTarget } from './target.ts';
export { assessEligibility, FALLBACK_RULE, type Eligibility, type EligibilityReason } from './eligibility.ts';
export { clerkHints } from './hints.ts';
