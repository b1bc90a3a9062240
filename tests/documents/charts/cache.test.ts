import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedChartPng, chartKey } from '../../../src/documents/charts/cache.ts';
import { chartPng } from '../../../src/documents/charts/png.ts';
import type { ChartSpec, StackedBarChart, TrendChart } from '../../../src/documents/charts/spec.ts';

const trend: TrendChart = {
  kind: 'trend', title: '26. 农村生活污水治理率', unit: '%', years: ['2020年', '2021年', '2022年'], values: [38.5, 42.1, 46.3],
  target: { op: '≥', value: 50, label: '目标 ≥50' },
};
const size = { width: 540, height: 240 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cachedChartPng', () => {
  it('draws a chart once and keeps its PNG: the same bytes as drawing it, under a key of all it is drawn from', () => {
    const drawn = chartPng(trend, size, 2, { title: false });
    expect(cachedChartPng(dir, trend, size, 2, { title: false }).equals(drawn)).toBe(true);
    const key = chartKey(trend, size, 2, { title: false });
    expect(readdirSync(dir)).toEqual([`${key}.png`]);
    expect(readFileSync(path.join(dir, `${key}.png`)).equals(drawn)).toBe(true);
    // another value, scale or drawing is another chart
    expect(chartKey({ ...trend, values: [38.5, 42.1, 46.4] }, size, 2, { title: false })).not.toBe(key);
    expect(chartKey(trend, size, 1, { title: false })).not.toBe(key);
    expect(chartKey(trend, size, 2, {})).not.toBe(key);
  });

  it('takes a kept chart from the folder instead of drawing it again', () => {
    const key = chartKey(trend, size, 2, { title: false });
    // a different (whole) PNG under the key: what comes back is the file's, so nothing was drawn
    const other = chartPng({ ...trend, values: [1, 2, 3] }, { width: 60, height: 40 }, 1);
    writeFileSync(path.join(dir, `${key}.png`), other);
    expect(cachedChartPng(dir, trend, size, 2, { title: false }).equals(other)).toBe(true);
  });

  it('draws again over a kept file cut short, and without a folder draws every time', () => {
    const key = chartKey(trend, size, 2, { title: false });
    const drawn = chartPng(trend, size, 2, { title: false });
    writeFileSync(path.join(dir, `${key}.png`), drawn.subarray(0, 100));
    expect(cachedChartPng(dir, trend, size, 2, { title: false }).equals(drawn)).toBe(true);
    expect(readFileSync(path.join(dir, `${key}.png`)).equals(drawn)).toBe(true);
    expect(cachedChartPng(undefined, trend, size, 2, { title: false }).equals(drawn)).toBe(true);
  });
});

describe('cachedChartPngs: the charts to draw drawn in a process of their own', () => {
  // the compiled toolkit (npm test compiles dist/ first): only there is there a file for the process to run
  const compiled = (m: string) => import(pathToFileURL(path.resolve('dist/documents/charts', m)).href);

  it('the process draws the same bytes as this thread, in the jobs’ order, and keeps them; kept ones are taken as they are', async () => {
    // (its keys hash the compiled files: they are not those of the sources)
    const { cachedChartPngs, drawCharts, chartKey: compiledKey } = await compiled('index.js');
    const bars: StackedBarChart = { kind: 'stacked-bars', title: '各领域', groups: ['生态制度', '生态安全'], series: [{ name: '达标', colour: '#2f7d32', values: [3, 4] }] };
    const jobs: { spec: ChartSpec; size: { width: number; height: number }; scale: number; drawing: { title: boolean } }[] = [
      { spec: trend, size, scale: 2, drawing: { title: false } },
      { spec: bars, size: { width: 640, height: 320 }, scale: 2, drawing: { title: false } },
    ];
    const onThread: Buffer[] = await drawCharts(jobs);
    expect(onThread.map((p) => p.equals(chartPng(jobs[0]!.spec, jobs[0]!.size, 2, { title: false })))).toEqual([true, false]);
    expect(onThread[1]!.equals(chartPng(bars, { width: 640, height: 320 }, 2, { title: false }))).toBe(true);
    const own = mkdtempSync(path.join(os.tmpdir(), 'eco-charts-thread-'));
    try {
      const first: Buffer[] = await cachedChartPngs(own, jobs);
      expect(first.map((p, k) => p.equals(onThread[k]!))).toEqual([true, true]);
      expect(readdirSync(own).sort()).toEqual(jobs.map((j) => `${compiledKey(j.spec, j.size, 2, j.drawing)}.png`).sort());
      // a kept file is what comes back: nothing drawn again
      const other = chartPng({ ...trend, values: [1, 2, 3] }, { width: 60, height: 40 }, 1);
      writeFileSync(path.join(own, `${compiledKey(trend, size, 2, { title: false })}.png`), other);
      const second: Buffer[] = await cachedChartPngs(own, jobs);
      expect(second[0]!.equals(other)).toBe(true);
      expect(second[1]!.equals(onThread[1]!)).toBe(true);
      expect(await drawCharts([])).toEqual([]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
