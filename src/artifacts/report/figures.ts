import type { PlacedIndicator } from '../../model/index.ts';
import type { RenderInput } from '../render-input.ts';
import { trendChart, valuesOf, verdictCounts } from './chart-options.ts';
import type { ChartSpec } from '../../documents/charts/index.ts';
import { cachedChartPngs } from '../../documents/charts/index.ts';
import type { ChartSize } from '../../documents/charts/index.ts';
import type { FigureSpec } from '../../documents/docx/index.ts';

/**
 * The report's figures (插图) in 三、指标达标情况: 图1 the verdicts by 领域 (the chart of the dashboard's 总览),
 * then one trend against the target for each indicator with values for three years or more (the chart of the
 * 指标 page), in 附件1's order. The caption carries the title, so the picture is drawn without its own.
 */

/** An indicator needs this many years of values for its trend to be a figure: two points are not a trend. */
export const TREND_MIN_YEARS = 3;

export interface ReportFigure {
  /** the name the template places it by (`::: figure domains …`) */
  readonly id: string;
  /** 图N */
  readonly no: number;
  /** the caption after 图N */
  readonly title: string;
  readonly chart: ChartSpec;
  /** drawn at this size in CSS pixels (the dashboard's), then printed at `widthMm` × `heightMm` */
  readonly drawn: ChartSize;
  readonly widthMm: number;
  readonly heightMm: number;
}

/**
 * 图1 at the full text width of GB/T 9704 (156 mm); trends narrower and low enough for three with their
 * captions on a page (225 mm of text), their labels still about 8 pt.
 */
const DOMAINS = { drawn: { width: 640, height: 320 }, widthMm: 156, heightMm: 78 } as const;
const TREND = { drawn: { width: 540, height: 240 }, widthMm: 126, heightMm: 56 } as const;

/** Which figures the report has, numbered in order (no pictures drawn yet). */
export function reportFigures(input: RenderInput): ReportFigure[] {
  const { indicators, results } = input.data;
  const figures: ReportFigure[] = [{
    id: 'domains', no: 1, title: '各领域指标达标情况', chart: verdictCounts(indicators, input.verdicts, 'domain'), ...DOMAINS,
  }];
  for (const indicator of indicators) {
    const chart = trendChart(indicator, valuesOf(results, indicator));
    if (!chart || chart.years.length < TREND_MIN_YEARS) continue;
    figures.push({ id: `trend-${indicator.no}`, no: figures.length + 1, title: `${quantityOf(indicator)}历年变化（第${indicator.no}项指标）`, chart, ...TREND });
  }
  return figures;
}

/**
 * What the values by year measure: the indicator's name, less the words of a change where the indicator is the
 * change of a level (一般工业固体废物综合利用率提高幅度 reports the 综合利用率 of each year).
 */
export function quantityOf(indicator: PlacedIndicator): string {
  if (indicator.measure !== 'change') return indicator.name;
  return indicator.name.replace(/(提高幅度|下降幅度|提高率|下降率|降低率|增长率|减少率|变化率|变化量|提高|下降|降低|增长|减少)$/, '') || indicator.name;
}

/**
 * The figures as the docx writer takes them: each chart rasterised (same chart, same bytes), or taken from
 * `chartCache` where the same chart was drawn before. Those to draw are drawn in a process of their own
 * (documents/charts/apart.ts): the annex comes next, and ECharts, resvg and their fonts leave nothing
 * behind for it.
 */
export async function figureImages(figures: readonly ReportFigure[], chartCache?: string): Promise<Record<string, FigureSpec>> {
  const pngs = await cachedChartPngs(chartCache, figures.map((f) => ({ spec: f.chart, size: f.drawn, scale: 2, drawing: { title: false } })));
  return Object.fromEntries(figures.map((f, k) => [f.id, {
    png: pngs[k]!,
    widthMm: f.widthMm,
    heightMm: f.heightMm,
    description: describe(f.chart),
  } satisfies FigureSpec]));
}

/** What the picture shows, in words (Word's alt text). */
function describe(chart: ChartSpec): string {
  if (chart.kind === 'stacked-bars') {
    return `${chart.title}：${chart.groups.map((g, i) => `${g}${chart.series.map((s) => `${s.name}${s.values[i]}项`).join('、')}`).join('；')}`;
  }
  const values = chart.years.map((y, i) => `${y}${chart.values[i]}${chart.unit}`).join('，');
  return `${chart.title}：${values}${chart.target ? `；${chart.target.label}` : ''}`;
}

/** 图2 / 图2至图8: how the text refers to the trend figures. */
export function figureRange(figures: readonly ReportFigure[]): string {
  if (figures.length === 0) return '';
  const first = figures[0]!.no;
  const last = figures[figures.length - 1]!.no;
  return first === last ? `图${first}` : `图${first}至图${last}`;
}
