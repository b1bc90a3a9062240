/** The face of artifacts/: what other folders use of it. */
export { ARTIFACT_NAMES, type ArtifactPlanner, type ArtifactSource, type BuiltInSource, type BundlePlan, type PlanInput, type PlannedArtifact, type ResponseAnswer, type WrittenFile } from './artifact.ts';
export { bundleName, planBundle } from './bundle-plan.ts';
export { ARTIFACT_KINDS, artifactKind, type ArtifactKind, type RenderContext, type Rendered, type Renderer } from './registry.ts';
export { type RenderInput } from './render-input.ts';
