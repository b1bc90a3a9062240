import { describe, expect, it } from 'vitest';
import { breakLines, emUnits, rowHeight, textUnits, wrappedLines } from '../../../src/documents/xlsx/geometry.ts';
import { layoutGrid, type Grid } from '../../../src/documents/xlsx/grid.ts';
import { pageBreaks } from '../../../src/documents/xlsx/pagination.ts';
import { taskSheet } from '../../../src/artifacts/task-table/task-sheet.ts';
import { indicator } from '../../judge/seed-indicators.ts';

describe('geometry', () => {
  it('counts a CJK character as one em and a digit as about half', () => {
    expect(textUnits('生态', 11)).toBeCloseTo(2 * emUnits(11));
    expect(textUnits('2022', 11)).toBeLessThan(textUnits('生态', 11) * 1.3);
  });

  it('wraps CJK text anywhere but never inside a number or before closing punctuation', () => {
    const width = 10 * emUnits(11) + 1.2; // ten characters a line
    expect(wrappedLines('一二三四五六七八九十', width, 11)).toBe(1);
    expect(wrappedLines('一二三四五六七八九十一', width, 11)).toBe(2);
    expect(wrappedLines('一\n二', width, 11)).toBe(2);
    expect(breakLines('一二三四五六七八九（2022年）', width, 11)).toEqual(['一二三四五六七八九', '（2022年）']);
    expect(breakLines('一二三四五六七八九十。', width, 11)).toEqual(['一二三四五六七八九', '十。']);
  });

  it('gives a row enough height for its lines', () => {
    expect(rowHeight(3, 11)).toBeGreaterThan(3 * 11 * 1.3);
    expect(rowHeight(0, 11)).toBe(rowHeight(1, 11));
  });
});

describe('pagination', () => {
  const rows = (n: number, h = 40) => Array<number>(n).fill(h);

  it('breaks between groups so that a group is never split', () => {
    // 30 rows of 40 pt, groups of 5: a page holds about 11 rows, so breaks fall after rows 9, 19, 29 …
    const groups = Array.from({ length: 6 }, (_, k) => ({ from: k * 5, to: k * 5 + 4 }));
    const breaks = pageBreaks({ width: 100, titleHeight: 40, headerHeight: 20, body: rows(30), groups });
    expect(breaks.length).toBeGreaterThan(0);
    for (const b of breaks) expect(b % 5).toBe(4);
  });

  it('breaks inside a group taller than a page', () => {
    const breaks = pageBreaks({ width: 100, titleHeight: 40, headerHeight: 20, body: rows(40), groups: [{ from: 0, to: 39 }] });
    expect(breaks.length).toBeGreaterThan(2);
  });
});

describe('task sheet grid', () => {
  const placed = (no: number, domain: string, taskNo: number, taskName: string) => ({ ...indicator(no, `指标${no}`, '%', '≥80'), domain, taskNo, taskName });

  it('merges a domain over its tasks and leaves single rows unmerged', () => {
    const grid = taskSheet({
      title: 'T', withStatus: false, verdicts: [],
      indicators: [placed(1, '生态制度', 1, '甲'), placed(2, '生态制度', 1, '甲'), placed(3, '生态制度', 2, '乙'), placed(4, '生态文化', 3, '丙')],
    });
    expect(grid.merges).toEqual([
      { column: 0, from: 0, to: 2, splittable: true },
      { column: 1, from: 0, to: 1 },
    ]);
    expect(grid.rows[3]![0]).toBe('生\n态\n文\n化');
    expect(grid.groups).toEqual([{ from: 0, to: 1 }, { from: 2, to: 2 }, { from: 3, to: 3 }]);
  });

  it('cuts a domain merge at a page break and makes every part tall enough for its text', () => {
    const indicators = Array.from({ length: 40 }, (_, k) => placed(k + 1, '生态安全', k + 1, `任务${k + 1}`));
    const grid: Grid = taskSheet({ title: 'T', withStatus: false, verdicts: [], indicators });
    const layout = layoutGrid(grid);
    expect(layout.breaks.length).toBeGreaterThan(0);
    const domainParts = layout.merges.filter((m) => m.column === 0);
    expect(domainParts).toHaveLength(layout.breaks.length + 1);
    const needed = rowHeight(4, 11);
    for (const part of domainParts) {
      const height = layout.body.slice(part.from, part.to + 1).reduce((a, b) => a + b, 0);
      expect(height).toBeGreaterThanOrEqual(needed - 0.5);
    }
  });
});
