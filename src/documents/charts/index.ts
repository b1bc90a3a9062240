/** The face of documents/charts/: what other folders use of it. */
export { chartPng } from './png.ts';
export { cachedChartPng, cachedChartPngs, chartKey } from './cache.ts';
export { drawCharts, type ChartJob } from './apart.ts';
export { type ChartSpec, type StackedBarChart, type TrendChart } from './spec.ts';
export { chartSvg, type ChartSize } from './svg.ts';
