import { beforeAll, describe, expect, it } from 'vitest';
import { sampleInput } from '../../helpers/sample-input.ts';
import { eligibilitySentence } from '../../../src/artifacts/report/context.ts';
import type { RenderInput } from '../../../src/artifacts/render-input.ts';

let sample: RenderInput;
beforeAll(async () => {
  sample = await sampleInput();
});

describe('the report\'s sentence on the 申报条件', () => {
  it('names a few unmet 约束性 indicators by number (the sample: 第18项)', () => {
    expect(eligibilitySentence(sample)).toContain('我区目前尚不满足：约束性指标第18项尚未达标，参考性指标达标率75%，低于80%。');
  });

  it('counts a long list instead (a county just begun: 19), so no line of numbers stretches the one before it', () => {
    const bound = new Set(sample.data.indicators.filter((i) => i.attribute === '约束性').map((i) => i.no));
    const verdicts = sample.verdicts.map((v) => (bound.has(v.no) ? { ...v, verdict: '待补充' as const } : v));
    const text = eligibilitySentence({ ...sample, verdicts });
    expect(text).toContain('约束性指标有19项尚未达标（见表1）');
    expect(text).not.toMatch(/第\d+、/);
  });
});

describe('a leading group without members', () => {
  it('is told as it is in the report (no 成员为：。), and validate warns at the empty list', async () => {
    const { renderReport } = await import('../../../src/artifacts/report/index.ts');
    const { openDocx, bodyParagraphs, textOf } = await import('../../documents/docx/docx-xml.ts');
    const { checkLeadingGroup } = await import('../../../src/validate/index.ts');
    const project = { ...sample.data.project, leadingGroup: { ...sample.data.project.leadingGroup, members: [] } };
    const parts = await openDocx(await renderReport({ ...sample, data: { ...sample.data, project } }));
    const text = bodyParagraphs(parts['word/document.xml']!).map((p) => textOf(p).replace(/[\u200b\u2060]/g, '')).join('\n');
    expect(text).toContain(`领导小组由${1 + project.leadingGroup.deputyLeaders.length}人组成。`);
    expect(text).not.toContain('成员为：');
    const at = { locate: () => ({ file: 'project.yaml', line: 29, column: 12 }) };
    expect(checkLeadingGroup(project, at)).toEqual([expect.objectContaining({ code: 'leading-group-no-members', severity: 'warning', path: ['leadingGroup', 'members'], line: 29 })]);
    expect(checkLeadingGroup(sample.data.project, at)).toEqual([]);
  });
});
