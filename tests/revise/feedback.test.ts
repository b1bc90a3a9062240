import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/project.ts';
import { applyFeedback, loadFeedback } from '../../src/revise/feedback.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';

let mini: MiniProject | undefined;
afterEach(async () => {
  await mini?.cleanup();
  mini = undefined;
});

async function withFeedback(yaml: string, files: Record<string, Buffer> = {}) {
  mini = await makeMiniProject();
  const data = (await loadProject(mini.dir)).data!;
  mkdirSync(path.join(mini.dir, 'feedback', 'round-1'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(mini.dir, 'feedback', name), bytes);
  const file = path.join(mini.dir, 'feedback', 'round-1.yaml');
  writeFileSync(file, yaml);
  return { data, loaded: await loadFeedback(file, data) };
}

const HEAD = 'round: 1\nstage: 省市级预审\nreviewer: 省生态环境厅\ndate: 2023-07-12\nitems:\n';

/** Item A: corrects indicator 3's 2022 value to 88.8 (evidence, when a test adds it, follows). */
const CORRECTS_3 = `  - id: A
    indicator: 3
    comment: 请核实
    response:
      text: 已更正
      values: [{ year: 2022, value: 88.8 }]
`;

describe('feedback files', () => {
  it('applies corrected values and added evidence', async () => {
    const { data, loaded } = await withFeedback(
      `${HEAD}${CORRECTS_3}      evidence:
        - { id: N1, file: round-1/new.pdf, title: 核查报告, issuer: 区水务局, date: 2023-07-18, kind: 报告, replaces: E2 }
`,
      { 'round-1/new.pdf': TINY_PDF },
    );
    expect(loaded.issues).toEqual([]);
    const applied = applyFeedback(data, loaded.feedback!, loaded.added);
    expect(applied.narrativeChanges).toEqual([]);
    expect(applied.valueChanges).toEqual([{ feedbackId: 'A', indicator: 3, year: 2022, from: 86.2, to: 88.8 }]);
    expect(applied.data.results.find((r) => r.indicator === 3)!.values['2022']).toBe(88.8);
    expect(applied.data.evidence.map((e) => e.id)).toEqual(['E1', 'N1']);
    expect(applied.data.evidence[1]!.indicators).toEqual([3]);
    // the project data itself is not changed
    expect(data.results.find((r) => r.indicator === 3)!.values['2022']).toBe(86.2);
  });

  it('names an unknown indicator and an unknown evidence item at their lines', async () => {
    const { loaded } = await withFeedback(
      `${HEAD}  - id: A
    indicator: 99
    comment: 请核实
    response: { text: 已核实, noChange: 数据无误 }
  - id: B
    indicator: 3
    comment: 材料不清晰
    response:
      text: 已替换
      evidence:
        - { id: N1, file: round-1/missing.pdf, title: 新材料, issuer: 区水务局, date: 2023-07-18, kind: 报告, replaces: E9 }
`,
    );
    const byCode = Object.fromEntries(loaded.issues.map((i) => [i.code, i]));
    expect(byCode['feedback-unknown-indicator']).toMatchObject({ line: 7, message: '审查意见 A 针对的指标序号 99 不存在于 indicators.yaml' });
    expect(byCode['feedback-unknown-evidence']!.message).toBe('审查意见 B 要替换的佐证材料“E9”不存在于 evidence.yaml');
    expect(byCode['evidence-missing']!.message).toBe('找不到佐证材料 N1 的文件“round-1/missing.pdf”（应在 feedback/round-1/missing.pdf）');
    expect(byCode['evidence-missing']!.file).toMatch(/feedback\/round-1\.yaml$/);
  });

  it('warns, at the corrected value, when a round corrects a value without evidence for its indicator', async () => {
    const { loaded } = await withFeedback(
      `${HEAD}${CORRECTS_3}`,
    );
    expect(loaded.issues).toEqual([expect.objectContaining({
      code: 'feedback-value-without-evidence', severity: 'warning', path: ['items', 0, 'response', 'values', 0], line: 11,
      message: '审查意见 A 更正了指标3的2022年数值（86.2 → 88.8），但本轮没有新增或替换该指标的佐证材料：佐证材料汇编中仍是原有材料，其中的数据可能仍是更正前的 86.2；说明中只写申报报告和指标任务分解表已更新',
      hint: expect.stringContaining('在该条答复的 evidence 下补充支持更正后数值的材料'),
    })]);
    expect(loaded.issues[0]!.file).toMatch(/feedback\/round-1\.yaml$/);
  });

  it('lists an item without a response as open', async () => {
    const { loaded } = await withFeedback(`${HEAD}  - id: A\n    indicator: general\n    comment: 请补充大事记\n`);
    expect(loaded.open.map((i) => i.id)).toEqual(['A']);
    expect(loaded.issues).toEqual([expect.objectContaining({ code: 'feedback-open', severity: 'warning', line: 6 })]);
  });
});
