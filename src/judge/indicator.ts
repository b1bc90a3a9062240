import type { PlacedIndicator, SubIndicator } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { circled, formatQuantity, oneLine } from '../common/index.ts';
import { compare, judgeTarget, valueIn, type RuleContext, type RuleOutcome } from './rules.ts';
import { normalizeTargetText, parseComparison, parseTarget } from './target.ts';
import { MISSING_TEXT, type SubVerdict, type Verdict, type VerdictKind, type Years } from './verdict.ts';

/** What a sub-indicator is judged with once it inherits unit, target, better and measure from its indicator. */
interface Spec {
  readonly unit: string;
  readonly target: string;
  readonly better: 'higher' | 'lower';
  readonly measure: 'level' | 'change';
}

function specOf(indicator: PlacedIndicator, sub?: SubIndicator): Spec {
  return {
    unit: sub?.unit ?? indicator.unit,
    target: sub?.target ?? indicator.target,
    better: sub?.better ?? indicator.better ?? 'higher',
    measure: sub?.measure ?? indicator.measure ?? 'level',
  };
}

/** Parses the target and applies the rule of its form; an unreadable target waits for a fix, never passes. */
function judgeSpec(spec: Spec, result: Result | undefined, years: Years): RuleOutcome {
  const parsed = parseTarget(spec.target, spec.unit);
  if (!parsed.ok) {
    return { verdict: '待补充', reason: `指标值“${oneLine(spec.target)}”无法识别：${parsed.message}`, currentText: MISSING_TEXT };
  }
  const ctx: RuleContext = { unit: spec.unit, better: spec.better, measure: spec.measure, result, years };
  return judgeTarget(parsed.target, ctx);
}

/** Any 未达标 → 未达标, else any 待补充 → 待补充, else 达标. */
export function rollUp(verdicts: readonly VerdictKind[]): VerdictKind {
  if (verdicts.includes('未达标')) return '未达标';
  if (verdicts.includes('待补充')) return '待补充';
  return '达标';
}

/** One line of the indicator's reason and 现状值 cell, from a sub-indicator or a group of conditional ones. */
interface Entry {
  /** the sub-indicator it speaks for, when known */
  readonly no?: number;
  readonly verdict: VerdictKind;
  readonly reason: string;
  readonly currentText: string;
}

function numbersOf(outcome: RuleOutcome): Pick<SubVerdict, 'current' | 'baseline'> {
  return {
    ...(outcome.current !== undefined ? { current: outcome.current } : {}),
    ...(outcome.baseline !== undefined ? { baseline: outcome.baseline } : {}),
  };
}

/** "综合利用率≤60%的地区" → "现状综合利用率"; "现状值" when the name carries no condition. */
export function conditionLabel(name: string): string {
  const m = /^(.*?)[≥≤><=]/.exec(normalizeTargetText(name));
  return m && m[1] ? `现状${m[1]}` : '现状值';
}

/**
 * Conditional sub-indicators (22: 综合利用率≤60%的地区 / ＞60%的地区): the indicator's one result decides,
 * by its current level, which sub-indicator applies; only that one is judged.
 */
function judgeConditional(
  indicator: PlacedIndicator,
  subs: readonly SubIndicator[],
  result: Result | undefined,
  years: Years,
): { readonly subs: SubVerdict[]; readonly entry: Entry } {
  const notApplying = (sub: SubIndicator, reason: string): SubVerdict => ({ no: sub.no, name: sub.name, applies: false, verdict: '待补充', reason });
  const current = valueIn(result, years.currentYear);
  if (current === undefined) {
    const reason = `缺少${years.currentYear}年现状值，无法判断适用哪一分项`;
    return { subs: subs.map((s) => notApplying(s, reason)), entry: { verdict: '待补充', reason, currentText: MISSING_TEXT } };
  }
  const conditions = subs.map((sub) => ({ sub, spec: specOf(indicator, sub), condition: parseComparison(sub.when ?? '', specOf(indicator, sub).unit) }));
  const unreadable = conditions.find((c) => !c.condition.ok);
  const applied = conditions.find((c) => c.condition.ok && compare(current, c.condition.op, c.condition.value));
  if (!applied || !applied.condition.ok) {
    const level = formatQuantity(current, indicator.unit);
    const reason = unreadable
      ? `分项${circled(unreadable.sub.no)}的适用条件“${unreadable.sub.when}”无法识别`
      : `${years.currentYear}年现状值 ${level} 不满足任何分项的适用条件`;
    return { subs: subs.map((s) => notApplying(s, reason)), entry: { verdict: '待补充', reason, currentText: level } };
  }
  const { sub, spec, condition } = applied;
  const level = formatQuantity(current, spec.unit);
  const label = `${conditionLabel(sub.name)} ${level}`;
  const outcome = judgeSpec(spec, result, years);
  const reason = `${label} ${condition.op} ${formatQuantity(condition.value, spec.unit)}，${outcome.reason}`;
  const currentText = outcome.currentText === level || outcome.currentText === MISSING_TEXT ? level : `${level}，${outcome.currentText}`;
  const verdicts = subs.map((s) =>
    s === sub
      ? { no: s.no, name: s.name, applies: true, verdict: outcome.verdict, reason, ...numbersOf(outcome) }
      : notApplying(s, `不适用：${label}，不满足“${oneLine(s.when ?? '')}”`),
  );
  return { subs: verdicts, entry: { no: sub.no, verdict: outcome.verdict, reason, currentText } };
}

function judgeWithSubs(
  indicator: PlacedIndicator,
  own: readonly Result[],
  years: Years,
): { readonly entries: Entry[]; readonly subs: SubVerdict[]; readonly prefixed: boolean } {
  const conditional = indicator.subIndicators.filter((s) => s.when !== undefined);
  const group = conditional.length
    ? judgeConditional(indicator, conditional, own.find((r) => r.sub === undefined), years)
    : undefined;
  const subs: SubVerdict[] = [];
  const entries: Entry[] = [];
  let groupPlaced = false;
  for (const sub of indicator.subIndicators) {
    if (sub.when !== undefined) {
      subs.push(group!.subs.find((v) => v.no === sub.no)!);
      if (!groupPlaced) entries.push(group!.entry);
      groupPlaced = true;
      continue;
    }
    const outcome = judgeSpec(specOf(indicator, sub), own.find((r) => r.sub === sub.no), years);
    subs.push({ no: sub.no, name: sub.name, applies: true, verdict: outcome.verdict, reason: outcome.reason, ...numbersOf(outcome) });
    entries.push({ no: sub.no, verdict: outcome.verdict, reason: outcome.reason, currentText: outcome.currentText });
  }
  // only conditional sub-indicators: one of them applies, and the reason says which condition did
  return { entries, subs, prefixed: conditional.length < indicator.subIndicators.length };
}

/**
 * Judges one indicator: from its own result, or from its sub-indicators' results rolled up.
 * A verdict that would be 达标 without any evidence item becomes 待补充 (缺少佐证材料).
 */
export function judgeIndicator(
  indicator: PlacedIndicator,
  results: readonly Result[],
  evidenceCount: number,
  years: Years,
): Verdict {
  const own = results.filter((r) => r.indicator === indicator.no);
  let verdict: VerdictKind;
  let reason: string;
  let currentText: string;
  let subs: SubVerdict[] = [];
  if (indicator.subIndicators.length === 0) {
    const outcome = judgeSpec(specOf(indicator), own.find((r) => r.sub === undefined), years);
    ({ verdict, reason, currentText } = outcome);
  } else {
    const judged = judgeWithSubs(indicator, own, years);
    const prefix = (e: Entry) => (judged.prefixed && e.no !== undefined ? circled(e.no) : '');
    subs = judged.subs;
    verdict = rollUp(judged.entries.map((e) => e.verdict));
    reason = judged.entries.map((e) => `${prefix(e)}${e.reason.replace(/[。；]+$/, '')}`).join('；');
    currentText = judged.entries.map((e) => `${prefix(e)}${e.currentText}`).join('\n');
  }
  if (verdict === '达标' && evidenceCount === 0) {
    verdict = '待补充';
    reason = `${reason}；缺少佐证材料`;
  }
  return { no: indicator.no, verdict, reason, currentText, evidenceCount, subs };
}
