import { chartSvg } from '../documents/charts/index.ts';

/**
 * Charts drawn by what they show: the same figures at the same size give the same SVG (chartSvg is
 * deterministic), so a chart is drawn once and reused by every page and every later state of the project
 * whose figures did not change (a note added to results.yaml does not redraw 总览's ~130 ms of charts).
 * Bounded: the least recently used are dropped past 200 charts.
 */
const MAX_CHARTS = 200;
const drawn = new Map<string, string>();

export function chartSvgCached(...args: Parameters<typeof chartSvg>): string {
  const key = JSON.stringify(args);
  const hit = drawn.get(key);
  if (hit !== undefined) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit;
  }
  const svg = chartSvg(...args);
  drawn.set(key, svg);
  if (drawn.size > MAX_CHARTS) drawn.delete(drawn.keys().next().value!);
  return svg;
}
