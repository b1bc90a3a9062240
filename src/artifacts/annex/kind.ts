import { hashOf } from '../../files/index.ts';
import type { ManifestFile } from '../../model/index.ts';
import type { ArtifactPlanner, BuiltInSource, PlannedArtifact, WrittenFile } from '../artifact.ts';
import { artifactKind, type Renderer, type ReuseContext } from '../kind.ts';
import { commonInputs, evidenceMeta, planned, type Source } from '../planning.ts';
import type { KeptNumbers } from './page-book.ts';
import { annexSections, type AnnexVolumePlan } from './plan.ts';
import type { EarlierVolume } from './volume.ts';

/** 佐证材料汇编 in volumes: each volume's inputs are its own indicators, verdicts and evidence, and where it sits. */
export const ANNEX: ArtifactPlanner<Source<'annex-volume'>> = {
  kind: 'annex-volume',
  stage: 'annex',
  plan(input) {
    const { data, verdicts } = input.render;
    const c = commonInputs(input);
    return input.annexVolumes.map((volume) => {
      const inVolume = new Set(volume.indicators);
      return planned({
        path: input.annexFileName(volume), role: 'annex', indicators: [...volume.indicators], source: { kind: 'annex-volume', volume },
        inputs: {
          generator: c.generator, project: c.projectUndated, templates: input.templatesHash, volume: hashOf([volume.no, volume.total]),
          indicators: hashOf(data.indicators.filter((i) => inVolume.has(i.no))),
          verdicts: hashOf(verdicts.filter((v) => inVolume.has(v.no))),
          evidence: hashOf(data.evidence.filter((e) => e.indicators.some((n) => inVolume.has(n))).map((e) => evidenceMeta(e, input.evidenceHashes))),
        },
      });
    });
  },
};

const volumeOf = (source: Source<'annex-volume'>) => source.volume as AnnexVolumePlan;

/** The volumes produced before this one in this run, and whether each was rendered afresh. */
function volumesBefore(produced: readonly WrittenFile[]): { earlier: EarlierVolume[]; rendered: Set<number> } {
  const earlier: EarlierVolume[] = [];
  const rendered = new Set<number>();
  for (const w of produced) {
    const source = w.artifact.source as BuiltInSource;
    if (source.kind !== 'annex-volume') continue;
    earlier.push({ no: source.volume.no, lastPage: w.pages?.last ?? 0, indicators: (w.contents ?? []).map((c) => ({ no: c.indicator, evidence: c.evidence })) });
    if (!w.reused) rendered.add(source.volume.no);
  }
  return { earlier, rendered };
}

/**
 * A revision re-rendering a volume that starts where it did and holds the same indicators keeps the ranges
 * of page numbers its parts had (see numberPages): so the volumes after it keep theirs (and are reused when
 * their content did not change), and so do the unchanged indicators inside it.
 */
export function keptNumbers(old: ManifestFile | undefined, volume: AnnexVolumePlan, startPage: number): KeptNumbers | undefined {
  if (!old?.pages || !old.contents?.length || old.role !== 'annex' || old.pages.first !== startPage) return undefined;
  if ((old.indicators ?? []).join(',') !== volume.indicators.join(',')) return undefined;
  return {
    contents: { first: old.pages.first, last: old.contents[0]!.firstPage - 1 },
    sections: new Map(old.contents.map((c) => [c.indicator, { first: c.firstPage, last: c.lastPage }])),
  };
}

/**
 * The previous volume still fits when it starts on the same page, and none of its dividers refers to shared
 * evidence printed in an earlier volume that was re-rendered in this run (the page may have moved).
 */
function reusable(artifact: PlannedArtifact<Source<'annex-volume'>>, previous: ManifestFile, ctx: ReuseContext): boolean {
  if (previous.pages?.first !== ctx.startPage) return false;
  const volume = volumeOf(artifact.source);
  const { earlier, rendered } = volumesBefore(ctx.produced);
  const holder = (indicator: number) => earlier.find((v) => v.indicators.some((i) => i.no === indicator))?.no;
  return !annexSections(ctx.input)
    .filter((s) => volume.indicators.includes(s.indicator.no))
    .some((s) => s.entries.some((e) => e.kind === 'reference' && rendered.has(holder(e.placedUnder) ?? -1)));
}

const render: Renderer<Source<'annex-volume'>> = async (source, ctx) => {
  const { renderAnnexVolume } = await import('./volume.ts');
  const volume = volumeOf(source);
  const kept = keptNumbers(ctx.previousFile, volume, ctx.startPage);
  const result = await renderAnnexVolume(ctx.input, volume, {
    startPage: ctx.startPage, outFile: ctx.outFile, allowMissing: ctx.allowMissing, earlier: volumesBefore(ctx.produced).earlier,
    ...(kept ? { kept } : {}), ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.evidenceFingerprints ? { hashedAs: ctx.evidenceFingerprints } : {}),
  });
  // the last volume: what follows (the table, the zip) draws no PDF text, and memory counts there
  if (source.volume.no === source.volume.total) (await import('../../documents/pdf/index.ts')).forgetFontBytes();
  return {
    size: result.bytes,
    sha256: result.sha256,
    issues: result.issues,
    pages: {
      first: result.firstPage, last: result.lastPage, count: result.pages,
      ...(result.inserted ? { inserted: result.inserted } : {}),
      ...(result.lastPrinted !== `${result.lastPage}` ? { lastPrinted: result.lastPrinted } : {}),
    },
    contents: result.indicators.map((i) => ({ indicator: i.no, firstPage: i.firstPage, lastPage: i.lastPage, evidence: i.evidence.map((e) => ({ ...e })) })),
  };
};

export const ANNEX_KIND = artifactKind(ANNEX, render, { reusable });
