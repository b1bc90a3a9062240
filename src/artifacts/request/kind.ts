import { hashOf } from '../../files/index.ts';
import { ARTIFACT_NAMES, type ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { commonInputs, planned, type Source } from '../planning.ts';
import { requestContext } from './index.ts';

/**
 * 申报文件.docx: the district government's 请示, when project.yaml has `application`. Planned on what it prints
 * (its template's data, in which the verdicts are counts), so a changed value that moves no count reuses it.
 */
export const REQUEST: ArtifactPlanner<Source<'request'>> = {
  kind: 'request',
  stage: 'report',
  plan(input) {
    if (!input.render.data.project.application) return [];
    const c = commonInputs(input);
    const volumes = input.annexVolumes.length;
    return [planned({
      path: ARTIFACT_NAMES.request, role: 'request', indicators: [], source: { kind: 'request', volumes },
      inputs: { generator: c.generator, project: c.project, catalog: c.catalog, printed: hashOf(requestContext(input.render, volumes)), templates: input.templatesHash, volumes: hashOf(volumes) },
    })];
  },
};

const render: Renderer<Source<'request'>> = async (source, ctx) => {
  const { renderRequest } = await import('./index.ts');
  return writeRendered(ctx, await renderRequest(ctx.input, source.volumes));
};

export const REQUEST_KIND = artifactKind(REQUEST, render);
