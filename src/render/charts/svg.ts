import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { VERDICT_COLOURS, VERDICT_ORDER, type ChartSpec } from './options.ts';

/**
 * Charts drawn on the server as SVG by Apache ECharts (its server-side SVG renderer: no browser, no canvas).
 * No animation, fixed sizes and fonts; the element ids ECharts numbers per process are renumbered from 1 so
 * the same chart gives the same text whatever was drawn before it.
 */

// ECharts' single-file CommonJS build: loading its hundreds of ES modules one by one takes seconds
const echarts = createRequire(import.meta.url)('echarts') as typeof Echarts;

export const CHART_FONT = "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

function echartsOption(spec: ChartSpec): Echarts.EChartsCoreOption {
  const base = {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 13 },
    title: { text: spec.title, left: 'center', top: 6, textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: CHART_FONT } },
  };
  if (spec.kind === 'verdict-counts') {
    return {
      ...base,
      legend: { bottom: 4, data: [...VERDICT_ORDER], textStyle: { fontFamily: CHART_FONT } },
      grid: { left: 48, right: 20, top: 44, bottom: 56, containLabel: false },
      xAxis: { type: 'category', data: [...spec.groups], axisLabel: { interval: 0, fontFamily: CHART_FONT } },
      yAxis: { type: 'value', minInterval: 1, name: '项', nameTextStyle: { fontFamily: CHART_FONT } },
      series: VERDICT_ORDER.map((k) => ({
        name: k, type: 'bar', stack: 'all', data: [...spec.counts[k]], itemStyle: { color: VERDICT_COLOURS[k] },
        label: { show: true, position: 'inside', color: '#fff', fontFamily: CHART_FONT, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      })),
    };
  }
  const values = [...spec.values, ...(spec.target ? [spec.target.value] : [])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.15 || Math.abs(max) * 0.1 || 1;
  return {
    ...base,
    grid: { left: 64, right: 96, top: 44, bottom: 36 },
    xAxis: { type: 'category', data: [...spec.years], boundaryGap: false, axisLabel: { fontFamily: CHART_FONT } },
    yAxis: {
      type: 'value', name: spec.unit, scale: true, min: roundDown(min - pad), max: roundUp(max + pad),
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

function roundDown(n: number): number {
  const step = niceStep(n);
  return Math.floor(n / step) * step;
}
function roundUp(n: number): number {
  const step = niceStep(n);
  return Math.ceil(n / step) * step;
}
function niceStep(n: number): number {
  const a = Math.abs(n);
  return a >= 100 ? 10 : a >= 10 ? 1 : a >= 1 ? 0.1 : 0.01;
}

/** One chart as an SVG document (UTF-8 text). */
export function chartSvg(spec: ChartSpec, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(echartsOption(spec));
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
