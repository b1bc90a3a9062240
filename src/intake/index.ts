/** The face of intake/: what other folders use of it. */
export { DATE_SOURCE_TEXT, scanEvidence } from './scan.ts';

export { appendEvidenceEntries } from './evidence-yaml.ts';
