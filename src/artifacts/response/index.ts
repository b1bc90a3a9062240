import path from 'node:path';
import { hashOf, sha256 } from '../../files/index.ts';
import type { Issue } from '../../model/index.ts';
import { ARTIFACT_NAMES } from '../artifact.ts';
import { officialDocument, type TableSpec } from '../../documents/docx/index.ts';
import { renderTemplate, templateSet } from '../../documents/templates/index.ts';
import { unbackedClaims } from './claims.ts';
import { responseContext, type ResponseContext, type ResponseInput } from './context.ts';

export { responseContext, evidencePlaces, type ResponseInput, type ResponseContext } from './context.ts';
export { docxText, printedParagraphs } from './claims.ts';

/** The response document's template, looked up in the project's `templates:` folder first. */
export const RESPONSE_TEMPLATE = 'response/response.md.hbs';

/** 现场核查: one row per problem: 问题, 整改措施, 完成情况, 佐证材料 (the file in the bundle, and its annex pages). */
export function rectificationTable(context: ResponseContext): TableSpec {
  return {
    columns: [
      { title: '序号', width: 7 },
      { title: '问题', width: 24, align: 'left' },
      { title: '整改措施', width: 26, align: 'left' },
      { title: '完成情况', width: 17, align: 'left' },
      { title: '佐证材料', width: 26, align: 'left' },
    ],
    rows: context.items.map((item) => ({
      cells: [
        { lines: [String(item.no)] },
        { lines: [`${item.subject === '综合意见' ? '' : `${item.subject}：`}${item.comment}`] },
        { lines: [item.answered ? item.response : '正在核实'] },
        { lines: [item.status, ...item.changes.values, ...item.changes.report.map((r) => `${r}。`), ...(item.noChange ? [`未修改申报材料：${item.noChange}`] : [])] },
        {
          lines: item.changes.evidence.length
            ? item.changes.evidence.flatMap((e) => [e.file, `${e.annex.replace(/^(\S+) /, '$1\u3000')}`])
            : ['无新增材料'],
        },
      ],
    })),
  };
}

/**
 * The document's bytes, the inputs it was made from (what it cites included), and an error for every
 * change it would claim that the revision does not contain. `outFile`: where it goes in the bundle
 * folder (the report it checks against sits beside it).
 */
export async function renderResponse(input: ResponseInput, outFile: string, responsePath: string): Promise<{ bytes: Buffer; inputs: Record<string, string>; issues: Issue[] }> {
  const { project, dir } = input.render.data;
  const context = responseContext(input);
  const bundleDir = outFile.slice(0, outFile.length - path.join(...responsePath.split('/')).length);
  const issues = await unbackedClaims(input, context, path.join(bundleDir, ARTIFACT_NAMES.report));
  const templates = templateSet(dir, project.templates);
  const markdown = renderTemplate(templates, RESPONSE_TEMPLATE, context);
  const bytes = await officialDocument({
    markdown,
    tables: { rectification: rectificationTable(context) },
    title: context.title,
    date: project.generatedAt,
    ...(project.sample ? { headerText: '示例数据　仅用于演示，非官方材料' } : {}),
  });
  return { bytes, inputs: { context: hashOf(context), template: sha256(markdown) }, issues };
}
