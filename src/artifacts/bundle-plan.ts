import { MAX_SEGMENT, safeSegment } from '../common/index.ts';
import { titlesOf } from '../common/index.ts';
import type { ArtifactPlanner, BundlePlan, PlanInput, PlannedArtifact } from './artifact.ts';
import { BUILT_IN_PLANNERS } from './registry.ts';
import type { RenderInput } from './render-input.ts';

export function bundleName(render: RenderInput): string {
  // the title is shortened on its own, so the revision suffix always survives
  return `${safeSegment(titlesOf(render.data.project).bundle, '申报材料', MAX_SEGMENT - 6)}-r${render.revision}`;
}

/**
 * plan: decides every file of the bundle, its path, role and the hashes of its inputs, asking each kind of
 * artifact in turn (artifacts/registry.ts lists eco-dossier's own kinds, each a planner paired with how it is
 * made). Pure: the same data gives the same plan, and an artifact whose inputHash did not change can be
 * reused byte for byte.
 */
export function planBundle(input: PlanInput, planners: readonly ArtifactPlanner[] = BUILT_IN_PLANNERS): BundlePlan {
  const artifacts: PlannedArtifact[] = [];
  for (const planner of planners) artifacts.push(...planner.plan(input, artifacts));
  return { name: bundleName(input.render), revision: input.render.revision, artifacts };
}
