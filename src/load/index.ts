/** The face of load/: what other folders use of it. */
export { listCatalogues, readCatalogue } from './catalogues.ts';
export { checkProject, eligibilityOf, judgeProject, type CheckedProject } from './check.ts';
export { SAVE_AS_UTF8, decodeUtf8, encodingMessage } from './encoding.ts';
export { checkEvidenceFiles, sniffFileType } from './evidence-files.ts';
export { PROJECT_FILES, loadProject, type LoadOutcome } from './project.ts';
export { readSchemaFile } from './schema-file.ts';
export { schemaIssues } from './schema-issues.ts';
export { parseYaml, type DataPath, type YamlSource } from './yaml-file.ts';

export { MAX_EVIDENCE_BYTES, TOO_LARGE_HINT, sizeText } from './evidence-files.ts';
