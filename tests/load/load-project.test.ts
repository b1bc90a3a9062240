import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/project.ts';
import { formatIssue, type Issue } from '../../src/model/issue.ts';
import { makeMiniProject, TINY_PDF, type MiniProject } from '../helpers/mini-project.ts';

let project: MiniProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

async function load(change: (f: Record<string, string>) => void, evidence?: Record<string, Buffer>) {
  project = await makeMiniProject(change, evidence);
  return loadProject(project.dir);
}

const errors = (issues: readonly Issue[]) => issues.filter((i) => i.severity === 'error');
const only = (issues: readonly Issue[], code: string) => {
  const found = errors(issues).filter((i) => i.code === code);
  expect(found, `expected an issue ${code}, got ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  return found[0]!;
};

describe('loadProject', () => {
  it('loads the mini project without issues', async () => {
    const out = await load(() => {});
    expect(errors(out.issues)).toEqual([]);
    expect(out.data?.indicators.map((i) => i.no)).toEqual([1, 2, 3]);
    // an alias in indicators.yaml becomes the canonical name
    expect(out.data?.indicators[1]?.units).toEqual(['区生态环境分局', '区综合执法局']);
    expect(out.data?.evidence.map((e) => [e.id, e.type, e.bytes])).toEqual([
      ['E1', 'pdf', TINY_PDF.length],
      ['E2', 'pdf', TINY_PDF.length],
    ]);
  });

  it('reports malformed YAML with line and column', async () => {
    const out = await load((f) => {
      f['results.yaml'] = 'results:\n  - indicator: 1\n    values: { 2020: 1\n';
    });
    const issue = only(out.issues, 'yaml-syntax');
    expect(issue.file).toMatch(/results\.yaml$/);
    expect(issue.line).toBeGreaterThanOrEqual(3);
    expect(issue.message).toMatch(/^YAML 格式错误/);
    expect(out.data).toBeUndefined();
  });

  it('names the field, the expected and the actual type', async () => {
    const out = await load((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('unit: "%"\n            target: ≥85', 'unit: 12\n            target: ≥85');
    });
    const issue = only(out.issues, 'schema-invalid_type');
    expect(issue.file).toMatch(/indicators\.yaml$/);
    expect(issue.line).toBe(26);
    expect(issue.message).toBe('“单位”（domains[1].tasks[0].indicators[0].unit）应为文本，实际为数字 12');
  });

  it('flags unknown keys at the key', async () => {
    const out = await load((f) => {
      f['results.yaml'] = f['results.yaml']!.replace('    source: 区水务局', '    sorce: 区水务局');
    });
    const issue = only(out.issues, 'schema-unrecognized_keys');
    expect(issue.line).toBe(9);
    expect(issue.message).toContain('不认识的键“sorce”');
  });

  it('rejects duplicate and unknown indicator numbers', async () => {
    const out = await load((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('- no: 3', '- no: 2');
      f['results.yaml'] += '  - indicator: 99\n    values: { 2022: 1 }\n';
      f['evidence.yaml'] = f['evidence.yaml']!.replace('indicators: [3]', 'indicators: [3, 42]');
    });
    expect(only(out.issues, 'indicator-duplicate').message).toBe('指标序号 2 重复：“城镇污水处理率”与“生态环境信息公开率”用了同一个序号');
    // indicator 3 is gone (renumbered), so its result and the one for 99 are both unknown
    expect(errors(out.issues).filter((i) => i.code === 'result-unknown-indicator').map((i) => [i.line, i.message])).toEqual([
      [7, '结果中的指标序号 3 不存在于 indicators.yaml'],
      [10, '结果中的指标序号 99 不存在于 indicators.yaml'],
    ]);
    const ev = errors(out.issues).filter((i) => i.code === 'evidence-unknown-indicator');
    expect(ev.map((i) => i.message)).toEqual([
      '佐证材料 E2 引用的指标序号 3 不存在于 indicators.yaml',
      '佐证材料 E2 引用的指标序号 42 不存在于 indicators.yaml',
    ]);
    expect(ev[0]!.file).toMatch(/evidence\.yaml$/);
  });

  it('suggests the closest canonical name for an unknown responsible unit', async () => {
    const out = await load((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('units: [区水务局]', 'units: [区水利局]');
    });
    const issue = only(out.issues, 'unit-unknown');
    expect(issue.message).toBe('指标3的责任单位“区水利局”不在 project.yaml 的责任单位名单中，是否应为“区水务局”？');
    expect(issue.line).toBe(29);
  });

  it('rejects impossible dates', async () => {
    const out = await load((f) => {
      f['evidence.yaml'] = f['evidence.yaml']!.replace('2023-01-10', '2023-02-30');
    });
    const issue = only(out.issues, 'schema-custom');
    expect(issue.message).toContain('不存在的日期');
    expect(issue.message).toContain('“2023-02-30”');
    expect(issue.line).toBe(15);
  });

  it('rejects a share outside 0–100 % but allows a negative change', async () => {
    const out = await load((f) => {
      f['results.yaml'] = f['results.yaml']!.replace('{ 2020: 80.5, 2022: 86.2 }', '{ 2020: 80.5, 2022: 186.2 }');
    });
    const issue = only(out.issues, 'result-share-out-of-range');
    expect(issue.message).toBe('指标3“城镇污水处理率”2022年的数值 186.2% 超出 0–100% 的范围');
    const change = await load((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('城镇污水处理率', 'PM2.5浓度下降幅度');
      f['results.yaml'] = f['results.yaml']!.replace('{ 2020: 80.5, 2022: 86.2 }', '{ 2020: -3.5, 2022: 4 }');
    });
    expect(errors(change.issues).filter((i) => i.code === 'result-share-out-of-range')).toEqual([]);
  });

  it('refuses a target text the grammar cannot read', async () => {
    const out = await load((f) => {
      f['indicators.yaml'] = f['indicators.yaml']!.replace('target: ≥85', 'target: 大约八十五');
    });
    const issue = only(out.issues, 'target-unreadable');
    expect(issue.message).toMatch(/^指标3的指标值“大约八十五”无法识别/);
    expect(issue.line).toBe(27);
  });

  describe('evidence files', () => {
    it('missing', async () => {
      const out = await load(() => {}, { 'plan.pdf': TINY_PDF });
      const issue = only(out.issues, 'evidence-missing');
      expect(issue.message).toBe('找不到佐证材料 E2 的文件“water/report.pdf”（应在 evidence/water/report.pdf）');
      expect(issue.line).toBe(11);
    });
    it('empty', async () => {
      const out = await load(() => {}, { 'plan.pdf': Buffer.alloc(0), 'water/report.pdf': TINY_PDF });
      expect(only(out.issues, 'evidence-empty').message).toBe('佐证材料 E1 的文件“plan.pdf”是空文件（0 字节）');
    });
    it('of an unsupported type, judged by content not name', async () => {
      const tiff = Buffer.from('II*\0 rest of a tiff', 'latin1');
      const out = await load(() => {}, { 'plan.pdf': tiff, 'water/report.pdf': TINY_PDF });
      const issue = only(out.issues, 'evidence-unsupported');
      expect(issue.message).toBe('佐证材料 E1 的文件“plan.pdf”是TIFF 图片，不是支持的类型（应为 PDF、JPEG 或 PNG）');
      expect(issue.hint).toMatch(/JPEG/);
    });
    it('outside evidence/ through .., an absolute path or a link', async () => {
      const dotdot = await load((f) => {
        f['evidence.yaml'] = f['evidence.yaml']!.replace('file: plan.pdf', 'file: ../project.yaml');
      });
      expect(only(dotdot.issues, 'evidence-outside').message).toBe('佐证材料 E1 的文件“../project.yaml”指向 evidence/ 文件夹之外');
      await project!.cleanup();
      const absolute = await load((f) => {
        f['evidence.yaml'] = f['evidence.yaml']!.replace('file: plan.pdf', 'file: /etc/passwd');
      });
      expect(only(absolute.issues, 'evidence-outside').message).toBe('佐证材料 E1 的文件“/etc/passwd”是绝对路径，应为相对于 evidence/ 文件夹的路径');
      await project!.cleanup();
      project = await makeMiniProject((f) => {
        f['evidence.yaml'] = f['evidence.yaml']!.replace('file: plan.pdf', 'file: link.pdf');
      });
      await writeFile(path.join(project.dir, 'outside.pdf'), TINY_PDF);
      await symlink(path.join(project.dir, 'outside.pdf'), path.join(project.dir, 'evidence', 'link.pdf'));
      const linked = await loadProject(project.dir);
      expect(only(linked.issues, 'evidence-outside').message).toBe('佐证材料 E1 的文件“link.pdf”是指向 evidence/ 文件夹之外的链接');
    });
  });

  it('collects every problem instead of stopping at the first', async () => {
    const out = await load(
      (f) => {
        f['indicators.yaml'] = f['indicators.yaml']!.replace('units: [区水务局]', 'units: [区水利局]');
        f['results.yaml'] += '  - indicator: 77\n';
        f['evidence.yaml'] = f['evidence.yaml']!.replace('2023-01-10', '2023-13-01');
      },
      { 'plan.pdf': Buffer.alloc(0), 'water/report.pdf': TINY_PDF },
    );
    const codes = errors(out.issues).map((i) => i.code).sort();
    expect(codes).toEqual(['schema-custom', 'unit-unknown', 'result-unknown-indicator'].sort());
    for (const i of out.issues) expect(formatIssue(i)).not.toMatch(/at .*\.ts|Error:/);
  });

  it('reports missing project files by name', async () => {
    const out = await load((f) => {
      delete f['indicators.yaml'];
    });
    expect(only(out.issues, 'file-missing').message).toMatch(/^找不到文件 .*indicators\.yaml$/);
  });
});
