import { describe, expect, it } from 'vitest';
import { evidenceRange, numberPages, PageBook, printedLabel, type PrintedNumber } from '../../../src/artifacts/annex/page-book.ts';
import { labelRanges } from '../../../src/artifacts/annex/navigation.ts';
import { numberingNote } from '../../../src/artifacts/annex/volume.ts';
import { planAnnexVolumes } from '../../../src/artifacts/annex/plan.ts';
import { judgeProject } from '../../../src/load/check.ts';
import { loadProject } from '../../../src/load/project.ts';

describe('page numbers of a volume', () => {
  const labels = (ns: readonly PrintedNumber[]) => ns.map(printedLabel);
  const parts = [{ pages: 1 }, { indicator: 24, pages: 3 }, { indicator: 28, pages: 1 }, { indicator: 29, pages: 2 }];

  it('numbers a first revision on from its start', () => {
    expect(labels(numberPages(69, parts))).toEqual(['69', '70', '71', '72', '73', '74', '75']);
  });

  it('in a revision, gives every part its old range: extra pages are inserted after it, missing ones leave numbers unused', () => {
    const kept = { contents: { first: 69, last: 69 }, sections: new Map([[24, { first: 70, last: 73 }], [28, { first: 74, last: 74 }], [29, { first: 75, last: 76 }]]) };
    const grown = [{ pages: 1 }, { indicator: 24, pages: 3 }, { indicator: 28, pages: 3 }, { indicator: 29, pages: 2 }];
    // 24 lost a page (73 unused), 28 gained two (74-1, 74-2), 29 keeps 75—76
    expect(labels(numberPages(69, grown, kept))).toEqual(['69', '70', '71', '72', '74', '74-1', '74-2', '75', '76']);
  });

  it('drops the kept ranges when a part is unknown to them', () => {
    const kept = { contents: { first: 69, last: 69 }, sections: new Map([[24, { first: 70, last: 73 }]]) };
    expect(labels(numberPages(69, parts, kept))).toEqual(['69', '70', '71', '72', '73', '74', '75']);
  });

  it('labels a reader shows: one range per run of plain numbers, one per run of inserted pages', () => {
    const numbers = [{ base: 69, insert: 0 }, { base: 70, insert: 0 }, { base: 72, insert: 0 }, { base: 72, insert: 1 }, { base: 72, insert: 2 }, { base: 73, insert: 0 }];
    expect(labelRanges(numbers)).toEqual([
      { startIndex: 1, style: 'D', start: 69 },
      { startIndex: 3, style: 'D', start: 72 },
      { startIndex: 4, style: 'D', prefix: '72-', start: 1 },
      { startIndex: 6, style: 'D', start: 73 },
    ]);
  });

  it('tells on the cover what a revision did to the numbers', () => {
    const n = (base: number, insert = 0) => ({ base, insert });
    expect(numberingNote([n(69), n(70), n(71)], 69, 71)).toBe('');
    expect(numberingNote([n(69), n(70), n(70, 1), n(71)], 69, 71)).toBe('含插页1页');
    expect(numberingNote([n(69), n(72), n(72, 1), n(72, 2), n(75)], 69, 76)).toBe('含插页2页；第70—71、73—74、76页空缺（修订时删减）');
  });

  it('prints ranges with inserted pages as they are stamped', () => {
    const book = new PageBook();
    book.setNumbers(10, [{ base: 10, insert: 0 }, { base: 10, insert: 1 }, { base: 11, insert: 0 }]);
    expect(book.range(10, 11)).toBe('10—10-1');
    expect(book.label(11)).toBe('10-1');
    expect(evidenceRange({ firstPage: 80, pages: 2 })).toEqual({ first: '80', last: '81' });
    expect(evidenceRange({ firstPage: 79, pages: 2, printed: { first: '79-1', last: '79-2' } })).toEqual({ first: '79-1', last: '79-2' });
  });
});

describe('a revision keeps the previous split into volumes', async () => {
  const loaded = await loadProject('fixtures/yanzhou-2023');
  const input = { data: loaded.data!, verdicts: judgeProject(loaded.data!) };
  const fresh = planAnnexVolumes(input, 0.3).volumes.map((v) => v.indicators);

  it('uses the kept split when it covers every indicator once, in order, and warns about a volume over the limit', () => {
    const keep = [fresh[0]!, fresh.slice(1).flat()];
    const planned = planAnnexVolumes(input, 0.3, keep);
    expect(planned.volumes.map((v) => v.indicators)).toEqual(keep);
    expect(planned.volumes.map((v) => v.total)).toEqual([2, 2]);
    expect(planned.issues.map((i) => i.code)).toEqual(['annex-volume-oversize']);
    expect(planned.issues[0]!.message).toContain('第2册');
  });

  it('splits afresh when the kept split does not fit the indicators', () => {
    const missingOne = [fresh[0]!.slice(1), ...fresh.slice(1)];
    expect(planAnnexVolumes(input, 0.3, missingOne).volumes.map((v) => v.indicators)).toEqual(fresh);
    const reordered = [...fresh].reverse();
    expect(planAnnexVolumes(input, 0.3, reordered).volumes.map((v) => v.indicators)).toEqual(fresh);
  });
});
