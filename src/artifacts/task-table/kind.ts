import { hashOf } from '../../files/index.ts';
import { ARTIFACT_NAMES, type ArtifactPlanner, type BuiltInSource, type WrittenFile } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { commonInputs, planned, type Source } from '../planning.ts';
import type { EvidenceLocations } from './summary-sheets.ts';
import { evidenceRange, type AnnexPlace } from '../annex/index.ts';

/** 指标任务分解表.xlsx (附件1) with its status columns and the 材料清单 of where each item is. */
export const TASK_TABLE: ArtifactPlanner<Source<'task-table'>> = {
  kind: 'task-table',
  stage: 'table',
  plan(input) {
    const c = commonInputs(input);
    return [planned({
      path: ARTIFACT_NAMES.taskTable, role: 'task-table', indicators: c.all, source: { kind: 'task-table' },
      // 材料清单 cites the annex pages and the originals' paths: the volumes' split is an input too
      inputs: { generator: c.generator, project: c.project, catalog: c.catalog, verdicts: c.verdicts, evidence: c.evidence, volumes: hashOf(input.annexVolumes) },
    })];
  },
};

/** Where the files produced before put each evidence item: the originals' paths and the annex pages. */
export function evidenceLocations(produced: readonly WrittenFile[]): EvidenceLocations {
  const paths = new Map<string, string>();
  const pages = new Map<string, AnnexPlace>();
  for (const w of produced) {
    const source = w.artifact.source as BuiltInSource;
    if (source.kind === 'evidence') paths.set(source.evidenceId, w.artifact.path);
    if (source.kind !== 'annex-volume') continue;
    // the labels printed on the pages, as the volume was laid out (an inserted page is 15-1)
    for (const section of w.contents ?? []) {
      for (const e of section.evidence) {
        pages.set(`${section.indicator}:${e.id}`, { volume: source.volume.no, volumes: source.volume.total, ...evidenceRange(e) });
      }
    }
  }
  return { paths, pages };
}

/** 材料清单 in the bundle says where each item is: the originals' paths and the annex pages, made before it. */
const render: Renderer<Source<'task-table'>> = async (_source, ctx) => {
  const { renderTaskTable } = await import('./index.ts');
  return writeRendered(ctx, await renderTaskTable(ctx.input, { withStatus: true, locations: evidenceLocations(ctx.produced) }));
};

export const TASK_TABLE_KIND = artifactKind(TASK_TABLE, render);
