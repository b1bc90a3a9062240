import { readFileSync } from 'node:fs';
import { breakTitle, MarkdownError, officialDocument, TITLE_CHARS } from '../../documents/docx/index.ts';
import { renderTemplate, resolveTemplate, TemplateError, templateSet, type TemplateSet } from '../../documents/templates/index.ts';
import type { RenderInput } from '../render-input.ts';
import { reportContext } from './context.ts';
import { figureImages, reportFigures } from './figures.ts';
import { SAMPLE_HEADER, type ReportOptions } from './options.ts';
import { narrativeUses, REPORT_TEMPLATE } from './narrative.ts';
import { indicatorTable, taskBreakdownTable } from './tables.ts';

/**
 * renderReport: plain data → the report (申报报告) as .docx bytes, normalised for byte-identical output.
 * Writes nothing but the figures it draws into `options.chartCache`. Throws TemplateError (file and line) for
 * a missing variable, a broken template or Markdown the official-document writer does not know.
 */
export async function renderReport(input: RenderInput, options: ReportOptions = {}): Promise<Buffer> {
  return beginReport(input, options).write();
}

/** A report begun, its figures drawing: `write` makes the document. */
export interface BegunReport {
  readonly write: () => Promise<Buffer>;
}

/**
 * The report begun: its template filled in now (a template error is thrown here, before anything else is
 * made), its figures drawing meanwhile in a process of their own, and the document written by `write`.
 * A build begins the report as soon as the project is judged, so the figures are drawn while the evidence
 * is hashed.
 */
export function beginReport(input: RenderInput, options: ReportOptions = {}): BegunReport {
  const { project, indicators } = input.data;
  const set = templateSet(input.data.dir, project.templates);
  const figures = reportFigures(input);
  const context = reportContext(input, narrativeUses(readFileSync(resolveTemplate(set, REPORT_TEMPLATE), 'utf8')).map((u) => u.part), figures);
  const helpers = {
    /** {{breakTitle title}} or {{breakTitle title 28}} (landscape): a long title on balanced lines */
    breakTitle: (text: unknown, maxChars: unknown) =>
      breakTitle(String(text), typeof maxChars === 'number' ? maxChars : TITLE_CHARS.portrait, [project.programme.title, '示范区']),
  };
  const markdown = renderTemplate(set, REPORT_TEMPLATE, context, helpers);
  // only the figures the template places are drawn (a district's own template may place none)
  const placed = new Set([...markdown.matchAll(/^:::[ \t]*figure[ \t]+(\S+)/gm)].map((m) => m[1]!));
  const images = figureImages(figures.filter((f) => placed.has(f.id)), options.chartCache);
  images.catch(() => undefined); // a failure is said when the document is written
  const write = async () => {
    try {
      return await officialDocument({
        markdown,
        tables: { indicators: indicatorTable(indicators, input.verdicts), tasks: taskBreakdownTable(indicators) },
        figures: await images,
        ...(project.sample ? { headerText: SAMPLE_HEADER } : {}),
        title: context.title,
        creator: project.district.government,
        date: project.generatedAt,
      });
    } catch (e) {
      if (e instanceof MarkdownError) throw locateInTemplate(set, e);
      throw e;
    }
  };
  return { write };
}

/**
 * A Markdown problem is found in the filled-in text; the template line is where that text's line
 * (a directive as the template writes it) appears in the template, else the generated line is named.
 */
function locateInTemplate(set: TemplateSet, error: MarkdownError): TemplateError {
  const file = resolveTemplate(set, REPORT_TEMPLATE);
  const wanted = error.snippet?.split('\n')[0]?.trim();
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = wanted ? lines.findIndex((l) => l.trim() === wanted) : -1;
  if (index >= 0) return new TemplateError(file, index + 1, error.detail);
  return new TemplateError(file, undefined, `${error.detail}（生成的 Markdown 第 ${error.line} 行）`);
}

