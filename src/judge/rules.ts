import type { Better, Measure } from '../model/index.ts';
import type { Comparison, Result } from '../model/index.ts';
import { difference, formatNumber, formatQuantity, oneLine, roundTo } from '../common/index.ts';
import { resolveSuperior, type ResolvedSuperior } from './superior.ts';
import type { AllOfTarget, AnyOfTarget, DeltaTarget, EitherTarget, QualitativeTarget, RelevantTarget, SuperiorTargetForm, Target, ThresholdTarget, TrendTarget } from './target.ts';
import { MISSING_TEXT, type VerdictKind, type Years } from './verdict.ts';

/**
 * One judging rule per target form. Rules see one result (of an indicator or a sub-indicator)
 * and know nothing of evidence: the missing-evidence downgrade happens once, per indicator.
 */

export interface RuleContext {
  readonly unit: string;
  readonly better: Better;
  readonly measure: Measure;
  /** absent when nothing was reported */
  readonly result: Result | undefined;
  readonly years: Years;
}

/**
 * Reasons are official text (the report and the annex print them): what the office has to do about one is
 * said by clerkHints (judge/hints.ts), never inside it.
 */
export const MISSING_SUPERIOR = '缺少上级规定的目标值';
export const MISSING_STATUS = '达标情况待补充说明';
export const RELEVANT_ONLY = '（带*：仅在相关地区考核）';

export interface RuleOutcome {
  readonly verdict: VerdictKind;
  readonly reason: string;
  /** 现状值 as a table cell shows it */
  readonly currentText: string;
  readonly current?: number;
  readonly baseline?: number;
}

/** Tolerance for comparisons: 100 means 100% exactly, up to float noise. */
export const EPSILON = 1e-9;

export function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '≥': return a >= b - EPSILON;
    case '≤': return a <= b + EPSILON;
    case '>': return a > b + EPSILON;
    case '<': return a < b - EPSILON;
    case '=': return Math.abs(a - b) <= EPSILON;
  }
}

/** The sign a reason shows between two numbers: the target's sign when met, its opposite when not. */
export function shownSign(a: number, op: Comparison, b: number): string {
  if (compare(a, op, b)) return op;
  switch (op) {
    case '≥': return '<';
    case '≤': return '>';
    case '>': return '≤';
    case '<': return '≥';
    case '=': return a < b ? '<' : '>';
  }
}

export function valueIn(result: Result | undefined, year: number): number | undefined {
  return result?.values[String(year)];
}

function missingReason(ctx: RuleContext, needBaseline: boolean): string | undefined {
  const missing: string[] = [];
  if (needBaseline && valueIn(ctx.result, ctx.years.baselineYear) === undefined) missing.push(`${ctx.years.baselineYear}年基准值`);
  if (valueIn(ctx.result, ctx.years.currentYear) === undefined) missing.push(`${ctx.years.currentYear}年现状值`);
  return missing.length ? `缺少${missing.join('、')}` : undefined;
}

function numbers(ctx: RuleContext): { current?: number; baseline?: number } {
  const current = valueIn(ctx.result, ctx.years.currentYear);
  const baseline = valueIn(ctx.result, ctx.years.baselineYear);
  return { ...(current !== undefined ? { current } : {}), ...(baseline !== undefined ? { baseline } : {}) };
}

function currentText(ctx: RuleContext): string {
  const current = valueIn(ctx.result, ctx.years.currentYear);
  return current === undefined ? MISSING_TEXT : formatQuantity(current, ctx.unit);
}

function pending(reason: string, ctx: RuleContext): RuleOutcome {
  return { verdict: '待补充', reason, currentText: currentText(ctx), ...numbers(ctx) };
}

function decided(met: boolean, reason: string, ctx: RuleContext, shown = currentText(ctx)): RuleOutcome {
  return { verdict: met ? '达标' : '未达标', reason, currentText: shown, ...numbers(ctx) };
}

/** The number a numeric target is compared with, with its label: the level, or the change from the baseline. */
interface Measured {
  readonly value: number;
  /** `现状值 86.2%` or `提高 2.4 个百分点` */
  readonly label: string;
  /** how a target number is written next to it: `85%`, or `2` for percentage points */
  readonly targetText: (n: number) => string;
  readonly cell: string;
}

function measured(ctx: RuleContext): Measured | string {
  const missing = missingReason(ctx, ctx.measure === 'change');
  if (missing) return missing;
  const current = valueIn(ctx.result, ctx.years.currentYear)!;
  if (ctx.measure === 'level') {
    const text = formatQuantity(current, ctx.unit);
    return { value: current, label: `现状值 ${text}`, targetText: (n) => formatQuantity(n, ctx.unit), cell: text };
  }
  const change = difference(current, valueIn(ctx.result, ctx.years.baselineYear)!);
  if (ctx.unit !== '%') {
    const label = `变化 ${formatQuantity(change, ctx.unit)}`;
    return { value: change, label, targetText: (n) => formatQuantity(n, ctx.unit), cell: label };
  }
  // the comparison names the same quantity on both sides (提高幅度 −11 个百分点 < 2 个百分点, never 降低 11 < 2);
  // the table cell says it as a reader would (降低 11 个百分点)
  const label = change < 0 ? `提高幅度 ${formatNumber(change)} 个百分点` : `提高 ${formatNumber(change)} 个百分点`;
  const cell = change < 0 ? `降低 ${formatNumber(-change)} 个百分点` : label;
  return { value: change, label, targetText: (n) => `${formatNumber(n)} 个百分点`, cell };
}

/** `≥85`, `100`: the current value (or its change, for measure 'change') against a number. */
export function judgeThreshold(target: ThresholdTarget, ctx: RuleContext): RuleOutcome {
  const m = measured(ctx);
  if (typeof m === 'string') return pending(m, ctx);
  const met = compare(m.value, target.op, target.value);
  return decided(met, `${m.label} ${shownSign(m.value, target.op, target.value)} ${m.targetText(target.value)}`, ctx, m.cell);
}

/** `ΔEQI≥-1`: current − baseline against a number. */
export function judgeDelta(target: DeltaTarget, ctx: RuleContext): RuleOutcome {
  const missing = missingReason(ctx, true);
  if (missing) return pending(missing, ctx);
  const current = valueIn(ctx.result, ctx.years.currentYear)!;
  const baseline = valueIn(ctx.result, ctx.years.baselineYear)!;
  const change = difference(current, baseline);
  const met = compare(change, target.op, target.value);
  const years = `${ctx.years.baselineYear}年 ${formatQuantity(baseline, ctx.unit)} → ${ctx.years.currentYear}年 ${formatQuantity(current, ctx.unit)}`;
  const reason = `${target.symbol} = ${formatNumber(change)} ${shownSign(change, target.op, target.value)} ${formatNumber(target.value)}（${years}）`;
  // no spaces in the cell: a table never breaks the line between the sign and the number
  return decided(met, reason, ctx, `${target.symbol}=${formatNumber(change)}`);
}

/**
 * 完成上级规定的…: the measured value against Result.superiorTarget. Without one, the superior's own finding
 * (考核结果 完成 / 未完成) declared as `status` decides; without either the verdict waits.
 */
export function judgeSuperior(form: SuperiorTargetForm, ctx: RuleContext): RuleOutcome {
  const superior = ctx.result?.superiorTarget;
  if (!superior && ctx.result?.status) return superiorFinding(form, ctx.result, ctx);
  if (!superior) {
    const m = measured(ctx);
    return pending([MISSING_SUPERIOR, typeof m === 'string' ? m : ''].filter(Boolean).join('；'), ctx);
  }
  const resolved = resolveSuperior(superior, ctx.unit, ctx.years.baselineYear, ctx.better);
  if (!resolved.ok) return pending(resolved.message, ctx);
  const target = resolved.target;
  const source = superior.text ? `（${oneLine(superior.text)}）` : '';
  if (target.measure !== 'level') return judgeSuperiorChange(target, source, ctx);
  // `measure: level` written out compares the level, also on a line measured as a change (提高幅度)
  const m = measured(superior.measure === 'level' ? { ...ctx, measure: 'level' } : ctx);
  if (typeof m === 'string') return pending(m, ctx);
  const met = compare(m.value, target.op, target.value);
  const reason = `${m.label} ${shownSign(m.value, target.op, target.value)} 上级目标 ${m.targetText(target.value)}${source}`;
  return decided(met, reason, ctx, m.cell);
}

/** The superior's finding on a 完成上级规定的… indicator, as the office declared it (its evidence is checked per indicator). */
function superiorFinding(target: SuperiorTargetForm, result: Result, ctx: RuleContext): RuleOutcome {
  const phrase = oneLine(target.phrase);
  const description = result.description ? `：${oneLine(result.description)}` : '';
  const cell = cellDescription(result);
  const shown = (state: string) => `${state}${cell ? `（${cell}）` : ''}`;
  switch (result.status!) {
    case '已达到': return { verdict: '达标', reason: `已${phrase}${description}`, currentText: shown('完成'), ...numbers(ctx) };
    case '推进中': return { verdict: '未达标', reason: `推进中，尚未${phrase}${description}`, currentText: shown('推进中'), ...numbers(ctx) };
    case '未达到': return { verdict: '未达标', reason: `未${phrase}${description}`, currentText: shown('未完成'), ...numbers(ctx) };
  }
}

/**
 * 较2022年累计降低2.5%: the change (or rate of change) from the target's base year to the current year, in the
 * target's direction, against the target's size. The sentence names both: 较2022年累计降低2.8%，完成上级下达的降低2.5%目标.
 */
function judgeSuperiorChange(target: Extract<ResolvedSuperior, { measure: 'change' | 'rate' }>, source: string, ctx: RuleContext): RuleOutcome {
  const { currentYear } = ctx.years;
  const base = valueIn(ctx.result, target.baseYear);
  const current = valueIn(ctx.result, currentYear);
  const missing = [base === undefined ? `${target.baseYear}年数值（上级目标的基准）` : '', current === undefined ? `${currentYear}年现状值` : ''].filter(Boolean);
  if (missing.length) return pending(`缺少${missing.join('、')}`, ctx);
  if (target.measure === 'rate' && base === 0) return pending(`${target.baseYear}年数值为 0，无法计算变化率`, ctx);
  const sign = target.direction === '降低' ? -1 : 1;
  const raw = target.measure === 'rate' ? ((current! - base!) / base!) * 100 * sign : difference(current!, base!) * sign;
  // judged on the change itself, as a threshold is on the value itself; shown to 2 decimals, or to as many as
  // it takes for the number shown to fall on the same side of the target (1.995 is not shown as 2)
  const met = compare(raw, target.op, target.value);
  let size = roundTo(raw, 2);
  for (let decimals = 3; decimals <= 6 && compare(size, target.op, target.value) !== met; decimals++) size = roundTo(raw, decimals);
  const points = ctx.unit === '%' && target.measure === 'change';
  const amount = (n: number) => (target.measure === 'rate' ? `${formatNumber(n)}%` : points ? `${formatNumber(n)}个百分点` : formatQuantity(n, ctx.unit));
  const other = target.direction === '降低' ? '上升' : '下降';
  const span = currentYear - target.baseYear > 1 ? '累计' : '';
  const achieved = size >= 0 ? `较${target.baseYear}年${span}${target.direction}${amount(size)}` : `较${target.baseYear}年${span}${other}${amount(-size)}`;
  const opWords = target.op === '≥' || target.op === '>' ? '' : `（${target.op}）`;
  const goal = `上级下达的${target.direction}${opWords}${amount(target.value)}目标`;
  const levels = `${target.baseYear}年 ${formatQuantity(base!, ctx.unit)} → ${currentYear}年 ${formatQuantity(current!, ctx.unit)}`;
  const reason = `${achieved}，${met ? '完成' : '未完成'}${goal}（${levels}）${source}`;
  return decided(met, reason, ctx, `${formatQuantity(current!, ctx.unit)}（${achieved}）`);
}

/** The comparison of current with baseline each trend phrase asks for. */
export function trendComparison(phrase: TrendTarget['phrase'], better: Better): Comparison {
  switch (phrase) {
    case '保持稳定或持续改善':
      return better === 'lower' ? '≤' : '≥';
    case '减少':
      return '<';
    // the words say which way, whatever is better: 不降低 is “not lower than”
    case '不降低':
    case '不减少':
      return '≥';
    case '持续提高':
      return '>';
    case '持续下降':
      return '<';
    case '持续改善':
      return better === 'lower' ? '<' : '>';
  }
}

/** 持续…: “continuously”, so every year reported between the two is on from the one before, not only the ends. */
const YEAR_BY_YEAR: ReadonlySet<TrendTarget['phrase']> = new Set(['持续提高', '持续下降', '持续改善']);

/** The first year reported from the baseline to the current year that is not on (by `op`) from the year before it. */
function firstStepBack(ctx: RuleContext, op: Comparison): { year: number; value: number; before: number; beforeValue: number } | undefined {
  const { baselineYear, currentYear } = ctx.years;
  const years = Object.keys(ctx.result?.values ?? {}).map(Number).filter((y) => y >= baselineYear && y <= currentYear).sort((a, b) => a - b);
  for (let k = 1; k < years.length; k++) {
    const value = valueIn(ctx.result, years[k]!)!;
    const beforeValue = valueIn(ctx.result, years[k - 1]!)!;
    if (!compare(value, op, beforeValue)) return { year: years[k]!, value, before: years[k - 1]!, beforeValue };
  }
  return undefined;
}

/** 保持稳定或持续改善, 不降低, 减少, 不减少: the current year against the baseline year (持续…: and each year against the one before). */
export function judgeTrend(target: TrendTarget, ctx: RuleContext): RuleOutcome {
  const missing = missingReason(ctx, true);
  if (missing) return pending(missing, ctx);
  const { currentYear, baselineYear } = ctx.years;
  const current = valueIn(ctx.result, currentYear)!;
  const baseline = valueIn(ctx.result, baselineYear)!;
  const op = trendComparison(target.phrase, ctx.better);
  const met = compare(current, op, baseline);
  const failure =
    target.phrase === '减少' ? '未减少'
    : target.phrase === '不减少' ? `较${baselineYear}年减少`
    : target.phrase === '持续提高' ? '未提高'
    : target.phrase === '持续下降' ? '未下降'
    : target.phrase === '持续改善' ? '未改善'
    : target.phrase === '不降低' ? `较${baselineYear}年降低`
    : `较${baselineYear}年变差`;
  const step = met && YEAR_BY_YEAR.has(target.phrase) ? firstStepBack(ctx, op) : undefined;
  if (step) {
    const broken = `${step.year}年 ${formatQuantity(step.value, ctx.unit)} ${shownSign(step.value, op, step.beforeValue)} ${step.before}年 ${formatQuantity(step.beforeValue, ctx.unit)}`;
    return decided(false, `${broken}（${target.phrase.replace('持续', '未持续')}）`, ctx);
  }
  const reason =
    `${currentYear}年 ${formatQuantity(current, ctx.unit)} ${shownSign(current, op, baseline)} ` +
    `${baselineYear}年 ${formatQuantity(baseline, ctx.unit)}（${met ? target.phrase : failure}）`;
  return decided(met, reason, ctx);
}

/** How a table shows a qualitative state that is reached: 建立 → 已建立; 不明显 stays 不明显. */
export function reachedText(phrase: QualitativeTarget['phrase']): string {
  return phrase.startsWith('不') || phrase.includes('，') ? phrase : `已${phrase}`;
}

/**
 * What a table cell says about the state: the short form the office wrote (`current` in results.yaml), else
 * the whole description. Never cut: a submitted file does not end a text with “…”; the cell wraps instead.
 */
export function cellDescription(result: Pick<Result, 'current' | 'description'> | undefined): string {
  return oneLine(result?.current ?? result?.description ?? '');
}

/** 制定实施, 建立, 开展 …: the declared status (evidence is checked per indicator afterwards). */
export function judgeQualitative(target: QualitativeTarget, ctx: RuleContext): RuleOutcome {
  const status = ctx.result?.status;
  const description = ctx.result?.description ? oneLine(ctx.result.description) : '';
  const detail = description ? `：${description}` : '';
  const cell = cellDescription(ctx.result);
  const cellDetail = cell ? `（${cell}）` : '';
  switch (status) {
    case undefined:
      return { verdict: '待补充', reason: MISSING_STATUS, currentText: MISSING_TEXT };
    case '已达到':
      return { verdict: '达标', reason: `已达到“${target.phrase}”${detail}`, currentText: `${reachedText(target.phrase)}${cellDetail}` };
    case '推进中':
      return { verdict: '未达标', reason: `推进中，尚未达到“${target.phrase}”${detail}`, currentText: `推进中${cellDetail}` };
    case '未达到':
      return { verdict: '未达标', reason: `未达到“${target.phrase}”${detail}`, currentText: `未达到${cellDetail}` };
  }
}

/** 完成上级规定的…；保持稳定或持续改善: the superior's target where one is given, otherwise the trend. */
export function judgeEither(target: EitherTarget, ctx: RuleContext): RuleOutcome {
  if (ctx.result?.superiorTarget || ctx.result?.status) return judgeSuperior(target.superior, ctx);
  // where no superior target is given, the trend decides; the reason names the trend (never a claim that no
  // superior target was set: it may only not have been filled in yet)
  return judgeTrend(target.otherwise, ctx);
}

/** `≥90或持续提高`: 达标 when any alternative is; otherwise 待补充 while one still lacks data, else 未达标. */
export function judgeAnyOf(target: AnyOfTarget, ctx: RuleContext): RuleOutcome {
  const outcomes = target.options.map((o) => judgeTarget(o, ctx));
  const met = outcomes.find((o) => o.verdict === '达标');
  if (met) return { ...met, reason: `${met.reason}（满足“${oneLine(target.text)}”之一）` };
  const verdict: VerdictKind = outcomes.some((o) => o.verdict === '待补充') ? '待补充' : '未达标';
  const reason = `${outcomes.map((o) => o.reason).join('；')}（“${oneLine(target.text)}”${verdict === '未达标' ? '均未满足' : '尚无法判断'}）`;
  return { ...outcomes[0]!, verdict, reason };
}

/** `完成上级规定的考核任务，且≤25或持续下降`: 达标 when every part is; 未达标 when any part is not. */
export function judgeAllOf(target: AllOfTarget, ctx: RuleContext): RuleOutcome {
  const outcomes = target.parts.map((p) => judgeTarget(p, ctx));
  const verdict: VerdictKind = outcomes.some((o) => o.verdict === '未达标') ? '未达标' : outcomes.some((o) => o.verdict === '待补充') ? '待补充' : '达标';
  const shown = outcomes.find((o) => o.currentText !== MISSING_TEXT) ?? outcomes[0]!;
  return { ...shown, verdict, reason: outcomes.map((o) => o.reason).join('，且') };
}

/** `*`: judged like the target it marks; with nothing reported, the office is told it may leave the indicator out. */
export function judgeRelevant(target: RelevantTarget, ctx: RuleContext): RuleOutcome {
  const inner = judgeTarget(target.inner, ctx);
  if (ctx.result === undefined) {
    return { ...inner, verdict: '待补充', reason: `${inner.reason}${RELEVANT_ONLY}` };
  }
  return { ...inner, reason: `${inner.reason}${RELEVANT_ONLY}` };
}

export function judgeTarget(target: Target, ctx: RuleContext): RuleOutcome {
  switch (target.kind) {
    case 'threshold': return judgeThreshold(target, ctx);
    case 'delta': return judgeDelta(target, ctx);
    case 'superior': return judgeSuperior(target, ctx);
    case 'trend': return judgeTrend(target, ctx);
    case 'qualitative': return judgeQualitative(target, ctx);
    case 'either': return judgeEither(target, ctx);
    case 'anyOf': return judgeAnyOf(target, ctx);
    case 'allOf': return judgeAllOf(target, ctx);
    case 'relevant': return judgeRelevant(target, ctx);
  }
}
