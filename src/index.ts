/**
 * eco-dossier as a library: every command is these functions composed. Stages in pipeline order:
 * load → validate → judge → plan → render → package.
 */
export * from './model/index.ts';
export { loadProject, type LoadOutcome } from './load/index.ts';
export { checkProject, judgeProject, type CheckedProject } from './load/index.ts';
export { judge, judgeIndicator, parseTarget, type Verdict, type VerdictKind, type SubVerdict } from './judge/index.ts';
export { readiness, formatReadiness, type Readiness } from './status/index.ts';
export { planBundle, bundleName } from './artifacts/index.ts';
export type { BundlePlan, PlannedArtifact, ArtifactPlanner, ArtifactSource, PlanInput, WrittenFile } from './artifacts/index.ts';
export { ARTIFACT_KINDS, artifactKind, type ArtifactKind, type Renderer, type RenderContext, type Rendered } from './artifacts/index.ts';
export { renderReport } from './artifacts/report/index.ts';
export { renderTaskTable } from './artifacts/task-table/index.ts';
export { renderAnnex, renderAnnexVolume, planAnnexVolumes } from './artifacts/annex/index.ts';
export { officialDocument } from './documents/docx/index.ts';
export { collectWorkbooks } from './workbook/index.ts';
export { importWorkbooks } from './workbook/index.ts';
export { buildBundle, assembleBundle, type BuildOptions, type BuildResult } from './bundle/index.ts';
export { verifyBundle, type VerifyResult } from './package/index.ts';
export { diffManifests, formatDiff, type BundleDiff } from './package/index.ts';
export { readManifest } from './package/index.ts';
export { reviseBundle, type ReviseOptions, type ReviseResult } from './revise/index.ts';
export { loadFeedback, applyFeedback } from './revise/index.ts';
export { installLibraryPatches, LIBRARY_PATCHES, type LibraryPatch } from './documents/patches/index.ts';
