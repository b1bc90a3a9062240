import path from 'node:path';
import { hashOf } from '../../files/index.ts';
import { ARTIFACT_NAMES, type ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type BeginContext, type Renderer } from '../kind.ts';
import type { RenderInput } from '../render-input.ts';
import type { BegunReport } from './render.ts';
import { commonInputs, planned, type Source } from '../planning.ts';

/** 申报报告.docx: the report, made from every indicator, result, verdict, evidence item and narrative part. */
export const REPORT: ArtifactPlanner<Source<'report'>> = {
  kind: 'report',
  stage: 'report',
  plan(input) {
    const c = commonInputs(input);
    return [planned({
      path: ARTIFACT_NAMES.report, role: 'report', indicators: c.all, source: { kind: 'report' },
      inputs: {
        generator: c.generator, project: c.project, catalog: c.catalog, results: hashOf(input.render.data.results), verdicts: c.verdicts,
        evidence: c.evidence, templates: input.templatesHash, revision: hashOf(input.render.revision),
        narrative: hashOf(Object.entries(input.render.data.narrative ?? {}).map(([part, p]) => [part, p.text]).sort()),
      },
    })];
  },
};

const options = (ctx: BeginContext) => (ctx.cacheDir ? { chartCache: path.join(ctx.cacheDir, 'charts') } : {});

/** Reports begun in this run (their figures drawing), by the input they were begun with. */
const begun = new WeakMap<RenderInput, BegunReport>();

const begin = async (ctx: BeginContext) => {
  const { beginReport } = await import('./index.ts');
  const report = await beginReport(ctx.input, options(ctx));
  begun.set(ctx.input, report);
};

const render: Renderer<Source<'report'>> = async (_source, ctx) => {
  const report = begun.get(ctx.input);
  begun.delete(ctx.input);
  const { renderReport } = await import('./index.ts');
  return writeRendered(ctx, await (report ? report.write() : renderReport(ctx.input, options(ctx))));
};

export const REPORT_KIND = artifactKind(REPORT, render, { begin });
