import { InternalError } from '../model/index.ts';
import type { BuiltInSource, PlannedArtifact, WrittenFile } from '../artifacts/index.ts';
import { annexSections, type AnnexVolumePlan } from '../artifacts/annex/index.ts';
import type { KeptNumbers } from '../artifacts/annex/index.ts';
import type { ProduceContext } from './context.ts';

/**
 * What a revision may keep of an annex volume: whether a volume that refers into another must be
 * re-rendered with it, where each produced volume put its evidence, and the page numbers a re-rendered
 * volume keeps.
 */

function volumeOf(artifact: PlannedArtifact): AnnexVolumePlan {
  if (artifact.source.kind !== 'annex-volume') throw new InternalError(`${artifact.path} 不是佐证材料汇编的一册`);
  return (artifact.source as Extract<BuiltInSource, { kind: 'annex-volume' }>).volume as AnnexVolumePlan;
}

/**
 * A volume whose dividers refer to shared evidence printed in an earlier volume (items over the shared-evidence
 * limit are printed once) names that volume's page: when that volume was re-rendered in this run, the page
 * may have moved, so this volume is re-rendered too.
 */
export function refersToRerendered(ctx: ProduceContext, artifact: PlannedArtifact): boolean {
  const volume = volumeOf(artifact);
  const holder = (indicator: number) => ctx.annex.earlier.find((v) => v.indicators.some((i) => i.no === indicator))?.no;
  return annexSections(ctx.render)
    .filter((s) => volume.indicators.includes(s.indicator.no))
    .some((s) => s.entries.some((e) => e.kind === 'reference' && ctx.annex.rendered.has(holder(e.placedUnder) ?? -1)));
}

/** Records where a volume put its evidence, for the references of the volumes after it. */
export function noteVolume(ctx: ProduceContext, artifact: PlannedArtifact, written: WrittenFile, rendered: boolean): void {
  const volume = volumeOf(artifact);
  ctx.annex.earlier.push({
    no: volume.no,
    lastPage: written.pages?.last ?? 0,
    indicators: (written.contents ?? []).map((c) => ({ no: c.indicator, evidence: c.evidence })),
  });
  if (rendered) ctx.annex.rendered.add(volume.no);
}

/**
 * A revision re-rendering an annex volume that starts where it did and holds the same indicators keeps the
 * ranges of page numbers its parts had (see numberPages): so the volumes after it keep theirs (and are
 * reused when their content did not change), and so do the unchanged indicators inside it.
 */
export function keptNumbers(ctx: ProduceContext, artifact: PlannedArtifact, startPage: number): KeptNumbers | undefined {
  const volume = volumeOf(artifact);
  const old = ctx.previous?.files.get(artifact.path);
  if (!old?.pages || !old.contents?.length || old.role !== 'annex' || old.pages.first !== startPage) return undefined;
  if ((old.indicators ?? []).join(',') !== volume.indicators.join(',')) return undefined;
  return {
    contents: { first: old.pages.first, last: old.contents[0]!.firstPage - 1 },
    sections: new Map(old.contents.map((c) => [c.indicator, { first: c.firstPage, last: c.lastPage }])),
  };
}

