import path from 'node:path';
import { hashOf } from '../../files/index.ts';
import { ARTIFACT_NAMES, type ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
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

const render: Renderer<Source<'report'>> = async (_source, ctx) => {
  const { renderReport } = await import('./index.ts');
  return writeRendered(ctx, await renderReport(ctx.input, ctx.cacheDir ? { chartCache: path.join(ctx.cacheDir, 'charts') } : {}));
};

export const REPORT_KIND = artifactKind(REPORT, render);
