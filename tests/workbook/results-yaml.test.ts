import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editResultsYaml } from '../../src/workbook/results-yaml.ts';

const TEXT = `# 示例数据
results:
  # ── 生态制度 ──
  - indicator: 1
    status: 推进中 # 待核实
    source: 区生态环境分局
  - indicator: 3
    values: { 2020: 80.5, 2022: 86.2 }

  # ── 生态生活 ──
  - indicator: 9
    values: { 2022: 1 }
`;

describe('editResultsYaml (Document API: comments, order and style kept)', () => {
  it('changes a scalar in place and keeps its comment', () => {
    const out = editResultsYaml(TEXT, [{ indicator: 1, field: { kind: 'status' }, value: '已达到' }]);
    expect(out).toBe(TEXT.replace('status: 推进中 # 待核实', 'status: 已达到 # 待核实'));
  });

  it('starting from the `results: []` init writes, results go one a block, never onto that one line', () => {
    const init = '# 说明\nresults: []\n';
    const out = editResultsYaml(init, [
      { indicator: 3, field: { kind: 'value', year: 2022 }, value: 22.5 },
      { indicator: 3, field: { kind: 'source' }, value: '区委组织部' },
      { indicator: 1, field: { kind: 'status' }, value: '已达到' },
    ]);
    expect(out).toBe('# 说明\nresults:\n  - indicator: 1\n    status: 已达到\n  - indicator: 3\n    values: { 2022: 22.5 }\n    source: 区委组织部\n');
  });

  it('adds a year in order inside the flow map', () => {
    const out = editResultsYaml(TEXT, [{ indicator: 3, field: { kind: 'value', year: 2021 }, value: 83 }]);
    expect(out).toBe(TEXT.replace('values: { 2020: 80.5, 2022: 86.2 }', 'values: { 2020: 80.5, 2021: 83, 2022: 86.2 }'));
  });

  it('adds keys in the schema’s order and a superior target as a flow map', () => {
    const out = editResultsYaml(TEXT, [
      { indicator: 1, field: { kind: 'description' }, value: '规划已印发' },
      { indicator: 9, field: { kind: 'superiorOp' }, value: '>' },
      { indicator: 9, field: { kind: 'superiorValue' }, value: 0.5 },
    ]);
    expect(out).toContain('    status: 推进中 # 待核实\n    description: 规划已印发\n    source: 区生态环境分局\n');
    expect(parse(out).results[2]).toEqual({ indicator: 9, values: { 2022: 1 }, superiorTarget: { op: '>', value: 0.5 } });
    expect(out).toMatch(/superiorTarget: \{ op: "?>"?, value: 0\.5 \}/);
  });

  it('inserts a new entry in 序号 order, before the next section’s comment', () => {
    const out = editResultsYaml(TEXT, [{ indicator: 7, sub: 2, field: { kind: 'value', year: 2022 }, value: 11.5 }]);
    const data = parse(out) as { results: { indicator: number; sub?: number }[] };
    expect(data.results.map((r) => [r.indicator, r.sub])).toEqual([[1, undefined], [3, undefined], [7, 2], [9, undefined]]);
    expect(out).toContain('# ── 生态生活 ──');
    expect(out.indexOf('indicator: 7')).toBeLessThan(out.indexOf('# ── 生态生活 ──'));
    expect(out).toContain('values: { 2022: 11.5 }');
  });

  it('creates the file when there is none', () => {
    const out = editResultsYaml(undefined, [{ indicator: 2, field: { kind: 'source' }, value: '区委办' }]);
    expect(out.startsWith('#')).toBe(true);
    expect(parse(out)).toEqual({ results: [{ indicator: 2, source: '区委办' }] });
  });
});
