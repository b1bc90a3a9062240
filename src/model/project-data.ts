import type { PlacedIndicator, Catalog } from './catalog.ts';
import type { EligibilityRule } from './catalogue.ts';
import type { EvidenceFileType, EvidenceItem } from './evidence.ts';
import type { Project } from './project.ts';
import type { Narrative } from './narrative.ts';
import type { Result } from './results.ts';

/** An evidence item whose file was found, checked and typed by the loader. */
export interface EvidenceFile extends EvidenceItem {
  /** absolute path of the file on disk */
  readonly absPath: string;
  readonly bytes: number;
  readonly type: EvidenceFileType;
}

/** Everything the loader read from a project folder, validated. Stages after load get only this. */
export interface ProjectData {
  /** absolute path of the project folder */
  readonly dir: string;
  readonly project: Project;
  readonly catalog: Catalog;
  /** all indicators in 附件1's order, with their domain and task */
  readonly indicators: readonly PlacedIndicator[];
  readonly results: readonly Result[];
  readonly evidence: readonly EvidenceFile[];
  /** 申报条件 of the catalogue the project names (or the default one); absent when it could not be read */
  readonly eligibilityRule?: EligibilityRule;
  readonly catalogueId?: string;
  /** the report's narrative parts (narrative/*.txt); absent: none written */
  readonly narrative?: Narrative;
}
