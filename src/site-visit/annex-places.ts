import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import {
  annexSections, DEFAULT_MAX_VOLUME_MB, planAnnexVolumes, readManifest, titlesOf,
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
  /** page numbers of the annex, from a built bundle's manifest */
  readonly annex?: { readonly first: number; readonly last: number };
}

export interface AnnexPlaces {
  /** 'manifest' when the page numbers come from a built bundle (its folder named), else 'plan' */
  readonly source: 'manifest' | 'plan';
  readonly manifestPath?: string;
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

/** The newest bundle of this project in `outDir` (folder `<bundle title>-rN` with a manifest.json), if any. */
async function findManifest(outDir: string, input: Pick<RenderInput, 'data'>): Promise<{ manifest: Manifest; file: string } | undefined> {
  const base = titlesOf(input.data.project).bundle;
  const entries = await readdir(outDir).catch(() => [] as string[]);
  const candidates = entries
    .map((name) => ({ name, rev: new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-r(\\d+)$`).exec(name)?.[1] }))
    .filter((c) => c.rev !== undefined)
    .sort((a, b) => Number(b.rev) - Number(a.rev));
  for (const c of candidates) {
    const dir = path.join(outDir, c.name);
    try {
      const manifest = await readManifest(dir);
      if (manifest.project.code === input.data.project.district.code) return { manifest, file: path.join(dir, 'manifest.json') };
    } catch {
      // not a readable bundle: try the next
    }
  }
  return undefined;
}

export async function annexPlaces(input: Pick<RenderInput, 'data' | 'verdicts'>, sites: readonly Site[], outDir: string): Promise<AnnexPlaces> {
  const sections = annexSections(input);
  const found = await findManifest(outDir, input);
  // from the manifest: per (indicator, evidence id) the annex pages and the volume
  const fromManifest = new Map<string, { volume: number; first: number; last: number }>();
  let volumesInManifest = 0;
  if (found) {
    const annexFiles = found.manifest.files.filter((f) => f.role === 'annex').sort((a, b) => (a.pages?.first ?? 0) - (b.pages?.first ?? 0));
    volumesInManifest = annexFiles.length;
    annexFiles.forEach((f, v) => {
      for (const section of f.contents ?? []) {
        for (const e of section.evidence) {
          const first = e.firstPage;
          fromManifest.set(`${section.indicator}/${e.id}`, { volume: v + 1, first, last: first + e.pages - 1 });
        }
      }
    });
  }
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
        const m = fromManifest.get(key);
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
  return found ? { source: 'manifest', manifestPath: found.file, bySite } : { source: 'plan', bySite };
}

const span = (r: { first: number; last: number }) => (r.first === r.last ? `${r.first}` : `${r.first}—${r.last}`);

/** 第1册 指标12 第3—4页（汇编第84—85页） */
export function placeText(p: EvidencePlace): string {
  const volume = p.volumes > 1 ? `第${p.volume}册 ` : '';
  const rel = p.rel ? `指标${p.indicator} 第${span(p.rel)}页` : `指标${p.indicator}部分`;
  return `${volume}${rel}${p.annex ? `（汇编第${span(p.annex)}页）` : ''}`;
}
