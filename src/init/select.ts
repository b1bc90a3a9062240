import type { Catalog, Indicator, SubIndicator } from '../model/index.ts';
import { catalogueEntries, type Applies, type CatalogueFile, type CatalogueIndicator } from '../model/index.ts';

/**
 * Which catalogue entries a district applies: by coastal position, terrain and level, minus the ones it leaves
 * out for reasons of its own (`--exclude`, by catalogue number). Pure.
 */
export interface Selection {
  readonly coastal: boolean;
  /** one of TERRAIN_CLASSES, or undefined: every terrain line is kept and the office deletes the others */
  readonly terrain?: string;
  /** catalogue numbers the district marks 不涉及, with the reason where given */
  readonly exclude: readonly { readonly no: number; readonly sub?: number; readonly reason?: string }[];
}

/** What init writes as the reason of an indicator excluded without one: validate warns until it is replaced. */
export const REASON_PLACEHOLDER = '待填写：不涉及的原因';

export interface LeftOut {
  readonly catalogueNo: number;
  readonly name: string;
  /** why: 沿海地区适用 / 仅适用于市级 / 按 --exclude 排除 … */
  readonly why: string;
}

export interface Selected {
  readonly catalog: Catalog;
  readonly leftOut: readonly LeftOut[];
  /** indicators that apply only where relevant (`*`): kept, the office confirms or excludes them */
  readonly relevant: readonly number[];
  /** indicators marked 不涉及 by --exclude (kept in indicators.yaml with notApplicable), by the district's number */
  readonly notApplicable: readonly { readonly no: number; readonly catalogueNo: number; readonly name: string; readonly attribute: string; readonly reason: string }[];
}

export { terrainClass } from '../model/index.ts';

function appliesHere(applies: Applies, sel: Selection): { ok: boolean; why: string } {
  if (applies === 'all' || applies === 'relevant') return { ok: true, why: '' };
  if (applies === 'coastal') return { ok: sel.coastal, why: '仅沿海地区适用（未指定 --coastal）' };
  if (applies === 'city') return { ok: false, why: '仅适用于市级（设区市），县级不适用' };
  if (!sel.terrain) return { ok: true, why: '' };
  return { ok: applies.terrain.includes(sel.terrain), why: `仅适用于${applies.terrain.join('、')}` };
}

function toIndicator(entry: CatalogueIndicator, no: number, sel: Selection): Indicator {
  const kept = entry.subIndicators.filter((s) => appliesHere(s.applies, sel).ok);
  const subs: SubIndicator[] = kept.map((s, k) => ({
    no: k + 1,
    name: s.name,
    ...(s.unit ? { unit: s.unit } : {}),
    ...(s.target ? { target: s.target } : {}),
    ...(s.better ? { better: s.better } : {}),
    ...(s.measure ? { measure: s.measure } : {}),
    ...(s.when ? { when: s.when } : {}),
    ...(s.yearValue ? { yearValue: s.yearValue } : {}),
    ...(s.valueUnit ? { valueUnit: s.valueUnit } : {}),
    // a terrain or coastal line keeps its mark: project.yaml's district selects the line judged
    ...(typeof s.applies === 'object' || s.applies === 'coastal' ? { applies: s.applies } : {}),
  }));
  // a cell that lists one value per line (林草覆盖率 by terrain) shows only the lines that apply
  const narrowed = kept.length < entry.subIndicators.length && kept.length > 0 && kept.every((s) => s.target);
  const relevantSubs = kept.filter((s) => s.applies === 'relevant').map((s) => s.name);
  const notes = [
    entry.applies === 'relevant' ? '带*指标：仅在涉及的地区考核；本地不涉及的，用 --exclude 排除或删除并写明原因' : '',
    relevantSubs.length ? `带*分项（${relevantSubs.join('、')}）：仅在涉及的地区考核` : '',
  ].filter(Boolean);
  return {
    no,
    catalogueNo: entry.catalogueNo,
    name: entry.name,
    unit: entry.unit,
    target: narrowed ? kept.map((s) => s.target).join('；') : entry.target,
    attribute: entry.attribute,
    units: [],
    notes: notes.join('；'),
    ...(entry.better ? { better: entry.better } : {}),
    ...(entry.measure ? { measure: entry.measure } : {}),
    ...(entry.yearValue ? { yearValue: entry.yearValue } : {}),
    ...(entry.valueUnit ? { valueUnit: entry.valueUnit } : {}),
    subIndicators: subs,
  };
}

export class SelectionError extends Error {}

/** The district's indicators.yaml content, numbered 1…N in catalogue order. Throws SelectionError on a bad --exclude. */
export function selectIndicators(catalogue: CatalogueFile, sel: Selection): Selected {
  const entries = catalogueEntries(catalogue);
  const known = new Map(entries.map((e) => [e.indicator.catalogueNo, e.indicator]));
  for (const { no, sub } of sel.exclude) {
    const entry = known.get(no);
    if (entry && sub !== undefined && !entry.subIndicators.some((s, k) => k + 1 === sub)) {
      throw new SelectionError(`--exclude 中的第 ${no} 项“${entry.name}”没有第 ${sub} 个分项（共 ${entry.subIndicators.length} 个）`);
    }
    if (!entry) throw new SelectionError(`--exclude 中的第 ${no} 项不在目录 ${catalogue.id} 中（目录序号 ${[...known.keys()].sort((a, b) => a - b).join('、')}）`);
    const here = appliesHere(entry.applies, sel);
    if (!here.ok) throw new SelectionError(`--exclude 中的第 ${no} 项“${entry.name}”本来就不适用于本地（${here.why}），不必排除`);
  }
  const leftOut: LeftOut[] = [];
  const relevant: number[] = [];
  const notApplicable: Selected['notApplicable'][number][] = [];
  let next = 1;
  const domains = catalogue.domains
    .map((d) => ({
      name: d.name,
      tasks: d.tasks
        .map((t) => ({
          no: t.no,
          name: t.name,
          indicators: t.indicators.flatMap((entry) => {
            const here = appliesHere(entry.applies, sel);
            if (!here.ok) {
              leftOut.push({ catalogueNo: entry.catalogueNo, name: entry.name, why: here.why });
              return [];
            }
            const excluded = sel.exclude.find((x) => x.no === entry.catalogueNo && x.sub === undefined);
            // a sub-indicator excluded (8③=理由): marked 不涉及 in place, by its position in the catalogue
            const subsOut = sel.exclude.filter((x) => x.no === entry.catalogueNo && x.sub !== undefined);
            const made = toIndicator(entry, next++, sel);
            const indicator = subsOut.length === 0 ? made : {
              ...made,
              subIndicators: made.subIndicators.map((s) => {
                const out = subsOut.find((x) => entry.subIndicators[x.sub! - 1]?.name === s.name);
                return out ? { ...s, notApplicable: out.reason ?? REASON_PLACEHOLDER } : s;
              }),
            };
            if (excluded) {
              // 不涉及 stays in 附件1 with its reason; it is not judged and not counted
              const reason = excluded.reason ?? REASON_PLACEHOLDER;
              notApplicable.push({ no: indicator.no, catalogueNo: entry.catalogueNo, name: entry.name, attribute: entry.attribute, reason });
              return [{ ...indicator, notApplicable: reason }];
            }
            if (entry.applies === 'relevant') relevant.push(indicator.no);
            return [indicator];
          }),
        }))
        .filter((t) => t.indicators.length > 0),
    }))
    .filter((d) => d.tasks.length > 0);
  return { catalog: { domains }, leftOut, relevant, notApplicable };
}
