/**
 * The one door from site-visit to the rest of eco-dossier: every helper this folder uses from the lower
 * stages (load, judge, render, package …) is re-exported here, so a move of those modules touches this
 * file only.
 */
export { checkProject, judgeProject, type CheckedProject } from '../load/check.ts';
export { readSchemaFile } from '../load/schema-file.ts';
export { displayPath } from '../common/display-path.ts';
export { parseYaml, type YamlSource, type DataPath } from '../load/yaml-file.ts';
export { resolveUnit } from '../validate/units.ts';
export type { Verdict, VerdictKind } from '../judge/index.ts';
export { annexSections, planAnnexVolumes, annexFileName, ANNEX_FILE_TITLE, DEFAULT_MAX_VOLUME_MB } from '../render/annex/index.ts';
export { checkImage, embedImage, type CheckedImage, type PlacedImage } from '../render/annex/evidence-image.ts';
export { officialDocument, MarkdownError, breakTitle, TITLE_CHARS, type TableSpec, type TableRowSpec } from '../render/docx/index.ts';
export { embedFonts, type PdfFonts } from '../render/pdf/fonts.ts';
export { setFixedMetadata } from '../render/pdf/metadata.ts';
export { breakLines } from '../render/pdf/linebreak.ts';
export { drawLine, wrap, fitSize, lineHeightOf, type TextStyle } from '../render/pdf/text.ts';
export { ORIENTATION_MATRIX, shownSize } from '../render/pdf/jpeg.ts';
export { compose, fitInto } from '../render/pdf/matrix.ts';
export { SAMPLE_HEADER } from '../render/report/index.ts';
export { renderTemplate, resolveTemplate, templateSet, TemplateError } from '../render/templates.ts';
export { chineseDate, chineseNumeral } from '../common/chinese.ts';
export { titlesOf } from '../common/titles.ts';
export type { RenderInput } from '../plan/render-input.ts';
export { normalizeOfficeZip } from '../render/zip-normalize.ts';
export { stampWorkbook, workbookBytes } from '../render/table/workbook-bytes.ts';
export { writeFileAtomic } from '../files/atomic.ts';
export { readManifest } from '../package/manifest-read.ts';
export { GENERATOR } from '../common/version.ts';
export type { Issue, SourcePlace } from '../model/issue.ts';
export type { IssueCode } from '../model/diagnostics.ts';
export { formatIssue, hasErrors, InternalError } from '../model/issue.ts';
export type { GeoBounds, GeoPoint, Project } from '../model/project.ts';
export type { PlacedIndicator } from '../model/catalog.ts';
export type { EvidenceFile, ProjectData } from '../model/project-data.ts';
export type { Manifest } from '../model/manifest.ts';
export { SiteList, type Site, type SitePerson, type VisitInfo } from '../model/sites.ts';
