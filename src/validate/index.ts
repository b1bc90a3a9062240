/** The face of validate/: what other folders use of it. */
export { checkCatalog, checkDocumentDate, checkLeadingGroup, checkEvidenceItems, checkResults, looksLikeFileName, shareBounds } from './cross-checks.ts';
export { PLACEHOLDER, PLACEHOLDER_CODE, checkPlaceholders, checkSampleText, checkUnassigned, stringsOf } from './placeholders.ts';
export { resolveUnit } from './units.ts';
