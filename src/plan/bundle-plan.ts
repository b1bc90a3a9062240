import path from 'node:path';
import type { ArtifactRole } from '../model/manifest.ts';
import type { EvidenceFile } from '../model/project-data.ts';
import { titlesOf } from '../common/titles.ts';
import type { RenderInput } from './render-input.ts';
import { GENERATOR } from '../common/version.ts';
import { hashOf } from '../files/hash.ts';
import { MAX_SEGMENT, safeSegment, uniquePaths } from '../common/safe-names.ts';

/** The annex volumes as the annex module plans them (only what the bundle plan needs to know). */
export interface VolumeRef {
  readonly no: number;
  readonly total: number;
  readonly indicators: readonly number[];
}

/** How an artifact's bytes come to be. */
export type ArtifactSource =
  | { readonly kind: 'report' }
  | { readonly kind: 'task-table' }
  | { readonly kind: 'annex-volume'; readonly volume: VolumeRef }
  | { readonly kind: 'evidence'; readonly evidenceId: string; readonly absPath: string }
  | { readonly kind: 'readme'; readonly text: string }
  /** written by the revision itself (changes.json, the response document), never produced from the plan */
  | { readonly kind: 'written' };

export interface PlannedArtifact {
  /** path inside the bundle folder, / separated, safe on Windows */
  readonly path: string;
  readonly role: ArtifactRole;
  readonly indicators: readonly number[];
  /** input name → sha256 of what the artifact is made from */
  readonly inputs: Readonly<Record<string, string>>;
  /** one hash over all inputs: equal inputHash, equal bytes */
  readonly inputHash: string;
  readonly source: ArtifactSource;
  readonly evidence?: readonly string[];
}

export interface BundlePlan {
  /** folder name, e.g. 兖州区-国家生态文明建设示范区申报材料-r1 */
  readonly name: string;
  readonly revision: number;
  readonly artifacts: readonly PlannedArtifact[];
}

export interface PlanInput {
  readonly render: RenderInput;
  /** evidence item id → sha256 of its file */
  readonly evidenceHashes: ReadonlyMap<string, string>;
  /** sha256 over the template files in use */
  readonly templatesHash: string;
  readonly annexVolumes: readonly VolumeRef[];
  readonly annexFileName: (volume: VolumeRef) => string;
}

export const EVIDENCE_FOLDER = '原始材料';
export const ARTIFACT_NAMES = { report: '申报报告.docx', taskTable: '指标任务分解表.xlsx', annex: '佐证材料汇编', readme: '说明.txt' } as const;

export function bundleName(render: RenderInput): string {
  // the title is shortened on its own, so the revision suffix always survives
  return `${safeSegment(titlesOf(render.data.project).bundle, '申报材料', MAX_SEGMENT - 6)}-r${render.revision}`;
}

/** Evidence metadata without the machine's absolute paths: what an artifact's content depends on. */
function evidenceMeta(e: EvidenceFile, hashes: ReadonlyMap<string, string>) {
  const { absPath: _abs, ...meta } = e;
  return { ...meta, sha256: hashes.get(e.id) ?? '' };
}

/**
 * plan: decides every file of the bundle, its path, role and the hashes of its inputs. Pure: the same
 * data gives the same plan, and an artifact whose inputHash did not change can be reused byte for byte.
 */
export function planBundle(input: PlanInput): BundlePlan {
  const { data, verdicts, revision } = input.render;
  const generator = hashOf(GENERATOR);
  const project = hashOf(data.project);
  const catalog = hashOf(data.catalog);
  const results = hashOf(data.results);
  const judged = hashOf(verdicts);
  const evidenceAll = hashOf(data.evidence.map((e) => evidenceMeta(e, input.evidenceHashes)));
  const artifact = (p: Omit<PlannedArtifact, 'inputHash'>): PlannedArtifact => ({ ...p, inputHash: hashOf(p.inputs) });
  const allNos = data.indicators.map((i) => i.no);
  const artifacts: PlannedArtifact[] = [
    artifact({
      path: ARTIFACT_NAMES.report, role: 'report', indicators: allNos, source: { kind: 'report' },
      inputs: { generator, project, catalog, results, verdicts: judged, evidence: evidenceAll, templates: input.templatesHash, revision: hashOf(revision) },
    }),
    artifact({
      path: ARTIFACT_NAMES.taskTable, role: 'task-table', indicators: allNos, source: { kind: 'task-table' },
      inputs: { generator, project, catalog, verdicts: judged, evidence: evidenceAll },
    }),
  ];
  for (const volume of input.annexVolumes) {
    const inVolume = new Set(volume.indicators);
    artifacts.push(
      artifact({
        path: input.annexFileName(volume), role: 'annex', indicators: [...volume.indicators], source: { kind: 'annex-volume', volume },
        inputs: {
          generator, project, templates: input.templatesHash, volume: hashOf([volume.no, volume.total]),
          indicators: hashOf(data.indicators.filter((i) => inVolume.has(i.no))),
          verdicts: hashOf(verdicts.filter((v) => inVolume.has(v.no))),
          evidence: hashOf(data.evidence.filter((e) => e.indicators.some((n) => inVolume.has(n))).map((e) => evidenceMeta(e, input.evidenceHashes))),
        },
      }),
    );
  }
  artifacts.push(...planEvidenceCopies(input));
  const readme = readmeText(input.render, artifacts);
  artifacts.push(artifact({ path: ARTIFACT_NAMES.readme, role: 'readme', indicators: [], source: { kind: 'readme', text: readme }, inputs: { text: hashOf(readme) } }));
  return { name: bundleName(input.render), revision, artifacts };
}

/** Originals under 原始材料/<序号>-<指标名称>/, one copy each, in the folder of the first indicator they serve. */
function planEvidenceCopies(input: PlanInput): PlannedArtifact[] {
  const { data } = input.render;
  const folderOf = new Map(data.indicators.map((i) => [i.no, safeSegment(`${i.no}-${i.name}`)]));
  const order = new Map(data.indicators.map((i, k) => [i.no, k]));
  const items = [...data.evidence].sort(
    (a, b) => (order.get(a.indicators[0]!) ?? 0) - (order.get(b.indicators[0]!) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const wanted = items.map((e) => `${EVIDENCE_FOLDER}/${folderOf.get(e.indicators[0]!)}/${path.posix.basename(e.file.replace(/\\/g, '/'))}`);
  const paths = uniquePaths(wanted);
  return items.map((e, k) => {
    const sha = input.evidenceHashes.get(e.id) ?? '';
    return {
      path: paths[k]!, role: 'evidence' as const, indicators: [...e.indicators], evidence: [e.id],
      source: { kind: 'evidence' as const, evidenceId: e.id, absPath: e.absPath },
      inputs: { file: sha }, inputHash: hashOf({ file: sha }),
    };
  });
}

function readmeText(render: RenderInput, artifacts: readonly PlannedArtifact[]): string {
  const { project } = render.data;
  const titles = titlesOf(project);
  const annexFiles = artifacts.filter((a) => a.role === 'annex').map((a) => `  ${a.path}`);
  const lines = [
    `${titles.report.replace(/工作报告$/, '')}申报材料（第${render.revision}版）`,
    ...(project.sample ? ['', '注意：本材料包由示例数据生成，仅用于演示和测试，不是官方数据。'] : []),
    '',
    '本文件夹包含：',
    `  ${ARTIFACT_NAMES.report}        申报报告（Word）`,
    `  ${ARTIFACT_NAMES.taskTable}    指标任务分解表（Excel，含现状值和达标情况）`,
    '  佐证材料汇编（PDF，含封面、目录、书签和页码）：',
    ...annexFiles,
    `  ${EVIDENCE_FOLDER}/                按指标（序号-指标名称）存放的佐证材料原件；同时服务多个指标的材料放在第一个指标的文件夹中`,
    '  manifest.json         清单：每个文件的用途、对应指标、字节数和 SHA-256 校验值',
    '  manifest-sha256.txt   校验文件，可用标准工具检查',
    '',
    ...(render.revision > 1
      ? [
          `本版是在第${render.revision - 1}版基础上的修订：`,
          '  changes.json          每个文件相对上一版的变化：new 新增、replace 替换、delete 删除、unchanged 未变',
          '  补充材料说明.docx      对审查意见的逐条答复（有审查意见时）',
          '  未变的文件与上一版逐字节相同，路径不变。修订的“变更部分包”（zip）只含新增和替换的文件、',
          '  manifest.json（仍列出全部文件）和只列包内文件的 manifest-sha256.txt；与上一版材料包合起来即完整的本版。',
          '',
        ]
      : []),
    '如何检查材料是否完整、未被改动：',
    '  Linux / macOS：在本文件夹中运行  sha256sum -c manifest-sha256.txt',
    '  Windows PowerShell：Get-FileHash -Algorithm SHA256 <文件名>，与 manifest-sha256.txt 中的值比对',
    '  或使用 eco-dossier verify <本文件夹或 zip 文件>',
    '',
    `生成工具：${GENERATOR.name} ${GENERATOR.version}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
