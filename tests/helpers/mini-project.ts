import { mkdtemp, mkdir, readFile, writeFile, rm, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pdfOf } from './crafted.ts';

/** A minimal valid PDF (one blank A4 page, with its cross-reference table) for evidence files in tests. */
export const TINY_PDF = pdfOf(['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>']);

export const MINI_FILES: Record<string, string> = {
  'project.yaml': `sample: true
district:
  name: 测试市示例区
  shortName: 示例区
  code: "370999"
  government: 测试市示例区人民政府
programme:
  title: 国家生态文明建设示范区
  batch: 第七批
  year: 2023
  recipient: 生态环境部
  baselineYear: 2020
  currentYear: 2022
deadlines:
  - id: materials
    name: 提交基础资料
    date: 2023-06-30
leadingGroup:
  leader: { name: 张三, post: 区长 }
  deputyLeaders:
    - { name: 李四, post: 副区长 }
  members:
    - { name: 王五, post: 区水务局局长 }
  office: { location: 区生态环境分局, head: 李四 }
contact:
  office: 区生态环境分局生态科
units:
  - name: 区生态环境分局
    aliases: [生态环境分局]
  - name: 区综合执法局
    fullName: 区综合行政执法局
  - name: 区水务局
generatedAt: 2023-07-20
`,
  'indicators.yaml': `domains:
  - name: 生态制度
    tasks:
      - no: 1
        name: 目标责任体系与制度建设
        indicators:
          - no: 1
            name: 生态文明建设规划
            unit: "-"
            target: 制定实施
            attribute: 约束性
            units: [区生态环境分局]
          - no: 2
            name: 生态环境信息公开率
            unit: "%"
            target: "100"
            attribute: 约束性
            units: [区生态环境分局, 区综合行政执法局]
  - name: 生态生活
    tasks:
      - no: 2
        name: 人居环境改善
        indicators:
          - no: 3
            name: 城镇污水处理率
            unit: "%"
            target: ≥85
            attribute: 参考性
            units: [区水务局]
`,
  'results.yaml': `results:
  - indicator: 1
    status: 已达到
    description: 规划已印发实施
  - indicator: 2
    values: { 2020: 100, 2022: 100 }
  - indicator: 3
    values: { 2020: 80.5, 2022: 86.2 }
    source: 区水务局
`,
  'evidence.yaml': `evidence:
  - id: E1
    file: plan.pdf
    indicators: [1, 2]
    title: 生态文明建设规划
    issuer: 测试市示例区人民政府
    date: 2021-03-01
    docNo: 示政发〔2021〕1号
    kind: 文件
  - id: E2
    file: water/report.pdf
    indicators: [3]
    title: 污水处理情况报告
    issuer: 区水务局
    date: 2023-01-10
    kind: 报告
`,
};

/** The mini project's report text (narrative/): every part the built-in report template uses. */
export const MINI_NARRATIVE: Record<string, string> = {
  'narrative/基本情况.txt': '示例区位于测试市东部（示例文字）。\n',
  'narrative/创建工作开展情况.txt': '领导小组办公室定期调度各单位进展（示例文字）。\n',
  'narrative/工作进度.txt': '各单位已报送基础资料（示例文字）。\n',
  'narrative/存在问题及下一步工作.txt': '下一步，我区将持续巩固创建成果（示例文字）。\n',
};

export interface MiniProject {
  readonly dir: string;
  cleanup(): Promise<void>;
}

/**
 * Writes a small valid project into a temporary folder; `change` edits file texts first,
 * so each test states only the one thing it breaks.
 */
export async function makeMiniProject(
  change: (files: Record<string, string>) => void = () => {},
  evidence: Record<string, Buffer> = { 'plan.pdf': TINY_PDF, 'water/report.pdf': TINY_PDF },
): Promise<MiniProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eco-mini-'));
  const files = { ...MINI_FILES, ...MINI_NARRATIVE };
  change(files);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  for (const [name, bytes] of Object.entries(evidence)) {
    await mkdir(path.dirname(path.join(dir, 'evidence', name)), { recursive: true });
    await writeFile(path.join(dir, 'evidence', name), bytes);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of the sample project in a temporary folder, to change without touching fixtures/. */
export async function copySample(): Promise<MiniProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eco-sample-'));
  await cp(path.resolve('fixtures/yanzhou-2023'), dir, { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The sample with a smaller round 1: indicator 26 corrected with no document behind it (the case revise
 * warns about), 28 given its evidence, and 18 not asked about (so r2 is still not eligible).
 */
export async function copySampleWithUnbackedCorrection(): Promise<MiniProject> {
  const project = await copySample();
  const file = path.join(project.dir, 'feedback', 'round-1.yaml');
  const text = await readFile(file, 'utf8');
  const backing = /\n {6}evidence:\n {8}- id: E51-rural-sewage-final\n(?: {10}.*\n)+/;
  const item18 = /\n {2}- id: R1-05\n(?: {4}.*\n)+/;
  if (!backing.test(text) || !item18.test(text)) throw new Error('the sample round 1 no longer has the parts this copy takes out');
  await writeFile(file, text.replace(backing, '\n').replace(item18, '\n').replace('，并补充终核数据。', '。'));
  return project;
}
