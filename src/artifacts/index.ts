/** The face of artifacts/: the bundle's plan, the kinds of artifact and their contract. */
export { ARTIFACT_NAMES, type ArtifactPlanner, type ArtifactSource, type BuiltInSource, type BundlePlan, type PlanInput, type PlannedArtifact, type ResponseAnswer, type WrittenFile } from './artifact.ts';
export { bundleName, planBundle } from './bundle-plan.ts';
export { ARTIFACT_KINDS } from './registry.ts';
export { artifactKind, nextPage, writeRendered, type ArtifactKind, type BeginContext, type RenderContext, type Rendered, type Renderer, type ReuseContext } from './kind.ts';
export { type RenderInput } from './render-input.ts';
