/**
 * The one door from site-visit to the rest of eco-dossier: every helper this folder uses from the lower
 * stages (load, judge, render, package …) is re-exported here, so a move of those modules touches this
 * file only.
 */
export { checkProject, judgeProject, type CheckedProject } from '../load/index.ts';
export { readSchemaFile } from '../load/index.ts';
export { displayPath } from '../common/index.ts';
export { parseYaml, type YamlSource, type DataPath } from '../load/index.ts';
export { resolveUnit } from '../validate/index.ts';
export type { Verdict, VerdictKind } from '../judge/index.ts';
export { assessEligibility } from '../judge/index.ts';
export { annexSections, planAnnexVolumes, annexFileName, ANNEX_FILE_TITLE, DEFAULT_MAX_VOLUME_MB } from '../artifacts/annex/index.ts';
export { annexPageText, annexPlaces as placesInAnnex } from '../artifacts/annex/index.ts';
export { checkImage, embedImage, type CheckedImage, type PlacedImage } from '../artifacts/annex/index.ts';
export { officialDocument, MarkdownError, breakTitle, TITLE_CHARS, textWidth, widthForOneLine, type TableSpec, type TableRowSpec } from '../documents/docx/index.ts';
export { embedFonts, type PdfFonts } from '../documents/pdf/index.ts';
export { installLibraryPatches } from '../documents/patches/index.ts';
export { setFixedMetadata } from '../documents/pdf/index.ts';
export { breakLines } from '../documents/pdf/index.ts';
export { drawLine, wrap, fitSize, lineHeightOf, type TextStyle } from '../documents/pdf/index.ts';
export { ORIENTATION_MATRIX, shownSize } from '../documents/pdf/index.ts';
export { compose, fitInto } from '../documents/pdf/index.ts';
export { SAMPLE_HEADER } from '../artifacts/report/index.ts';
export { renderTemplate, resolveTemplate, templateSet, TemplateError } from '../documents/templates/index.ts';
export { chineseDate, chineseNumeral, formatShare, shareOf } from '../common/index.ts';
export { titlesOf } from '../common/index.ts';
export type { RenderInput } from '../artifacts/index.ts';
export { normalizeOfficeZip } from '../documents/office-zip/index.ts';
export { stampWorkbook, workbookBytes } from '../documents/xlsx/index.ts';
export { writeFileAtomic } from '../files/index.ts';
export { readManifest } from '../package/index.ts';
export { revisionState } from '../revise/index.ts';
export { GENERATOR } from '../common/index.ts';
export type { Issue, SourcePlace } from '../model/index.ts';
export type { IssueCode } from '../model/index.ts';
export { formatIssue, hasErrors, InternalError } from '../model/index.ts';
export type { GeoBounds, GeoPoint, Project } from '../model/index.ts';
export type { PlacedIndicator } from '../model/index.ts';
export type { EvidenceFile, ProjectData } from '../model/index.ts';
export type { Manifest } from '../model/index.ts';
export { SiteList, type Site, type SitePerson, type VisitInfo } from '../model/index.ts';
