import { describe, expect, it } from 'vitest';
import { rowHeight, TABLE_HEIGHT_PT, TABLE_SIZES, tablePages } from '../../src/site-visit/slide-table.ts';

const HEADER = ['序号', '指标名称', '属性', '指标值', '现状值', '达标情况'];
const LONG = '①面积不减少，性质不改变，功能不降低（生态保护红线面积未减少，性质未改变，功能未降低。）；②面积不减少，性质不改变，功能不降低（自然保护地面积、性质和主导功能保持稳定。）';
const row = (no: number, current: string) => [String(no), '环境空气质量', '约束性', '①PM2.5浓度下降幅度完成上级下达任务', current, '达标'];

describe('the 领域 slide table: every text whole, on as many slides as it needs', () => {
  it('keeps one slide at the largest size that fits', () => {
    const rows = [1, 2, 3].map((n) => row(n, '①68.9%；②46μg/m3（较2020年累计降低11.54%）'));
    expect(tablePages(HEADER, rows, (r) => r)).toEqual({ size: TABLE_SIZES[0], pages: [rows] });
  });

  it('goes over to more slides at the smallest size, each slide within the table\'s height, every row once and in order', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 1, LONG));
    const { size, pages } = tablePages(HEADER, rows, (r) => r);
    expect(size).toBe(TABLE_SIZES.at(-1));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(rows);
    for (const page of pages) expect(page.reduce((h, r) => h + rowHeight(r, size), rowHeight(HEADER, size))).toBeLessThanOrEqual(TABLE_HEIGHT_PT);
  });

  it('a longer text makes a taller row, never a cut one', () => {
    expect(rowHeight(row(1, LONG), 10)).toBeGreaterThan(rowHeight(row(1, '100%'), 10));
  });
});
