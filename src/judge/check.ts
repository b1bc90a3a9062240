import type { PlacedIndicator } from '../model/index.ts';
import { oneLine } from '../common/index.ts';
import { EXPECTED_TARGET_FORMS, parseComparison, parseTarget } from './target.ts';

/** A target text (or a sub-indicator's condition) the grammar cannot read; the loader turns it into an Issue. */
export interface TargetProblem {
  /** indicator 序号 */
  readonly no: number;
  /** relative to the indicator's entry in indicators.yaml: ['target'] or ['subIndicators', i, 'target' | 'when'] */
  readonly path: (string | number)[];
  readonly message: string;
  readonly expected: string;
  readonly actual: string;
}

const EXPECTED_CONDITION = '比较式，如 ≤60 或 ＞60（按现状值判断适用哪一分项）';

/**
 * Every target text that judging will read, checked by the grammar. The indicator's own target is read only
 * when it has no sub-indicators or some sub-indicator inherits it; otherwise it is display text
 * (e.g. 21's three values in one cell) and is not checked.
 */
export function checkTargets(indicators: readonly PlacedIndicator[]): TargetProblem[] {
  const problems: TargetProblem[] = [];
  for (const ind of indicators) {
    const inherited = ind.subIndicators.length === 0 || ind.subIndicators.some((s) => s.target === undefined);
    if (inherited) {
      const parsed = parseTarget(ind.target, ind.unit);
      if (!parsed.ok) problems.push({ no: ind.no, path: ['target'], message: parsed.message, expected: EXPECTED_TARGET_FORMS, actual: oneLine(ind.target) });
    }
    ind.subIndicators.forEach((sub, i) => {
      const unit = sub.unit ?? ind.unit;
      if (sub.target !== undefined) {
        const parsed = parseTarget(sub.target, unit);
        if (!parsed.ok) {
          problems.push({ no: ind.no, path: ['subIndicators', i, 'target'], message: parsed.message, expected: EXPECTED_TARGET_FORMS, actual: oneLine(sub.target) });
        }
      }
      if (sub.when !== undefined) {
        const condition = parseComparison(sub.when, unit);
        if (!condition.ok) {
          problems.push({
            no: ind.no, path: ['subIndicators', i, 'when'], message: `分项适用条件应为${EXPECTED_CONDITION}：${condition.message}`,
            expected: EXPECTED_CONDITION, actual: oneLine(sub.when),
          });
        }
      }
    });
  }
  return problems;
}
