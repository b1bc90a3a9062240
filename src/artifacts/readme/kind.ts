import { hashOf } from '../../files/index.ts';
import { ARTIFACT_NAMES, type ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { planned, type Source } from '../planning.ts';
import { readmeText } from './text.ts';

/** 说明.txt: what the bundle holds, for whoever opens it first. */
export const README: ArtifactPlanner<Source<'readme'>> = {
  kind: 'readme',
  stage: 'readme',
  plan(input, before) {
    const text = readmeText(input.render, before);
    return [planned({ path: ARTIFACT_NAMES.readme, role: 'readme', indicators: [], source: { kind: 'readme', text }, inputs: { text: hashOf(text) } })];
  },
};

const render: Renderer<Source<'readme'>> = async (source, ctx) => writeRendered(ctx, Buffer.from(source.text, 'utf8'));

export const README_KIND = artifactKind(README, render);
