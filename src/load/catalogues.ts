import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueFile, catalogueEntries, type EligibilityRule } from '../model/index.ts';
import type { Issue } from '../model/index.ts';
import { readSchemaFile } from './schema-file.ts';

/** The catalogues shipped with eco-dossier: catalogs/<id>.yaml at the package root. */
export const CATALOGUE_DIR = fileURLToPath(new URL('../../catalogs/', import.meta.url));

/** What a project without `catalog:` in project.yaml was made from: the seed district's 2021 county list. */
export const DEFAULT_CATALOGUE = '2021-county';

export interface CatalogueRead {
  readonly catalogue?: CatalogueFile;
  readonly issues: readonly Issue[];
}

/** The ids of the shipped catalogues, sorted. */
export async function catalogueIds(dir = CATALOGUE_DIR): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.yaml')).map((n) => n.slice(0, -5)).sort();
}

/** Reads and validates one catalogue; a file whose id differs from its name is refused. */
export async function readCatalogue(id: string, dir = CATALOGUE_DIR): Promise<CatalogueRead> {
  const issues: Issue[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !(await catalogueIds(dir)).includes(id)) {
    return { issues: [{ code: 'catalog-unknown', severity: 'error', file: `catalogs/${id}.yaml`, path: [], message: `没有编号为“${id}”的指标目录；可用：${(await catalogueIds(dir)).join('、')}` }] };
  }
  const read = await readSchemaFile(path.join(dir, `${id}.yaml`), CatalogueFile, true, issues);
  if (!read.value) return { issues };
  if (read.value.id !== id) {
    issues.push({ code: 'catalog-unknown', severity: 'error', path: ['id'], ...read.source!.locate(['id']), message: `目录文件 ${id}.yaml 中的 id 是“${read.value.id}”，应与文件名一致` });
    return { issues };
  }
  return { catalogue: read.value, issues };
}

export interface CatalogueSummary {
  readonly id: string;
  readonly title: string;
  readonly docNo: string;
  readonly level: string;
  readonly issuer: string;
  /** entries in the file (a county file may hold city-only entries marked as such) */
  readonly indicators: number;
  /** entries a county applies somewhere: all but the city-only ones */
  readonly countyIndicators: number;
  readonly unconfirmed: number;
  readonly eligibility: EligibilityRule;
  readonly source: CatalogueFile['source'];
}

/** Every shipped catalogue, summarised, with the problems of any that does not validate. */
export async function listCatalogues(dir = CATALOGUE_DIR): Promise<{ catalogues: CatalogueSummary[]; issues: Issue[] }> {
  const catalogues: CatalogueSummary[] = [];
  const issues: Issue[] = [];
  for (const id of await catalogueIds(dir)) {
    const read = await readCatalogue(id, dir);
    issues.push(...read.issues);
    const c = read.catalogue;
    if (!c) continue;
    const entries = catalogueEntries(c);
    catalogues.push({
      id: c.id, title: c.title, docNo: c.docNo, level: c.level, issuer: c.issuer,
      indicators: entries.length,
      countyIndicators: entries.filter((e) => e.indicator.applies !== 'city').length,
      unconfirmed: entries.filter((e) => e.indicator.unconfirmed.length > 0).length,
      eligibility: c.eligibility, source: c.source,
    });
  }
  return { catalogues, issues };
}
