import { readFileSync } from 'node:fs';
import { chineseDate } from '../../common/index.ts';
import { titlesOf } from '../../common/index.ts';
import { InternalError } from '../../model/index.ts';
import type { RenderInput } from '../render-input.ts';
import { breakTitle, MarkdownError, officialDocument, TITLE_CHARS } from '../../documents/docx/index.ts';
import { SAMPLE_HEADER } from '../report/index.ts';
import { summarize } from '../report/context.ts';
import { renderTemplate, resolveTemplate, TemplateError, templateSet } from '../../documents/templates/index.ts';

/** The 申报文件's template, looked up in the project's `templates:` folder first, then the built-in one. */
export const REQUEST_TEMPLATE = 'request/request.md.hbs';

/**
 * The data the 申报文件 template sees: the district government's 请示 to submit the application, with its
 * 版头 and 版记 from project.yaml's `application`, and the attachments it names (report, task table, annex).
 */
export function requestContext(input: RenderInput, annexVolumes: number) {
  const { project, indicators } = input.data;
  const application = project.application;
  if (!application) throw new InternalError('project.yaml 没有 application，却要生成申报文件');
  const titles = titlesOf(project);
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const summary = summarize(input.verdicts.map((verdict) => {
    const indicator = byNo.get(verdict.no);
    if (!indicator) throw new InternalError(`判定结果 ${verdict.no} 没有对应的指标`);
    return { verdict, indicator };
  }));
  const date = application.date ?? project.generatedAt;
  const { contact } = project;
  const noteParts = [contact.person ? `联系人：${contact.person}` : '', contact.phone ? `电话：${contact.phone}` : ''].filter(Boolean);
  return {
    sample: project.sample,
    district: project.district,
    programme: project.programme,
    title: `${project.district.government}关于申报${project.programme.batch}${project.programme.title}的请示`,
    issuerMark: application.issuerMark ?? `${project.district.government}文件`,
    docNo: application.docNo,
    signers: typeof application.signer === 'string' ? [application.signer] : application.signer,
    recipient: application.recipient ?? project.programme.recipient,
    basisText: project.programme.basis.join('和'),
    summary,
    attachments: [
      { no: 1, title: titles.report },
      { no: 2, title: titles.taskTable },
      { no: 3, title: annexVolumes > 1 ? `${titles.annex}（共${annexVolumes}册）` : titles.annex },
    ],
    government: project.district.government,
    dateText: chineseDate(date),
    /** 联系人：张明，电话：0537-…; '' when project.yaml's contact gives neither */
    note: noteParts.join('，'),
    copyTo: application.copyTo,
    printer: application.printer ?? project.district.government,
    printDateText: chineseDate(application.printDate ?? date),
  };
}

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
      date: project.generatedAt,
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
