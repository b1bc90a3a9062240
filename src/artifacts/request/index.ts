import { readFileSync } from 'node:fs';
import type { RenderInput } from '../render-input.ts';
import { breakTitle, MarkdownError, officialDocument, TITLE_CHARS } from '../../documents/docx/index.ts';
import { SAMPLE_HEADER } from '../report/index.ts';
import { requestContext, requestDate } from './context.ts';
import { renderTemplate, resolveTemplate, TemplateError, templateSet } from '../../documents/templates/index.ts';

/** The 申报文件's template, looked up in the project's `templates:` folder first, then the built-in one. */
export const REQUEST_TEMPLATE = 'request/request.md.hbs';
export { requestContext, requestDate } from './context.ts';

/** renderRequest: plain data → the 申报文件 (请示) as .docx bytes. Throws TemplateError like renderReport. */
export async function renderRequest(input: RenderInput, annexVolumes: number): Promise<Buffer> {
  const { project } = input.data;
  const set = templateSet(input.data.dir, project.templates);
  const context = requestContext(input, annexVolumes);
  const helpers = {
    breakTitle: (text: unknown) => breakTitle(String(text), TITLE_CHARS.portrait, ['关于申报', project.programme.title, '示范区']),
  };
  const markdown = renderTemplate(set, REQUEST_TEMPLATE, context, helpers);
  try {
    return await officialDocument({
      markdown,
      ...(project.sample ? { headerText: SAMPLE_HEADER } : {}),
      title: context.title,
      creator: project.district.government,
      date: requestDate(input),
    });
  } catch (e) {
    if (e instanceof MarkdownError) {
      const file = resolveTemplate(set, REQUEST_TEMPLATE);
      const wanted = e.snippet?.split('\n')[0]?.trim();
      const index = wanted ? readFileSync(file, 'utf8').split('\n').findIndex((l) => l.trim() === wanted) : -1;
      throw new TemplateError(file, index >= 0 ? index + 1 : undefined, e.detail);
    }
    throw e;
  }
}
