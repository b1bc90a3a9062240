import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedChartPng, chartKey } from '../../../src/documents/charts/cache.ts';
import { chartPng } from '../../../src/documents/charts/png.ts';
import type { TrendChart } from '../../../src/documents/charts/spec.ts';

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
