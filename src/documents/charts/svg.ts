import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { ChartSpec } from './spec.ts';

/**
 * Charts drawn on the server as SVG by Apache ECharts (its server-side SVG renderer: no browser, no canvas).
 * No animation, fixed sizes and fonts; the element ids ECharts numbers per process are renumbered from 1 so
 * the same chart gives the same text whatever was drawn before it.
 */

// ECharts' single-file CommonJS build (loading its hundreds of ES modules one by one takes seconds), loaded
// when the first chart is drawn: tens of MB a command that draws none does not carry
let loaded: typeof Echarts | undefined;
function echarts(): typeof Echarts {
  loaded ??= createRequire(import.meta.url)('echarts') as typeof Echarts;
  return loaded;
}

export const CHART_FONT = "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export interface ChartDrawing {
  /** the spec's title drawn above the chart (default); a document's figure leaves it to its caption (图1 …) */
  readonly title?: boolean;
}

function echartsOption(spec: ChartSpec, drawing: ChartDrawing): Echarts.EChartsCoreOption {
  const titled = drawing.title ?? true;
  const top = titled ? 44 : 24;
  const base = {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 13 },
    ...(titled ? { title: { text: spec.title, left: 'center', top: 6, textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: CHART_FONT } } } : {}),
  };
  if (spec.kind === 'stacked-bars') {
    return {
      ...base,
      legend: { bottom: 4, data: spec.series.map((s) => s.name), textStyle: { fontFamily: CHART_FONT } },
      grid: { left: 48, right: 20, top, bottom: 56, containLabel: false },
      xAxis: { type: 'category', data: [...spec.groups], axisLabel: { interval: 0, fontFamily: CHART_FONT } },
      yAxis: { type: 'value', minInterval: 1, name: '项', nameTextStyle: { fontFamily: CHART_FONT } },
      series: spec.series.map((s) => ({
        name: s.name, type: 'bar', stack: 'all', data: [...s.values], itemStyle: { color: s.colour },
        label: { show: true, position: 'inside', color: '#fff', fontFamily: CHART_FONT, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      })),
    };
  }
  const axis = valueAxis([...spec.values, ...(spec.target ? [spec.target.value] : [])], spec.unit);
  return {
    ...base,
    // room on the right for the target's label drawn after the line's end: always inside the picture
    grid: { left: 64, right: Math.max(96, Math.ceil(textWidthPx(spec.target?.label ?? '', LABEL_PX) + MARK_LABEL_GAP + 10)), top, bottom: 36 },
    // each year's point in the middle of its band, not on the value axis where its label would cover the axis labels
    xAxis: { type: 'category', data: [...spec.years], boundaryGap: true, axisLabel: { fontFamily: CHART_FONT } },
    yAxis: {
      type: 'value', name: spec.unit, scale: true, ...axis,
      nameTextStyle: { fontFamily: CHART_FONT }, axisLabel: { fontFamily: CHART_FONT },
    },
    series: [{
      name: '数值', type: 'line', data: [...spec.values], symbolSize: 8, lineStyle: { width: 3, color: '#1565c0' }, itemStyle: { color: '#1565c0' },
      label: { show: true, position: 'top', fontFamily: CHART_FONT, color: '#1565c0' },
      ...(spec.target ? {
        markLine: {
          silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#c62828', width: 2 },
          label: { formatter: spec.target.label, position: 'end', color: '#c62828', fontFamily: CHART_FONT },
          data: [{ yAxis: spec.target.value }],
        },
      } : {}),
    }],
  };
}

/** The size ECharts draws labels at (textStyle.fontSize), and the gap it leaves between a mark line and its label. */
const LABEL_PX = 13;
const MARK_LABEL_GAP = 5;

/**
 * Width of a label at `px` in Noto Sans SC, generously: a Chinese character or full-width sign (≤, ≥ are drawn
 * full width in it) one em, a Latin letter or digit 0.62 em, a space 0.3 em.
 */
export function textWidthPx(text: string, px: number): number {
  let em = 0;
  for (const ch of text) em += ch === ' ' ? 0.3 : /[\x21-\x7e]/.test(ch) ? 0.62 : 1;
  return em * px;
}

/**
 * The value axis of a trend: a round step (1, 2, 2.5 or 5 times a power of ten) and ends on whole steps with
 * some room around the values, so every tick is one step from the next (no end label crowding the one next to
 * it); a percentage stays within 0–100 where its values do. Numbers are written without binary fractions
 * (7 × 0.1 is 0.7000000000000001, which the axis would print).
 */
export function valueAxis(values: readonly number[], unit: string): { min: number; max: number; interval: number } {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.15 || Math.abs(high) * 0.05 || 1;
  const raw = (high - low + 2 * pad) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const interval = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((step) => step >= raw * 0.999)!;
  const digits = Math.max(0, 1 - Math.floor(Math.log10(interval)));
  const tidy = (n: number) => Number(n.toFixed(digits));
  let min = tidy(Math.floor((low - pad) / interval) * interval);
  let max = tidy(Math.ceil((high + pad) / interval) * interval);
  if (low >= 0 && min < 0) min = 0;
  if (unit === '%' && high <= 100 && max > 100) max = 100;
  if (max <= min) max = tidy(min + interval);
  return { min, max, interval: tidy(interval) };
}

/** One chart as an SVG document (UTF-8 text). */
export function chartSvg(spec: ChartSpec, size: ChartSize, drawing: ChartDrawing = {}): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(echartsOption(spec, drawing));
    return renumberIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** zr3-cls-19, zr3-clip-0 …: the renderer's per-process counters, renumbered in order of first appearance. */
function renumberIds(rendered: string): string {
  const seen = new Map<string, string>();
  const byId = rendered.replace(/\bid="([^"]+)"/g, (_m, id: string) => {
    if (!seen.has(id)) seen.set(id, `c${seen.size + 1}`);
    return `id="${seen.get(id)!}"`;
  });
  const refs = byId.replace(/url\(#([^)]+)\)/g, (m, id: string) => (seen.has(id) ? `url(#${seen.get(id)!})` : m));
  const classes = new Map<string, string>();
  return refs.replace(/\bzr\d*-cls-\d+\b/g, (c) => {
    if (!classes.has(c)) classes.set(c, `k${classes.size + 1}`);
    return classes.get(c)!;
  });
}
