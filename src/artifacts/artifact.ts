import type { Feedback, NarrativeChange, ValueChange } from '../model/index.ts';
import type { ArtifactRole, Manifest, ManifestFile } from '../model/index.ts';
import type { RenderInput } from './render-input.ts';

/**
 * What the plan is made of: the artifacts of a bundle, what each is made from, and the kinds of artifact
 * that plan them. Types and names only.
 */

/** The annex volumes as the annex module plans them (only what the bundle plan needs to know). */
export interface VolumeRef {
  readonly no: number;
  readonly total: number;
  readonly indicators: readonly number[];
}

/** What an artifact is made from, as its renderer receives it: `kind` names the renderer (see artifacts/registry.ts). */
export interface ArtifactSource {
  readonly kind: string;
}

/** The sources of the artifacts eco-dossier itself plans. */
export type BuiltInSource =
  /** the 申报文件 (请示): it names the annex, in how many volumes */
  | { readonly kind: 'request'; readonly volumes: number; readonly round?: number }
  | { readonly kind: 'report' }
  | { readonly kind: 'task-table' }
  | { readonly kind: 'annex-volume'; readonly volume: VolumeRef }
  | { readonly kind: 'evidence'; readonly evidenceId: string; readonly absPath: string }
  | { readonly kind: 'readme'; readonly text: string }
  /** the Windows integrity check: the PowerShell script or the .bat that runs it */
  | { readonly kind: 'check-script'; readonly which: 'ps1' | 'bat' }
  /** the response document: a round's answers, or (no new round) the previous revision's document carried over */
  | { readonly kind: 'response'; readonly path: string; readonly answer?: ResponseAnswer; readonly previous: RevisionBase }
  /** changes.json: every path against the previous revision's files */
  | { readonly kind: 'changes'; readonly previousFiles: readonly Pick<ManifestFile, 'path' | 'sha256'>[] };

export interface PlannedArtifact<S extends ArtifactSource = ArtifactSource> {
  /** path inside the bundle folder, / separated, safe on Windows */
  readonly path: string;
  readonly role: ArtifactRole;
  readonly indicators: readonly number[];
  /**
   * input name → sha256 of what the artifact is made from. An artifact whose content cites the others (the
   * response document, changes.json) gets its final inputs from its renderer.
   */
  readonly inputs: Readonly<Record<string, string>>;
  /** one hash over all inputs: equal inputHash, equal bytes */
  readonly inputHash: string;
  readonly source: S;
  readonly evidence?: readonly string[];
}

/** A file of the bundle as produced: its bytes' hash and size, its pages where it has them, and whether the previous revision's file was reused. */
export interface WrittenFile {
  readonly artifact: PlannedArtifact;
  readonly sha256: string;
  readonly bytes: number;
  readonly pages?: ManifestFile['pages'];
  readonly contents?: ManifestFile['contents'];
  readonly reused?: boolean;
}

/**
 * One kind of artifact, as the plan sees it: which files of this kind a bundle has, with their paths, roles
 * and inputs. Pure. `planned`: the artifacts planned before, in order (the readme lists the annex volumes).
 */
export interface ArtifactPlanner<S extends ArtifactSource = ArtifactSource> {
  readonly kind: string;
  /** the stage its time is counted under (report, table, annex, evidence …) */
  readonly stage: string;
  plan(input: PlanInput, planned: readonly PlannedArtifact[]): readonly PlannedArtifact<S>[];
}

export interface BundlePlan {
  /** folder name, e.g. 兖州区-国家生态文明建设示范区申报材料-r1 */
  readonly name: string;
  readonly revision: number;
  readonly artifacts: readonly PlannedArtifact[];
}

/** The previous revision a new one is made from. */
export interface RevisionBase {
  readonly revision: number;
  readonly manifest: Manifest;
}

/** A review round's answers, as revise applied them. */
export interface ResponseAnswer {
  readonly feedback: Feedback;
  readonly valueChanges: readonly ValueChange[];
  /** the report's narrative parts the answers amended */
  readonly narrativeChanges: readonly NarrativeChange[];
  /** the 请示 reissued with this revision: its new 发文字号 and 成文日期, and the one it replaces */
  readonly reissue?: { readonly docNo: string; readonly date: string; readonly previousDocNo: string };
}

export interface PlanInput {
  readonly render: RenderInput;
  /** evidence item id → sha256 of its file */
  readonly evidenceHashes: ReadonlyMap<string, string>;
  /** sha256 over the template files in use */
  readonly templatesHash: string;
  readonly annexVolumes: readonly VolumeRef[];
  readonly annexFileName: (volume: VolumeRef) => string;
  /** revise: the previous revision, and the round this one answers */
  readonly revision?: { readonly base: RevisionBase; readonly answer?: ResponseAnswer };
}

export const EVIDENCE_FOLDER = '原始材料';
export const ARTIFACT_NAMES = { request: '申报文件.docx', report: '申报报告.docx', taskTable: '指标任务分解表.xlsx', annex: '佐证材料汇编', readme: '说明.txt' } as const;
/** the response document of a revision */
export const RESPONSE_FILE = '补充材料说明.docx';
/** the response to a 现场核查 round: its problems and how each was rectified */
export const RECTIFICATION_FILE = '整改情况说明.docx';

/** The response document's file for a round of this stage. */
export function responseFileOf(stage: string): string {
  return stage === '现场核查' ? RECTIFICATION_FILE : RESPONSE_FILE;
}
