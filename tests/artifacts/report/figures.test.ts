import { beforeAll, describe, expect, it } from 'vitest';
import { sampleInput } from '../../helpers/sample-input.ts';
import type { PlacedIndicator } from '../../../src/model/catalog.ts';
import type { RenderInput } from '../../../src/artifacts/render-input.ts';
import { verdictCounts } from '../../../src/artifacts/report/chart-options.ts';
import { figureRange, quantityOf, reportFigures } from '../../../src/artifacts/report/figures.ts';

let input: RenderInput;

beforeAll(async () => {
  input = await sampleInput();
});

describe('reportFigures', () => {
  it('draws 图1 from the same counts as the dashboard, then a trend for each indicator with three years or more', () => {
    const figures = reportFigures(input);
    expect(figures[0]).toMatchObject({ id: 'domains', no: 1, title: '各领域指标达标情况', widthMm: 156 });
    expect(figures[0]!.chart).toEqual(verdictCounts(input.data.indicators, input.verdicts, 'domain'));
    expect(figures.slice(1).map((f) => [f.id, f.no])).toEqual([
      ['trend-3', 2], ['trend-5', 3], ['trend-10', 4], ['trend-12', 5], ['trend-17', 6], ['trend-22', 7], ['trend-23', 8], ['trend-26', 9],
    ]);
    // 林草覆盖率 is judged on its one line, 平原地区 (①): that line's values are its trend, against that line's target
    expect(input.data.results.some((r) => r.indicator === 10 && r.sub === undefined)).toBe(false);
    expect(figures.find((f) => f.id === 'trend-10')!.chart).toMatchObject({ values: [19.6, 20.0, 20.4], target: { op: '≥', value: 18 } });
    // 生物多样性保护 has three lines: no one trend
    expect(figures.some((f) => f.id === 'trend-11')).toBe(false);
    // indicator 9 has two years (2020, 2022): no trend
    expect(input.data.results.find((r) => r.indicator === 9 && r.sub === undefined)!.values).toEqual({ 2020: 52.1, 2022: 51.6 });
    expect(figures.every((f) => f.widthMm <= 156)).toBe(true);
  });

  it('draws the trend against the superior authority’s target where the indicator has one', () => {
    const trend = reportFigures(input).find((f) => f.id === 'trend-17')!.chart;
    expect(trend).toMatchObject({ kind: 'trend', years: ['2020年', '2021年', '2022年'], values: [0.62, 0.59, 0.57], target: { op: '≤', value: 0.6 } });
  });
});

describe('quantityOf / figureRange', () => {
  const indicator = (name: string, measure?: 'level' | 'change') => ({ name, ...(measure ? { measure } : {}) }) as PlacedIndicator;

  it('names what the values measure: a change indicator draws its level', () => {
    expect(quantityOf(indicator('一般工业固体废物综合利用率提高幅度', 'change'))).toBe('一般工业固体废物综合利用率');
    expect(quantityOf(indicator('单位国内生产总值建设用地使用面积下降率', 'change'))).toBe('单位国内生产总值建设用地使用面积');
    expect(quantityOf(indicator('农村生活污水治理率'))).toBe('农村生活污水治理率');
    expect(quantityOf(indicator('生态质量指数（EQI）', 'change'))).toBe('生态质量指数（EQI）');
  });

  it('refers to one figure or a range', () => {
    const figures = reportFigures(input).slice(1);
    expect(figureRange(figures)).toBe('图2至图9');
    expect(figureRange(figures.slice(0, 1))).toBe('图2');
    expect(figureRange([])).toBe('');
  });
});
