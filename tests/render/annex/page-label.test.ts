import { describe, expect, it } from 'vitest';
import { PageBook, pageLabel } from '../../../src/render/annex/page-book.ts';
import { planAnnexVolumes } from '../../../src/render/annex/plan.ts';
import { judgeProject } from '../../../src/pipeline.ts';
import { loadProject } from '../../../src/load/project.ts';

describe('page labels', () => {
  it('numbers pages plainly up to the kept last number, then as inserted pages after it', () => {
    expect(pageLabel(82)).toBe('82');
    expect(pageLabel(83, 83)).toBe('83');
    expect(pageLabel(84, 83)).toBe('83-1');
    expect(pageLabel(86, 83)).toBe('83-3');
    const book = new PageBook(83);
    expect(book.range(82, 85)).toBe('82—83-2');
    expect(book.range(84, 84)).toBe('83-1');
    expect(new PageBook().range(82, 85)).toBe('82—85');
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
