import { hashOf } from '../../files/index.ts';
import { CHANGES_FILE } from '../../model/index.ts';
import type { ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { planned, type Source } from '../planning.ts';
import { compareFiles } from './compare.ts';

/** changes.json in a revision: what happened to every path since the previous one (its renderer compares). */
export const CHANGES: ArtifactPlanner<Source<'changes'>> = {
  kind: 'changes',
  stage: 'revision',
  plan(input) {
    if (!input.revision) return [];
    const previousFiles = input.revision.base.manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 }));
    return [planned({ path: CHANGES_FILE, role: 'changes', indicators: [], source: { kind: 'changes', previousFiles }, inputs: { previous: hashOf(previousFiles) } })];
  },
};

const render: Renderer<Source<'changes'>> = async (source, ctx) => {
  const list = compareFiles(source.previousFiles, ctx.produced.map((w) => ({ path: w.artifact.path, sha256: w.sha256 })));
  const text = `${JSON.stringify(list, null, 2)}\n`;
  return writeRendered(ctx, Buffer.from(text, 'utf8'), { inputs: { text: hashOf(text) } });
};

export const CHANGES_KIND = artifactKind(CHANGES, render);
