import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import {
  annexPageText, annexSections, DEFAULT_MAX_VOLUME_MB, placesInAnnex, planAnnexVolumes,
  type Manifest, type RenderInput, type Site,
} from './shared.ts';

/**
 * Where a site's evidence sits in the annex (佐证材料汇编), so the 现场组 can point a reviewer to the page.
 *
 * Always known, from the annex planning functions (artifacts/annex: annexSections, planAnnexVolumes with the
 * default 100 MB volumes): the volume, and the page within the indicator's section as every evidence page
 * is stamped (指标12 第3页: the section's first evidence page is 第1页; a PDF takes its page count, a photo
 * one page). When a bundle built earlier is found in the output folder (its manifest.json), the page
 * numbers of the whole annex (汇编第N页) are read from its `contents` too, and its volumes are used.
 */
export interface EvidencePlace {
  readonly id: string;
  readonly title: string;
  /** the indicator section it is printed under */
  readonly indicator: number;
  readonly volume: number;
  readonly volumes: number;
  /** pages within the indicator's section (undefined where a PDF could not be counted) */
  readonly rel?: { readonly first: number; readonly last: number };
  /** the labels printed on its annex pages, from the presented bundle's manifest (15-1: an inserted page) */
  readonly annex?: { readonly first: string; readonly last: string };
}

export interface AnnexPlaces {
  /** 'manifest' when the page numbers come from the presented bundle, else 'plan' */
  readonly source: 'manifest' | 'plan';
  readonly bySite: ReadonlyMap<string, readonly EvidencePlace[]>;
}

/** Pages an evidence file takes in the annex: a PDF its own count, a photo one; undefined if unreadable. */
export async function pageCount(file: string, type: string): Promise<number | undefined> {
  if (type !== 'pdf') return 1;
  try {
    return (await PDFDocument.load(await readFile(file), { updateMetadata: false })).getPageCount();
  } catch {
    return undefined;
  }
}

/**
 * `manifest`: the bundle presented, whose annex layout gives the labels printed on the pages (15-1 for an
 * inserted page), the same the annex, 材料清单 and the response documents cite.
 */
export async function annexPlaces(input: Pick<RenderInput, 'data' | 'verdicts'>, sites: readonly Site[], manifest: Manifest | undefined): Promise<AnnexPlaces> {
  const sections = annexSections(input);
  const annexFiles = (manifest?.files ?? []).filter((f) => f.role === 'annex').sort((a, b) => (a.pages?.first ?? 0) - (b.pages?.first ?? 0));
  const fromManifest = placesInAnnex(annexFiles);
  const volumesInManifest = annexFiles.length;
  const plan = planAnnexVolumes(input, DEFAULT_MAX_VOLUME_MB);
  const volumeOf = new Map<number, number>();
  for (const v of plan.volumes) for (const no of v.indicators) volumeOf.set(no, v.no);
  const totalVolumes = plan.volumes.length;

  const needed = new Set(sites.flatMap((s) => s.evidence));
  const rels = new Map<string, { first: number; last: number } | undefined>();
  for (const section of sections) {
    if (!section.entries.some((e) => needed.has(e.evidence.id))) continue;
    let next: number | undefined = 1;
    for (const entry of section.entries) {
      if (entry.kind !== 'placed') continue;
      const pages: number | undefined = next === undefined ? undefined : await pageCount(entry.evidence.absPath, entry.evidence.type);
      const key = `${section.indicator.no}/${entry.evidence.id}`;
      rels.set(key, next !== undefined && pages !== undefined ? { first: next, last: next + pages - 1 } : undefined);
      next = next !== undefined && pages !== undefined ? next + pages : undefined;
    }
  }
  const evidenceById = new Map(input.data.evidence.map((e) => [e.id, e]));
  const bySite = new Map<string, EvidencePlace[]>();
  for (const site of sites) {
    bySite.set(
      site.id,
      site.evidence.flatMap((id): EvidencePlace[] => {
        const item = evidenceById.get(id);
        if (!item) return [];
        // printed under each indicator it serves; the card names the first of the site's own
        const indicator = input.data.indicators.find((i) => item.indicators.includes(i.no) && site.indicators.includes(i.no))?.no ?? item.indicators[0]!;
        const key = `${indicator}/${id}`;
        const m = fromManifest.get(`${indicator}:${id}`);
        const rel = rels.get(key);
        return [{
          id, title: item.title, indicator,
          volume: m?.volume ?? volumeOf.get(indicator) ?? 1,
          volumes: m ? volumesInManifest : totalVolumes,
          ...(rel ? { rel } : {}),
          ...(m ? { annex: { first: m.first, last: m.last } } : {}),
        }];
      }),
    );
  }
  return manifest ? { source: 'manifest', bySite } : { source: 'plan', bySite };
}

const span = (r: { first: number; last: number }) => (r.first === r.last ? `${r.first}` : `${r.first}—${r.last}`);

/** 第1册 指标12 第3—4页（汇编第84—85页; 汇编第15-1页 for an inserted page, as the annex prints it） */
export function placeText(p: EvidencePlace): string {
  const volume = p.volumes > 1 ? `第${p.volume}册 ` : '';
  const rel = p.rel ? `指标${p.indicator} 第${span(p.rel)}页` : `指标${p.indicator}部分`;
  return `${volume}${rel}${p.annex ? `（汇编${annexPageText({ volume: p.volume, volumes: 1, ...p.annex })}）` : ''}`;
}
