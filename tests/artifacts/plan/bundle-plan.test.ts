import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/load/project.ts';
import type { ProjectData } from '../../../src/model/project-data.ts';
import { judgeProject } from '../../../src/load/check.ts';
import { bundleName, planBundle } from '../../../src/artifacts/bundle-plan.ts';
import type { PlanInput } from '../../../src/artifacts/artifact.ts';
import { makeMiniProject, type MiniProject } from '../../helpers/mini-project.ts';

let mini: MiniProject;
let data: ProjectData;
beforeAll(async () => {
  mini = await makeMiniProject();
  data = (await loadProject(mini.dir)).data!;
});
afterAll(() => mini.cleanup());

const HASH = (c: string) => c.repeat(64);

function input(over: Partial<PlanInput> = {}, dataOver: Partial<ProjectData> = {}): PlanInput {
  const d = { ...data, ...dataOver };
  return {
    render: { data: d, verdicts: judgeProject(d), revision: 1 },
    evidenceHashes: new Map([['E1', HASH('a')], ['E2', HASH('b')]]),
    templatesHash: HASH('c'),
    annexVolumes: [{ no: 1, total: 2, indicators: [1, 2] }, { no: 2, total: 2, indicators: [3] }],
    annexFileName: (v) => `佐证材料汇编-第${v.no}册.pdf`,
    ...over,
  };
}

describe('planBundle', () => {
  it('plans every artifact with its role, path and indicators', () => {
    const plan = planBundle(input());
    expect(plan.name).toBe('示例区-国家生态文明建设示范区申报材料-r1');
    expect(bundleName(input().render)).toBe(plan.name);
    expect(plan.artifacts.map((a) => [a.path, a.role, a.indicators])).toEqual([
      ['申报报告.docx', 'report', [1, 2, 3]],
      ['佐证材料汇编-第1册.pdf', 'annex', [1, 2]],
      ['佐证材料汇编-第2册.pdf', 'annex', [3]],
      ['原始材料/01-生态文明建设规划/plan.pdf', 'evidence', [1, 2]],
      ['原始材料/03-城镇污水处理率/report.pdf', 'evidence', [3]],
      // made after the annex and the originals: its 材料清单 cites their pages and paths
      ['指标任务分解表.xlsx', 'task-table', [1, 2, 3]],
      ['完整性校验.ps1', 'check-script', []],
      ['完整性校验.bat', 'check-script', []],
      ['说明.txt', 'readme', []],
    ]);
  });

  it('is pure and deterministic', () => {
    expect(JSON.stringify(planBundle(input()))).toBe(JSON.stringify(planBundle(input())));
  });

  it('changes only the input hashes of artifacts whose inputs changed', () => {
    const before = planBundle(input());
    const after = planBundle(input({ evidenceHashes: new Map([['E1', HASH('a')], ['E2', HASH('d')]]) }));
    const changed = before.artifacts.filter((a, k) => a.inputHash !== after.artifacts[k]!.inputHash).map((a) => a.path);
    // E2 serves indicator 3 only: the report and table list evidence, volume 2 holds it, its original changed
    expect(changed).toEqual(['申报报告.docx', '佐证材料汇编-第2册.pdf', '原始材料/03-城镇污水处理率/report.pdf', '指标任务分解表.xlsx']);
  });

  it('a changed result touches the report, the table and only the volume holding that indicator', () => {
    const before = planBundle(input());
    const results = data.results.map((r) => (r.indicator === 3 ? { ...r, values: { ...r.values, 2022: 90.1 } } : r));
    const after = planBundle(input({}, { results }));
    const changed = before.artifacts.filter((a, k) => a.inputHash !== after.artifacts[k]!.inputHash).map((a) => a.path);
    expect(changed).toEqual(['申报报告.docx', '佐证材料汇编-第2册.pdf', '指标任务分解表.xlsx']);
  });

  it('a value of a year between baseline and current touches only the report (its trend figure draws it)', () => {
    const before = planBundle(input());
    const results = data.results.map((r) => (r.indicator === 3 ? { ...r, values: { ...r.values, 2021: 77.7 } } : r));
    const after = planBundle(input({}, { results }));
    expect(judgeProject({ ...data, results })).toEqual(judgeProject(data));
    const changed = before.artifacts.filter((a, k) => a.inputHash !== after.artifacts[k]!.inputHash).map((a) => a.path);
    expect(changed).toEqual(['申报报告.docx']);
  });

  it('plans the 申报文件 first when project.yaml has an application, and none without', () => {
    const application = { docNo: '示兖政字〔2023〕1号', signer: '王某', copyTo: [] };
    const withIt = planBundle(input({}, { project: { ...data.project, application } }));
    expect(withIt.artifacts[0]).toMatchObject({ path: '申报文件.docx', role: 'request', source: { kind: 'request', volumes: 2 } });
    expect(planBundle(input()).artifacts.some((a) => a.role === 'request')).toBe(false);
  });

  it('plans the 申报文件 on what it prints: a changed value that moves no verdict count keeps it, one that does renews it', () => {
    const project = { ...data.project, application: { docNo: '示兖政字〔2023〕1号', signer: '王某', copyTo: [] } };
    const requestHash = (results: ProjectData['results']) => planBundle(input({}, { project, results })).artifacts.find((a) => a.role === 'request')!.inputHash;
    const withValue = (value: number) => data.results.map((r) => (r.indicator === 3 ? { ...r, values: { ...r.values, 2022: value } } : r));
    const verdictOf = (value: number) => judgeProject({ ...data, project, results: withValue(value) }).find((v) => v.no === 3)!;
    // the current value changes and with it the verdict's text, not its kind: the 请示 counts kinds only
    expect(verdictOf(96.5).verdict).toBe(verdictOf(97.5).verdict);
    expect(verdictOf(96.5).currentText).not.toBe(verdictOf(97.5).currentText);
    expect(requestHash(withValue(96.5))).toBe(requestHash(withValue(97.5)));
    // a value that turns the indicator from 达标 to 未达标 changes the counts it prints
    expect(verdictOf(10).verdict).not.toBe(verdictOf(97.5).verdict);
    expect(requestHash(withValue(10))).not.toBe(requestHash(withValue(97.5)));
  });

  it('marks a sample bundle as illustrative in 说明.txt', () => {
    const readme = planBundle(input()).artifacts.find((a) => a.role === 'readme')!;
    expect((readme.source as { text?: string }).text).toContain('示例数据');
  });
});
