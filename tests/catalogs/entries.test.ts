import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/judge/index.ts';
import { readCatalogue } from '../../src/load/index.ts';
import { catalogueEntries, type CatalogueFile } from '../../src/model/index.ts';

/**
 * Every entry of every shipped catalogue, checked one by one: each target the judge will read parses, and the
 * better-direction is the one what the entry measures implies (derived here from the name, independently of
 * the catalogue's own `better`).
 */
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../catalogs');
const ids = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
const catalogues: CatalogueFile[] = [];
for (const id of ids) catalogues.push((await readCatalogue(id)).catalogue!);

/** 提高幅度/下降幅度 rows are defined by a level: the quantity each year is that level. */
function quantityOf(name: string, yearValue: string | undefined): string {
  return yearValue === 'change' ? name : name.replace(/(提高|下降)幅度$/, '');
}

/** Lower is better for shares of bad water classes, consumption, intensity, emissions, concentrations, use per mu. */
function derivedBetter(quantity: string, yearValue: string | undefined): 'higher' | 'lower' {
  if (yearValue === 'change') return /上升|增长|增加/.test(quantity) ? 'lower' : 'higher';
  return /劣\s*[VⅤ]类|[VⅤ]类水|能耗|用水量|消耗|强度|排放|浓度|施用量|化肥农药减量化/.test(quantity) ? 'lower' : 'higher';
}

describe.each(catalogues.map((c) => [c.id, c] as const))('catalogue %s', (_id, catalogue) => {
  const rows = catalogueEntries(catalogue).flatMap(({ indicator: e }) => [
    { no: `${e.catalogueNo}`, name: e.name, unit: e.unit, target: e.target, better: e.better, yearValue: e.yearValue, applies: e.applies, own: e.subIndicators.length === 0 || e.subIndicators.some((s) => s.target === undefined) },
    ...e.subIndicators.map((s) => ({
      no: `${e.catalogueNo}.${s.no}`, name: s.name, unit: s.unit ?? e.unit, target: s.target ?? e.target, better: s.better ?? e.better,
      yearValue: s.yearValue ?? e.yearValue, applies: s.applies, own: true,
    })),
  ]);

  it('every target the judge reads parses (city-only entries by city size excepted)', () => {
    const refused = rows
      .filter((r) => r.own && !(r.applies === 'city' && /城市/.test(r.target)))
      .map((r) => ({ no: r.no, target: r.target, parse: parseTarget(r.target, r.unit) }))
      .filter((r) => !r.parse.ok)
      .map((r) => `${r.no} ${r.target}`);
    expect(refused).toEqual([]);
  });

  it('the better-direction of every entry follows from what it measures', () => {
    const wrong = rows
      .filter((r) => (r.better ?? 'higher') !== derivedBetter(quantityOf(r.name, r.yearValue), r.yearValue))
      .map((r) => `${r.no} ${r.name}: ${r.better ?? 'higher'}`);
    expect(wrong).toEqual([]);
  });
});

describe('the derivation itself', () => {
  it.each([
    ['地下水国控点位V类水比例', undefined, 'lower'],
    ['劣Ⅴ类水体比例下降幅度', undefined, 'lower'],
    ['PM2.5浓度下降幅度', undefined, 'lower'],
    ['水质达到或优于Ⅲ类比例提高幅度', undefined, 'higher'],
    ['单位地区生产总值能耗', undefined, 'lower'],
    ['碳排放强度', undefined, 'lower'],
    ['单位国内生产总值建设用地使用面积下降率', 'change', 'higher'],
    ['林草覆盖率', undefined, 'higher'],
  ] as const)('%s → %s', (name, yearValue, better) => {
    expect(derivedBetter(quantityOf(name, yearValue), yearValue)).toBe(better);
  });
});
