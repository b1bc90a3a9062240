import type { RenderInput } from '../render-input.ts';
import type { ReportOptions } from './options.ts';
import type { BegunReport } from './render.ts';

export { REPORT_TEMPLATE } from './narrative.ts';
export { SAMPLE_HEADER, type ReportOptions } from './options.ts';

/**
 * renderReport: plain data → the report (申报报告) as .docx bytes, normalised for byte-identical output.
 * Writes nothing (but the figures it draws into `chartCache`). Throws TemplateError (file and line) for a
 * missing variable, a broken template or Markdown the official-document writer does not know. Its toolkits
 * (docx, charts, templates) are loaded when it is first called: validate and the planners need none of them.
 */
export async function renderReport(input: RenderInput, options: ReportOptions = {}): Promise<Buffer> {
  return (await import('./render.ts')).renderReport(input, options);
}

/**
 * The report begun: its template filled in (a TemplateError is thrown now), its figures drawn meanwhile in a
 * process of their own; `write` makes the document (render.ts beginReport).
 */
export async function beginReport(input: RenderInput, options: ReportOptions = {}): Promise<BegunReport> {
  return (await import('./render.ts')).beginReport(input, options);
}

export { trendChart, valuesOf, verdictCounts } from './chart-options.ts';
export { missingNarrative, reportNarrativeUses } from './narrative.ts';
export { bundleRecipient } from './context.ts';
