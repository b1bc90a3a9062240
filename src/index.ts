/**
 * eco-dossier as a library: what a program building on it needs, nothing more. Every command is these
 * functions composed, in pipeline order: load → validate → judge → plan → render → package. Importing it
 * changes nothing in the host process (library patches are installed by installLibraryPatches(), which the
 * renderers call). Internals are not part of this face and may move.
 */

// the input formats: zod schemas (each also the type of what it parses) and the problems found in them
export { Project, Catalog, Indicator, SubIndicator, Results, Result, EvidenceList, EvidenceItem, Feedback, SiteList } from './model/index.ts';
export type { ProjectData, EvidenceFile, PlacedIndicator, Manifest, ManifestFile } from './model/index.ts';
export { DIAGNOSTICS, explainIssue, formatIssue, hasErrors, type Issue, type IssueCode } from './model/index.ts';

// load, check and judge
export { loadProject, checkProject, judgeProject, type LoadOutcome, type CheckedProject } from './load/index.ts';
export { judge, parseTarget, assessEligibility, type Verdict, type VerdictKind, type SubVerdict, type Eligibility } from './judge/index.ts';
export { readiness, formatReadiness, type Readiness } from './status/index.ts';
export { collectWorkbooks, importWorkbooks } from './workbook/index.ts';

// the bundle: planned, built, revised, verified, compared
export { planBundle, ARTIFACT_KINDS, artifactKind, writeRendered } from './artifacts/index.ts';
export type { ArtifactKind, ArtifactPlanner, ArtifactSource, BundlePlan, PlanInput, PlannedArtifact, Renderer, RenderContext, Rendered, WrittenFile } from './artifacts/index.ts';
export { buildBundle, writeAnnex, type BuildOptions, type BuildResult, type AnnexOptions, type AnnexResult } from './bundle/index.ts';
export { reviseBundle, loadFeedback, applyFeedback, type ReviseOptions, type ReviseResult } from './revise/index.ts';
export { verifyBundle, diffManifests, formatDiff, readManifest, type VerifyResult, type BundleDiff } from './package/index.ts';

// single documents, as the commands report, export-table and annex write them
export { renderReport } from './artifacts/report/index.ts';
export { renderTaskTable } from './artifacts/task-table/index.ts';
export { renderAnnex } from './artifacts/annex/index.ts';

export { installLibraryPatches, LIBRARY_PATCHES, type LibraryPatch } from './documents/patches/index.ts';
