import { describe, expect, it } from 'vitest';
import type { StackedBarChart, TrendChart } from '../../../src/documents/charts/spec.ts';
import { outlineText } from '../../../src/documents/charts/outline.ts';
import { chartPng } from '../../../src/documents/charts/png.ts';
import { chartSvg, valueAxis } from '../../../src/documents/charts/svg.ts';

const trend: TrendChart = {
  kind: 'trend', title: '26. 农村生活污水治理率', unit: '%', years: ['2020年', '2021年', '2022年'], values: [38.5, 42.1, 46.3],
  target: { op: '≥', value: 50, label: '目标 ≥50' },
};
const counts: StackedBarChart = {
  kind: 'stacked-bars', title: '各领域指标达标情况', groups: ['生态制度', '生态安全'],
  series: [{ name: '达标', colour: '#2e7d32', values: [6, 7] }, { name: '未达标', colour: '#c62828', values: [0, 1] }, { name: '待补充', colour: '#9e9e9e', values: [1, 0] }],
};

/** The ticks an axis shows: min, min + interval … max. */
const ticks = (a: { min: number; max: number; interval: number }) =>
  Array.from({ length: Math.round((a.max - a.min) / a.interval) + 1 }, (_, i) => Number((a.min + i * a.interval).toFixed(6)));

describe('valueAxis', () => {
  it('ends on whole steps of 1, 2, 2.5 or 5 times a power of ten, with room around the values', () => {
    expect(valueAxis([38.5, 42.1, 46.3, 50], '%')).toEqual({ min: 35, max: 55, interval: 5 });
    expect(valueAxis([20.5, 21, 22, 20], '%')).toEqual({ min: 19, max: 23, interval: 1 });
  });

  it('writes small steps without binary fractions (no 0.7000000000000001 on the axis)', () => {
    const axis = valueAxis([0.62, 0.59, 0.57, 0.6], '吨标准煤/万元');
    expect(axis).toEqual({ min: 0.56, max: 0.64, interval: 0.02 });
    expect(ticks(axis).map(String)).toEqual(['0.56', '0.58', '0.6', '0.62', '0.64']);
  });

  it('keeps a percentage within 0–100 and a non-negative series above 0', () => {
    expect(valueAxis([100, 100, 100, 100], '%')).toEqual({ min: 94, max: 100, interval: 2 });
    expect(valueAxis([0, 6.2, 11.5], '%')).toEqual({ min: 0, max: 15, interval: 5 });
    expect(valueAxis([0, 0], '%')).toEqual({ min: 0, max: 1, interval: 0.5 });
  });
});

describe('chart drawings', () => {
  it('leaves the title out when a document captions the figure', () => {
    expect(chartSvg(counts, { width: 640, height: 320 })).toContain('>各领域指标达标情况</text>');
    expect(chartSvg(counts, { width: 640, height: 320 }, { title: false })).not.toContain('各领域指标达标情况');
  });

  it('turns every text of a chart into glyph outlines, placed by its anchor', () => {
    const svg = chartSvg(trend, { width: 540, height: 240 }, { title: false });
    const texts = [...svg.matchAll(/<text\b/g)].length;
    expect(texts).toBeGreaterThan(8);
    const outlined = outlineText(svg);
    expect(outlined).not.toContain('<text');
    expect([...outlined.matchAll(/<path transform="[^"]*scale\(/g)]).toHaveLength(texts);
    // a centred label moves left by half its width: 2021年 under the middle of the axis
    const label = /<text[^>]*text-anchor="middle"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>2021年<\/text>/.exec(svg)!;
    const placed = new RegExp(`translate\\(${label[1]} ${label[2]}\\) translate\\((-[\\d.]+) `).exec(outlined)!;
    expect(Number(placed[1])).toBeLessThan(-15);
    expect(Number(placed[1])).toBeGreaterThan(-30);
  });

  it('rasterises to the same PNG bytes every time, at the size times the scale', () => {
    const a = chartPng(trend, { width: 540, height: 240 }, 2, { title: false });
    const b = chartPng(trend, { width: 540, height: 240 }, 2, { title: false });
    expect(a.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([a.readUInt32BE(16), a.readUInt32BE(20)]).toEqual([1080, 480]);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});

/**
 * The right edge of every text outline in an outlined SVG: its transform (translates, then `scale(s -s)`) and the
 * glyphs' x coordinates. Only texts without rotation (all but the value axis name, which is not rotated either).
 */
function textRightEdges(svg: string): number[] {
  return [...svg.matchAll(/<path transform="([^"]*)"[^>]*\sd="([^"]*)"/g)].map((m) => {
    const dx = [...m[1]!.matchAll(/translate\(([-\d.]+)[ ,]/g)].reduce((x, t) => x + Number(t[1]), 0);
    const scale = Number(/scale\(([-\d.]+)/.exec(m[1]!)?.[1] ?? 1);
    const numbers = (m[2]!.match(/-?[\d.]+(?:e-?\d+)?/g) ?? []).map(Number);
    const xs = numbers.filter((_, i) => i % 2 === 0);
    return dx + scale * Math.max(...xs);
  });
}

describe('labels inside the picture', () => {
  it.each(['目标 ≤11.5', '上级目标 ≤11.5', '上级目标 ≥66.6', '目标 ≥4.5'])('the target label %s ends inside the chart', (label) => {
    const spec: TrendChart = { ...trend, unit: '微克/立方米', values: [12.4, 11.9, 11.2], target: { op: '≤', value: 11.5, label } };
    const size = { width: 540, height: 240 };
    const edges = textRightEdges(outlineText(chartSvg(spec, size, { title: false })));
    expect(edges.length).toBeGreaterThan(5);
    // a glyph's outline, not its advance: a label ending at the edge (≤11.5 cut) has its last digit past it
    expect(Math.max(...edges)).toBeLessThanOrEqual(size.width - 4);
  });
});
