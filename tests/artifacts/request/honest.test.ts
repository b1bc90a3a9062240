import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../../src/load/check.ts';
import { judgeProject } from '../../../src/load/index.ts';
import { renderRequest } from '../../../src/artifacts/request/index.ts';
import { REQUEST, reissueProblems } from '../../../src/artifacts/request/kind.ts';
import { provincialEcologyDepartment, recipientOf } from '../../../src/common/index.ts';
import type { ProjectData } from '../../../src/model/index.ts';
import type { Verdict } from '../../../src/judge/index.ts';
import type { PlanInput } from '../../../src/artifacts/index.ts';
import { officeText } from '../../../src/artifacts/official-text/index.ts';

/** The 请示 says what the judged state allows: a draft listing what blocks, or the application itself. */
let data: ProjectData;
let verdicts: Verdict[];

beforeAll(async () => {
  const checked = await checkProject('fixtures/yanzhou-2023');
  data = checked.data!;
  verdicts = [...checked.verdicts];
});

const requestText = async (d: ProjectData, v: readonly Verdict[]) => officeText(await renderRequest({ data: d, verdicts: v, revision: 1 }, 1));
const planOf = (d: ProjectData, v: readonly Verdict[]) =>
  REQUEST.plan({ render: { data: d, verdicts: v, revision: 1 }, evidenceHashes: new Map(), templatesHash: 't', annexVolumes: [{ no: 1, total: 1, indicators: [] }], annexFileName: () => '' } as PlanInput, [])[0]!;

describe('申报文件 while the district is not eligible', () => {
  it('is marked 草稿 under the title, lists the indicators that block and applies for nothing', async () => {
    const text = await requestText(data, verdicts);
    const lines = text.split('\n');
    expect(lines[lines.indexOf('济宁市兖州区人民政府关于申报第七批国家生态文明建设示范区的请示') + 1]).toBe('（草稿）');
    expect(text).toContain('对照申报条件，下列1项约束性指标尚未达标：');
    expect(text).toContain('第18项　单位地区生产总值用水量（待补充）。');
    // 参考性 indicators block only through their share: how many more, of which not yet, never each one as if it must be met
    expect(text.replace(/\u200b/g, '')).toContain('此外，16项参考性指标中达标12项（75%），低于80%，尚需1项达标（尚未达标的参考性指标为第19、26、28、31项）。');
    expect(text).not.toContain('第26项　农村生活污水治理率');
    expect(text).toContain('达到申报条件后，再正式申请第七批国家生态文明建设示范区。');
    expect(text).not.toContain('现申请');
    expect(text).not.toContain('恳请予以审核');
  });

  it('with every 约束性 indicator met, says only how many more 参考性 indicators must be met', async () => {
    const bindingMet = verdicts.map((v) => (v.no === 18 ? { ...v, verdict: '达标' as const } : v));
    const text = (await requestText(data, bindingMet)).replace(/\u200b/g, '');
    expect(text).toContain('对照申报条件，16项参考性指标中达标12项（75%），低于80%，尚需1项达标');
    expect(text).not.toContain('约束性指标尚未达标');
  });

  it('is the final 请示 once every indicator is met', async () => {
    const met = verdicts.map((v) => ({ ...v, verdict: '达标' as const }));
    const text = await requestText(data, met);
    expect(text).not.toContain('草稿');
    expect(text).toContain('现申请第七批国家生态文明建设示范区，申报材料随文报送，恳请予以审核。');
  });
});

describe('主送: the province, the same in every document', () => {
  it('derives the provincial ecology department from the first two digits of the 行政区划代码', () => {
    expect(provincialEcologyDepartment('370812')).toBe('山东省生态环境厅');
    expect(provincialEcologyDepartment('371323')).toBe('山东省生态环境厅');
    expect(provincialEcologyDepartment('150624')).toBe('内蒙古自治区生态环境厅');
    expect(provincialEcologyDepartment('110105')).toBe('北京市生态环境局');
    expect(provincialEcologyDepartment('620702')).toBe('甘肃省生态环境厅');
    expect(provincialEcologyDepartment('650102')).toBe('新疆维吾尔自治区生态环境厅');
    expect(provincialEcologyDepartment('000000')).toBeUndefined();
  });

  it('is never 生态环境部 by default; project.yaml overrides it for the 请示 and the report alike', () => {
    expect(recipientOf(data.project)).toBe('山东省生态环境厅');
    const own = { ...data.project, application: { ...data.project.application!, recipient: '济宁市生态环境局' } };
    expect(recipientOf(own)).toBe('济宁市生态环境局');
  });
});

describe('a signed 请示 never changes under its 发文字号', () => {
  it('is planned on what it prints: a value that changes no verdict leaves it as it was', async () => {
    const before = planOf(data, verdicts);
    const results = data.results.map((r) => (r.indicator === 3 ? { ...r, values: { ...r.values, 2022: 22.1 } } : r));
    const moved = { ...data, results };
    const after = planOf(moved, await judgeProject(moved));
    expect(after.inputHash).toBe(before.inputHash);
  });

  it('needs a new 发文字号 when what it prints changes, named at the round\'s request.docNo', async () => {
    const before = planOf(data, verdicts);
    const results = data.results.map((r) => (r.indicator === 26 ? { ...r, values: { ...r.values, 2022: 51.2 } } : r));
    const corrected = { ...data, results };
    const after = planOf(corrected, await judgeProject(corrected));
    expect(after.inputs.printed).not.toBe(before.inputs.printed);
    const problems = reissueProblems(after.inputs, before.inputs, data.dir, 1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'request-reissue-needs-number', severity: 'error', path: ['request', 'docNo'] });
    expect(problems[0]!.file).toMatch(/feedback[\\/]round-1\.yaml$/);
    // with the round's new number and date it is reissued
    const reissued = { ...corrected, project: { ...corrected.project, application: { ...corrected.project.application!, docNo: '济兖政字〔2023〕21号', date: '2023-07-21' } } };
    expect(reissueProblems(planOf(reissued, await judgeProject(reissued)).inputs, before.inputs, data.dir, 1)).toEqual([]);
  });
});
