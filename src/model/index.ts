export * from './common.ts';
export * from './issue.ts';
export * from './project.ts';
export * from './catalog.ts';
export * from './results.ts';
export * from './evidence.ts';
export * from './project-data.ts';
export * from "./manifest.ts";
export * from "./feedback.ts";
export * from "./diagnostics.ts";
export * from './catalogue.ts';
export * from "./sites.ts";

export { NARRATIVE_EXT, NARRATIVE_FOLDER, narrativeFile, type Narrative, type NarrativePart } from './narrative.ts';

export { NARRATIVE_COMMENT, STANDARD_PARTS } from './narrative.ts';
export { Submission, submissionFileName } from './submission.ts';
