import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../src/model/project-data.ts';
import { annexFileName, annexSections, MB, planAnnexVolumes, SHARED_EVIDENCE_LIMIT_BYTES } from '../../../src/artifacts/annex/index.ts';

/** Plain objects: only what planning reads. */
function input(indicators: number, evidence: { id: string; indicators: number[]; mb: number; type?: 'pdf' | 'jpeg' | 'png' }[]) {
  const data = {
    dir: '/project',
    indicators: Array.from({ length: indicators }, (_, i) => ({ no: i + 1, name: `指标名${i + 1}`, domain: i < 2 ? '生态制度' : '生态安全' })),
    evidence: evidence.map((e) => ({ id: e.id, indicators: e.indicators, bytes: Math.round(e.mb * MB), type: e.type ?? 'pdf', title: e.id })),
  } as unknown as ProjectData;
  return { data, verdicts: [] };
}

describe('planAnnexVolumes (pure)', () => {
  it('keeps everything in one volume when it fits, and when the limit is 0', () => {
    const small = input(3, [{ id: 'a', indicators: [1], mb: 1 }, { id: 'b', indicators: [3], mb: 2 }]);
    expect(planAnnexVolumes(small, 100)).toEqual({
      volumes: [{ no: 1, total: 1, indicators: [1, 2, 3], evidenceBytes: 3 * MB }],
      issues: [],
    });
    const big = input(3, [{ id: 'a', indicators: [1], mb: 400 }, { id: 'b', indicators: [3], mb: 300 }]);
    expect(planAnnexVolumes(big, 0).volumes).toEqual([{ no: 1, total: 1, indicators: [1, 2, 3], evidenceBytes: 700 * MB }]);
  });

  it('splits at indicator boundaries, in order, each volume under the limit', () => {
    const plan = planAnnexVolumes(input(5, [
      { id: 'a', indicators: [1], mb: 40 }, { id: 'b', indicators: [2], mb: 40 }, { id: 'c', indicators: [3], mb: 40 },
      { id: 'd', indicators: [4], mb: 10 }, { id: 'e', indicators: [5], mb: 60 },
    ]), 100);
    expect(plan.issues).toEqual([]);
    expect(plan.volumes.map((v) => v.indicators)).toEqual([[1, 2], [3, 4], [5]]);
    expect(plan.volumes.map((v) => [v.no, v.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(plan.volumes.map((v) => v.evidenceBytes / MB)).toEqual([80, 50, 60]);
  });

  it('gives an indicator larger than the limit a volume of its own, with a warning', () => {
    const plan = planAnnexVolumes(input(3, [
      { id: 'a', indicators: [1], mb: 20 }, { id: 'b', indicators: [2], mb: 150 }, { id: 'c', indicators: [3], mb: 20 },
    ]), 100);
    expect(plan.volumes.map((v) => v.indicators)).toEqual([[1], [2], [3]]);
    expect(plan.issues).toHaveLength(1);
    expect(plan.issues[0]).toMatchObject({
      code: 'annex-indicator-oversize',
      severity: 'warning',
      message: '指标2（指标名2）的佐证材料约 150.0 MB，超过每册上限 100 MB，单独成册（第2册），该册会超过上限',
    });
    expect(plan.issues[0]!.file).toMatch(/evidence\.yaml$/);
  });

  it('counts an item serving several indicators under each (it is printed under each)', () => {
    const plan = planAnnexVolumes(input(2, [{ id: 'shared', indicators: [1, 2], mb: 6 }]), 10);
    expect(plan.volumes.map((v) => [v.indicators, v.evidenceBytes / MB])).toEqual([[[1], 6], [[2], 6]]);
  });

  it('prints a large shared item once, under its first indicator, and refers to it from the others', () => {
    const mb = SHARED_EVIDENCE_LIMIT_BYTES / MB + 1;
    const sections = annexSections(input(3, [{ id: 'big', indicators: [1, 3], mb }, { id: 'small', indicators: [1, 3], mb: 1 }]));
    expect(sections.map((s) => s.entries.map((e) => `${e.evidence.id}:${e.kind}`))).toEqual([
      ['big:placed', 'small:placed'], [], ['big:reference', 'small:placed'],
    ]);
    expect(sections[2]!.entries[0]).toMatchObject({ kind: 'reference', placedUnder: 1 });
  });

  it('estimates PNG files at twice their size (pdf-lib stores their pixels without PNG filters)', () => {
    const plan = planAnnexVolumes(input(2, [{ id: 'p', indicators: [1], mb: 40, type: 'png' }, { id: 'q', indicators: [2], mb: 40 }]), 100);
    expect(plan.volumes.map((v) => v.indicators)).toEqual([[1], [2]]);
  });

  it('names the files', () => {
    expect(annexFileName('佐证材料汇编', { no: 1, total: 1 })).toBe('佐证材料汇编.pdf');
    expect(annexFileName('佐证材料汇编', { no: 2, total: 3 })).toBe('佐证材料汇编-第2册.pdf');
  });
});
