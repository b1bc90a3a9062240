import type { Verdict, VerdictKind } from '../../judge/index.ts';
import { parseTarget, speaksOfChange, superiorOp } from '../../judge/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';
import type { Result } from '../../model/index.ts';
import type { StackedBarChart, TrendChart } from '../../documents/charts/index.ts';

/**
 * What the charts show, as plain data: the office's dashboard, the printable snapshot and the Word report
 * draw the same two pictures from it (the chart toolkit, documents/charts, draws a spec).
 */

export const VERDICT_ORDER: readonly VerdictKind[] = ['达标', '未达标', '待补充'];
export const VERDICT_COLOURS: Readonly<Record<VerdictKind, string>> = { 达标: '#2e7d32', 未达标: '#c62828', 待补充: '#9e9e9e', 不涉及: '#d9d9d9' };


/** Verdicts counted by 领域 (`by: 'domain'`) or by 指标属性 (`by: 'attribute'`). */
export function verdictCounts(indicators: readonly PlacedIndicator[], verdicts: readonly Verdict[], by: 'domain' | 'attribute'): StackedBarChart {
  const byNo = new Map(verdicts.map((v) => [v.no, v.verdict]));
  const groups: string[] = [];
  for (const ind of indicators) {
    const g = by === 'domain' ? ind.domain : ind.attribute;
    if (!groups.includes(g)) groups.push(g);
  }
  // 不涉及 gets a series of its own only where some indicator is marked so
  const order: readonly VerdictKind[] = verdicts.some((v) => v.verdict === '不涉及') ? [...VERDICT_ORDER, '不涉及'] : VERDICT_ORDER;
  const counts = Object.fromEntries(order.map((k) => [k, groups.map(() => 0)])) as Record<VerdictKind, number[]>;
  for (const ind of indicators) {
    const g = groups.indexOf(by === 'domain' ? ind.domain : ind.attribute);
    counts[byNo.get(ind.no) ?? '待补充'][g]!++;
  }
  const title = by === 'domain' ? '各领域指标达标情况' : '约束性与参考性指标达标情况';
  return { kind: 'stacked-bars', title, groups, series: order.map((k) => ({ name: k, colour: VERDICT_COLOURS[k], values: counts[k] })) };
}

/**
 * What an indicator's trend is drawn from: its own result, or, for an indicator judged on one line of its
 * own (林草覆盖率, of which a district keeps its terrain's line as ①), that line's result. Indicators of
 * several lines (生物多样性保护 ①②③) have no one trend.
 */
export function valuesOf(results: readonly Result[], indicator: Pick<PlacedIndicator, 'no' | 'subIndicators'>): Result | undefined {
  const own = results.find((r) => r.indicator === indicator.no && r.sub === undefined);
  const [line, ...more] = indicator.subIndicators;
  if (own || !line || more.length > 0 || line.notApplicable || line.when !== undefined) return own;
  return results.find((r) => r.indicator === indicator.no && r.sub === line.no);
}

/** An indicator's values by year against its target; undefined when it has no numbers to draw. */
export function trendChart(indicator: PlacedIndicator, result: Result | undefined): TrendChart | undefined {
  const entries = Object.entries(result?.values ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  if (entries.length === 0) return undefined;
  // a result of the indicator's one line is drawn against that line's target
  const line = result?.sub !== undefined ? indicator.subIndicators.find((s) => s.no === result.sub) : undefined;
  const targetText = line?.target ?? indicator.target;
  const parsed = parseTarget(targetText, line?.unit ?? indicator.unit);
  let target: TrendChart['target'];
  const lineMeasure = line?.measure ?? indicator.measure;
  const superior = result?.superiorTarget;
  if (parsed.ok && parsed.target.kind === 'threshold' && lineMeasure !== 'change') {
    target = { op: parsed.target.op, value: parsed.target.value, label: `目标 ${targetText}` };
  } else if (superior?.value !== undefined && (superior.measure ?? (lineMeasure === 'change' ? 'change' : 'level')) === 'level' && !speaksOfChange(superior.text ?? '')) {
    // a change target (较2022年降低2.5%, or any on a line measured as a change) is no line on a chart of levels
    const op = superiorOp(superior, 'level', line?.better ?? indicator.better ?? 'higher');
    target = { op, value: superior.value, label: `上级目标 ${op}${superior.value}` };
  }
  const shown = line?.unit ?? indicator.unit;
  const unit = shown === '-' ? '' : shown;
  return {
    kind: 'trend', title: `${indicator.no}. ${indicator.name}`, unit,
    years: entries.map(([y]) => `${y}年`), values: entries.map(([, v]) => v), ...(target ? { target } : {}),
  };
}
