import type { ArtifactPlanner } from './artifact.ts';
import type { ArtifactKind } from './kind.ts';
import { ANNEX_KIND } from './annex/kind.ts';
import { CHANGES_KIND } from './changes/kind.ts';
import { CHECK_SCRIPTS_KIND } from './check-scripts/kind.ts';
import { EVIDENCE_KIND } from './evidence-copies/kind.ts';
import { README_KIND } from './readme/kind.ts';
import { REPORT_KIND } from './report/kind.ts';
import { REQUEST_KIND } from './request/kind.ts';
import { RESPONSE_KIND } from './response/kind.ts';
import { TASK_TABLE_KIND } from './task-table/kind.ts';

/**
 * Every kind of artifact eco-dossier plans into a bundle, in the order they are produced: an annex volume
 * starts its page numbers where the previous one ended; the task table's 材料清单 gives the annex pages and
 * the originals' paths; the readme lists the volumes; the response document cites annex pages; changes.json
 * lists every other file. (The report's figures are begun as soon as the project is judged: see
 * ArtifactKind.begin.) Each kind is a planner and a renderer in artifacts/<kind>/kind.ts; a renderer
 * loads its document toolkit only when it first renders.
 */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  REQUEST_KIND,
  REPORT_KIND,
  ANNEX_KIND,
  EVIDENCE_KIND,
  TASK_TABLE_KIND,
  CHECK_SCRIPTS_KIND,
  README_KIND,
  RESPONSE_KIND,
  CHANGES_KIND,
];

/** The planners of those kinds, in production order. */
export const BUILT_IN_PLANNERS: readonly ArtifactPlanner[] = ARTIFACT_KINDS;
