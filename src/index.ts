/**
 * eco-dossier as a library: every command is these functions composed. Stages in pipeline order:
 * load → validate → judge → plan → render → package.
 */
export * from './model/index.ts';
export { loadProject, type LoadOutcome } from './load/project.ts';
export { checkProject, judgeProject, type CheckedProject } from './load/check.ts';
export { judge, judgeIndicator, parseTarget, type Verdict, type VerdictKind, type SubVerdict } from './judge/index.ts';
export { readiness, formatReadiness, type Readiness } from './status/readiness.ts';
export { planBundle, bundleName } from './plan/bundle-plan.ts';
export type { BundlePlan, PlannedArtifact, ArtifactPlanner, ArtifactSource, PlanInput, WrittenFile } from './plan/artifact.ts';
export { ARTIFACT_KINDS, artifactKind, type ArtifactKind, type Renderer, type RenderContext, type Rendered } from './render/registry.ts';
export { renderReport } from './render/report/index.ts';
export { renderTaskTable } from './render/table/index.ts';
export { renderAnnex, renderAnnexVolume, planAnnexVolumes } from './render/annex/index.ts';
export { officialDocument } from './render/docx/index.ts';
export { collectWorkbooks } from './workbook/collect.ts';
export { importWorkbooks } from './workbook/import.ts';
export { buildBundle, assembleBundle, type BuildOptions, type BuildResult } from './bundle/build.ts';
export { verifyBundle, type VerifyResult } from './package/verify.ts';
export { diffManifests, formatDiff, type BundleDiff } from './package/diff.ts';
export { readManifest } from './package/manifest-read.ts';
export { reviseBundle, type ReviseOptions, type ReviseResult } from './revise/revise.ts';
export { loadFeedback, applyFeedback } from './revise/feedback.ts';
