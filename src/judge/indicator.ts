import type { PlacedIndicator, SubIndicator } from '../model/index.ts';
import { terrainClass } from '../model/index.ts';
import type { Result } from '../model/index.ts';
import { circled, formatQuantity, oneLine } from '../common/index.ts';
import { compare, judgeTarget, valueIn, type RuleContext, type RuleOutcome } from './rules.ts';
import { normalizeTargetText, parseComparison, parseTarget } from './target.ts';
import { MISSING_TEXT, type SubVerdict, type Verdict, type VerdictKind, type Years } from './verdict.ts';

/** What a sub-indicator is judged with once it inherits unit, target, better and measure from its indicator. */
interface Spec {
  /** the unit of one year's value */
  readonly unit: string;
  /** the table's 单位: decides whether a % in the target is acceptable */
  readonly tableUnit: string;
  readonly target: string;
  readonly better: 'higher' | 'lower';
  readonly measure: 'level' | 'change';
}

function specOf(indicator: PlacedIndicator, sub?: SubIndicator): Spec {
  return {
    unit: valueUnitOf(indicator, sub),
    tableUnit: sub?.unit ?? indicator.unit,
    target: sub?.target ?? indicator.target,
    better: sub?.better ?? indicator.better ?? 'higher',
    measure: sub?.measure ?? indicator.measure ?? 'level',
  };
}

/** The unit of one year's value of a row: its valueUnit where the table's 单位 is that of a change, else its 单位. */
export function valueUnitOf(indicator: Pick<PlacedIndicator, 'unit' | 'valueUnit'>, sub?: Pick<SubIndicator, 'unit' | 'valueUnit'>): string {
  return sub?.valueUnit ?? (sub?.unit === undefined ? indicator.valueUnit : undefined) ?? sub?.unit ?? indicator.unit;
}

/** Parses the target and applies the rule of its form; an unreadable target waits for a fix, never passes. */
function judgeSpec(spec: Spec, result: Result | undefined, years: Years): RuleOutcome {
  const parsed = parseTarget(spec.target, spec.tableUnit);
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
  const notApplying = (sub: SubIndicator, reason: string, verdict: '待补充' | '不适用' = '待补充'): SubVerdict => ({ no: sub.no, name: sub.name, applies: false, verdict, reason });
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
      : notApplying(s, `不适用：${label}，不满足“${oneLine(s.when ?? '')}”`, '不适用'),
  );
  return { subs: verdicts, entry: { no: sub.no, verdict: outcome.verdict, reason, currentText } };
}

/** Where the district is: selects the terrain lines and coastal lines that are judged (project.yaml district). */
export interface DistrictPlace {
  /** one of TERRAIN_CLASSES, or undefined when project.yaml does not say */
  readonly terrain?: string;
  readonly coastal: boolean;
  /** how the district names itself in a reason the reviewer reads: 本区, 本县, 本市 (default 本区) */
  readonly own?: string;
}

/** How many evidence items serve an indicator as a whole, and each sub-indicator by name ('11②'). */
export interface EvidenceCounts {
  /** items that serve the indicator, by itself or through any of its sub-indicators */
  readonly all: number;
  /** items that name the indicator as a whole (they serve every sub-indicator) */
  readonly whole: number;
  /** items that name one sub-indicator, by its number */
  readonly bySub: ReadonlyMap<number, number>;
}

/** Why a sub-indicator line is not judged here (不涉及, another terrain, not coastal), or undefined when it is. */
function notJudged(sub: SubIndicator, place: DistrictPlace | undefined): { verdict: '不涉及' | '不适用' | '待补充'; reason: string } | undefined {
  if (sub.notApplicable) return { verdict: '不涉及', reason: `不涉及：${oneLine(sub.notApplicable)}` };
  const applies = sub.applies ?? 'all';
  if (applies === 'all') return undefined;
  // the reasons are printed in the report and the annex: the district's own word, no project file's keys
  // (the office is told where to write the terrain or the coast by validate: terrain-unset)
  const own = place?.own ?? '本区';
  if (applies === 'coastal') return place?.coastal ? undefined : { verdict: '不适用', reason: `不适用：仅沿海地区考核，${own}不沿海` };
  const classes = applies.terrain.map((t) => terrainClass(t) ?? t);
  if (!place?.terrain) {
    return { verdict: '待补充', reason: `本行仅适用于${classes.join('、')}；尚未写明${own}地形类别，无法确定判定哪一行` };
  }
  return classes.includes(place.terrain) ? undefined : { verdict: '不适用', reason: `不适用：本行适用于${classes.join('、')}，${own}为${place.terrain}` };
}

function judgeWithSubs(
  indicator: PlacedIndicator,
  own: readonly Result[],
  years: Years,
  evidence: EvidenceCounts,
  place: DistrictPlace | undefined,
): { readonly entries: Entry[]; readonly subs: SubVerdict[]; readonly prefixed: boolean } {
  const excluded = new Map(indicator.subIndicators.map((s) => [s.no, notJudged(s, place)]));
  const conditional = indicator.subIndicators.filter((s) => s.when !== undefined && !excluded.get(s.no));
  const group = conditional.length
    ? judgeConditional(indicator, conditional, own.find((r) => r.sub === undefined), years)
    : undefined;
  const subs: SubVerdict[] = [];
  const entries: Entry[] = [];
  let groupPlaced = false;
  let unplaced = false;
  for (const sub of indicator.subIndicators) {
    const out = excluded.get(sub.no);
    if (out && out.verdict !== '待补充') {
      subs.push({ no: sub.no, name: sub.name, applies: false, verdict: out.verdict, reason: out.reason });
      continue;
    }
    if (out) {
      // a terrain line while the district's terrain is unknown: one entry says so for all of them
      subs.push({ no: sub.no, name: sub.name, applies: true, verdict: '待补充', reason: out.reason });
      if (!unplaced) entries.push({ verdict: '待补充', reason: `尚未写明${place?.own ?? '本区'}地形类别，无法确定判定哪一行`, currentText: MISSING_TEXT });
      unplaced = true;
      continue;
    }
    if (sub.when !== undefined) {
      subs.push(group!.subs.find((v) => v.no === sub.no)!);
      if (!groupPlaced) entries.push(group!.entry);
      groupPlaced = true;
      continue;
    }
    const judged = judgeSpec(specOf(indicator, sub), own.find((r) => r.sub === sub.no), years);
    const count = evidence.whole + (evidence.bySub.get(sub.no) ?? 0);
    // a sub-indicator is proven by its own evidence (or evidence for the whole indicator), never by a sibling's
    const outcome = judged.verdict === '达标' && count === 0 && evidence.all > 0
      ? { ...judged, verdict: '待补充' as const, reason: `${judged.reason}；缺少本分项的佐证材料（在 evidence.yaml 中写 indicators: ['${indicator.no}${circled(sub.no)}']）` }
      : judged;
    subs.push({ no: sub.no, name: sub.name, applies: true, verdict: outcome.verdict, reason: outcome.reason, ...numbersOf(outcome) });
    entries.push({ no: sub.no, verdict: outcome.verdict, reason: outcome.reason, currentText: outcome.currentText });
  }
  const judgedSubs = indicator.subIndicators.filter((s) => !excluded.get(s.no) || excluded.get(s.no)!.verdict === '待补充');
  if (judgedSubs.length === 0) {
    const notApplicable = subs.every((v) => v.verdict === '不涉及');
    const reason = notApplicable
      ? subs.map((v) => `${circled(v.no)}${v.reason}`).join('；')
      : `没有适用于本区的分项（${subs.map((v) => `${circled(v.no)}${v.reason}`).join('；')}）`;
    entries.push({ verdict: notApplicable ? '不涉及' : '待补充', reason, currentText: notApplicable ? '不涉及' : MISSING_TEXT });
  }
  // only conditional sub-indicators: one of them applies, and the reason says which condition did
  const shown = subs.filter((v) => v.applies || v.verdict === '不涉及').length;
  return { entries, subs, prefixed: conditional.length < judgedSubs.length || shown > 1 };
}

/** Roll-up of the parts that count: 不涉及 parts are left out; all parts 不涉及 → 不涉及. */
function rollUpEntries(entries: readonly Entry[]): VerdictKind {
  const counted = entries.filter((e) => e.verdict !== '不涉及');
  return counted.length === 0 ? '不涉及' : rollUp(counted.map((e) => e.verdict));
}

/**
 * Judges one indicator: from its own result, or from its sub-indicators' results rolled up.
 * A verdict that would be 达标 without any evidence item becomes 待补充 (缺少佐证材料); a sub-indicator needs
 * evidence of its own or for the whole indicator. An indicator marked 不涉及 is not judged.
 */
export function judgeIndicator(
  indicator: PlacedIndicator,
  results: readonly Result[],
  evidence: number | EvidenceCounts,
  years: Years,
  place?: DistrictPlace,
): Verdict {
  const counts: EvidenceCounts = typeof evidence === 'number' ? { all: evidence, whole: evidence, bySub: new Map() } : evidence;
  const evidenceCount = counts.all;
  if (indicator.notApplicable) {
    const reason = `不涉及：${oneLine(indicator.notApplicable)}`;
    const subs = indicator.subIndicators.map((s): SubVerdict => ({ no: s.no, name: s.name, applies: false, verdict: '不涉及', reason }));
    return { no: indicator.no, verdict: '不涉及', reason, currentText: '不涉及', evidenceCount, subs };
  }
  const own = results.filter((r) => r.indicator === indicator.no);
  let verdict: VerdictKind;
  let reason: string;
  let currentText: string;
  let subs: SubVerdict[] = [];
  if (indicator.subIndicators.length === 0) {
    const outcome = judgeSpec(specOf(indicator), own.find((r) => r.sub === undefined), years);
    ({ verdict, reason, currentText } = outcome);
  } else {
    const judged = judgeWithSubs(indicator, own, years, counts, place);
    const prefix = (e: Entry) => (judged.prefixed && e.no !== undefined ? circled(e.no) : '');
    subs = judged.subs;
    verdict = rollUpEntries(judged.entries);
    const notes = subs.filter((v) => v.verdict === '不涉及').map((v) => `${circled(v.no)}${v.reason}`);
    reason = [...judged.entries.map((e) => `${prefix(e)}${e.reason.replace(/[。；]+$/, '')}`), ...(verdict === '不涉及' ? [] : notes)].join('；');
    currentText = [
      ...judged.entries.map((e) => `${prefix(e)}${e.currentText}`),
      ...(verdict === '不涉及' ? [] : subs.filter((v) => v.verdict === '不涉及').map((v) => `${circled(v.no)}不涉及`)),
    ].join('\n');
  }
  if (verdict === '达标' && evidenceCount === 0) {
    verdict = '待补充';
    reason = `${reason}；缺少佐证材料`;
  }
  return { no: indicator.no, verdict, reason, currentText, evidenceCount, subs };
}
