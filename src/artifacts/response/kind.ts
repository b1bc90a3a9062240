import { hashOf } from '../../files/index.ts';
import { InternalError } from '../../model/index.ts';
import { responseFileOf, type ArtifactPlanner, type PlannedArtifact } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { planned, type Source } from '../planning.ts';

/**
 * The response documents of a revision: 补充材料说明.docx (or, for a 现场核查 round, 整改情况说明.docx)
 * answering the round this revision answers; and the previous revision's response documents at other
 * paths carried over unchanged (same inputs, so they are reused byte for byte): the answers to earlier
 * rounds stay in the bundle. A new answer's final inputs come from its renderer (it cites annex pages).
 */
export const RESPONSE: ArtifactPlanner<Source<'response'>> = {
  kind: 'response',
  stage: 'revision',
  plan(input) {
    const revision = input.revision;
    if (!revision) return [];
    const { base, answer } = revision;
    const fresh = answer ? responseFileOf(answer.feedback.stage) : undefined;
    const kept = base.manifest.files
      .filter((f) => f.role === 'response' && f.path !== fresh)
      .map((old): PlannedArtifact<Source<'response'>> => ({
        path: old.path, role: 'response', indicators: [...(old.indicators ?? [])], source: { kind: 'response', path: old.path, previous: base },
        inputs: { ...old.inputs }, inputHash: old.inputHash,
      }));
    if (!answer || !fresh) return kept;
    const indicators = [...new Set(answer.feedback.items.flatMap((i) => (i.indicator === 'general' ? [] : [i.indicator])))];
    const made = planned({ path: fresh, role: 'response', indicators, source: { kind: 'response', path: fresh, answer, previous: base }, inputs: { answer: hashOf(answer) } });
    return [...kept, made].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
};

const render: Renderer<Source<'response'>> = async (source, ctx) => {
  // without a new round the previous document is carried over: planned with its inputs, it is always reused
  if (!source.answer) throw new InternalError('上一版的补充材料说明应沿用原文件，却要求重新生成');
  const { renderResponse } = await import('./index.ts');
  const { bytes, inputs, issues } = await renderResponse(
    { render: ctx.input, written: ctx.produced, answer: source.answer, previous: source.previous.manifest }, ctx.outFile, source.path,
  );
  return writeRendered(ctx, bytes, { inputs, issues });
};

export const RESPONSE_KIND = artifactKind(RESPONSE, render);
