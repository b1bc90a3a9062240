import path from 'node:path';
import { GENERATOR } from '../../common/index.ts';
import { hashOf } from '../../files/index.ts';
import type { Issue } from '../../model/index.ts';
import { ARTIFACT_NAMES, type ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { planned, type Source } from '../planning.ts';
import { requestContext, requestDate } from './context.ts';

/**
 * 申报文件.docx: the district government's 请示, when project.yaml has `application`. It is planned on what it
 * prints (its template's data), so a revision whose changes print nothing new in it carries the signed 请示
 * byte for byte; one whose content must change needs a new 发文字号 and 成文日期 (the round's `request`).
 */
export const REQUEST: ArtifactPlanner<Source<'request'>> = {
  kind: 'request',
  stage: 'report',
  plan(input) {
    const application = input.render.data.project.application;
    if (!application) return [];
    const volumes = input.annexVolumes.length;
    const round = input.revision?.answer?.feedback.round;
    return [planned({
      path: ARTIFACT_NAMES.request, role: 'request', indicators: [], source: { kind: 'request', volumes, ...(round !== undefined ? { round } : {}) },
      inputs: {
        generator: hashOf(GENERATOR), templates: input.templatesHash, printed: hashOf(requestContext(input.render, volumes)),
        docNo: hashOf(application.docNo), date: hashOf(requestDate(input.render)),
      },
    })];
  },
};

/**
 * A revision's 请示 whose printed content changed while its 发文字号 did not: a signed document
 * would change under its number. Located at the round's `request` (or project.yaml's application without a round).
 */
export function reissueProblems(
  inputs: Readonly<Record<string, string>>, previous: Readonly<Record<string, string>> | undefined, dir: string, round: number | undefined,
): Issue[] {
  if (!previous?.printed || previous.printed === inputs.printed) return [];
  const file = round !== undefined ? path.join(dir, 'feedback', `round-${round}.yaml`) : path.join(dir, 'project.yaml');
  const base = round !== undefined ? ['request'] : ['application'];
  const problems: Issue[] = [];
  const what = round !== undefined ? `第${round}轮答复文件的 request` : 'project.yaml 的 application';
  if (previous.docNo === inputs.docNo) {
    problems.push({
      code: 'request-reissue-needs-number', severity: 'error', file, path: [...base, 'docNo'],
      message: `本版${ARTIFACT_NAMES.request}（请示）的内容与上一版不同（指标达标情况或其他文字变了），但发文字号未变：已报送的请示不能在原文号下改动。请在${what}中写重新行文的发文字号 docNo 和成文日期 date`,
      hint: round !== undefined ? 'request: { docNo: 新发文字号, date: 新成文日期 }' : '写新的 docNo 和 date',
    });
  }
  return problems;
}

const render: Renderer<Source<'request'>> = async (source, ctx) => {
  const application = ctx.input.data.project.application!;
  const inputs = {
    printed: hashOf(requestContext(ctx.input, source.volumes)), docNo: hashOf(application.docNo), date: hashOf(requestDate(ctx.input)),
  };
  const problems = reissueProblems(inputs, ctx.previousFile?.inputs, ctx.input.data.dir, source.round);
  if (problems.length) return { sha256: '', size: 0, issues: problems };
  const { renderRequest } = await import('./index.ts');
  return writeRendered(ctx, await renderRequest(ctx.input, source.volumes));
};

export const REQUEST_KIND = artifactKind(REQUEST, render);
