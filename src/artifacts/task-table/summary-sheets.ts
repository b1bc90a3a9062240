import type { EvidenceItem } from '../../model/index.ts';
import type { PlacedIndicator } from '../../model/index.ts';
import { chineseDate } from '../../common/index.ts';
import { annexPageText, type AnnexPlace } from '../annex/index.ts';
import type { Grid, GridMerge, GridValue } from '../../documents/xlsx/index.ts';

/** The second and third sheets: 责任单位汇总 (who leads and who shares what) and 材料清单 (the evidence by indicator). */

export const UNIT_SHEET_NAME = '责任单位汇总';
export const EVIDENCE_SHEET_NAME = '材料清单';

export const UNIT_HEADERS = ['序号', '责任单位', '牵头指标数', '牵头指标', '配合指标数', '配合指标'] as const;
export const EVIDENCE_HEADERS = ['序号', '指标序号', '指标名称', '材料名称', '出具单位', '日期', '文号', '文件'] as const;

/** Placeholder in 材料清单 for an indicator that has no evidence yet. */
export const NO_EVIDENCE = '（暂无佐证材料）';

export interface UnitRole {
  readonly unit: string;
  /** indicators where the unit is listed first (牵头) */
  readonly leads: readonly PlacedIndicator[];
  /** indicators where it is listed after the first (配合) */
  readonly shares: readonly PlacedIndicator[];
}

/** Units in the order of project.yaml (then any other name the catalog uses), each with its indicators. */
export function unitRoles(indicators: readonly PlacedIndicator[], unitOrder: readonly string[]): UnitRole[] {
  const names = [...unitOrder];
  for (const ind of indicators) for (const u of ind.units) if (!names.includes(u)) names.push(u);
  return names
    .map((unit) => ({
      unit,
      leads: indicators.filter((i) => i.units[0] === unit),
      shares: indicators.filter((i) => i.units.indexOf(unit) > 0),
    }))
    .filter((r) => r.leads.length + r.shares.length > 0);
}

const listed = (list: readonly PlacedIndicator[]) => (list.length ? list.map((i) => `${i.no}．${i.name}`).join('\n') : '—');

export function unitSheet(title: string, indicators: readonly PlacedIndicator[], unitOrder: readonly string[], mark?: string): Grid {
  const rows = unitRoles(indicators, unitOrder).map<GridValue[]>((r, k) => [
    k + 1,
    r.unit,
    r.leads.length,
    listed(r.leads),
    r.shares.length,
    listed(r.shares),
  ]);
  return {
    sheetName: UNIT_SHEET_NAME,
    title: `${title}（${UNIT_SHEET_NAME}）`,
    columns: [
      { header: '序号', width: 6, align: 'center' },
      { header: '责任单位', width: 24, align: 'center' },
      { header: '牵头指标数', width: 11, align: 'center' },
      { header: '牵头指标', width: 46, align: 'left' },
      { header: '配合指标数', width: 11, align: 'center' },
      { header: '配合指标', width: 46, align: 'left' },
    ],
    rows,
    merges: [],
    ...(mark ? { mark } : {}),
  };
}

/**
 * Where each evidence item is in a bundle: its original's path in the bundle folder (原始材料/…), and the
 * annex page where it starts under each indicator (keyed `指标序号:材料id`).
 */
export interface EvidenceLocations {
  readonly paths: ReadonlyMap<string, string>;
  readonly pages: ReadonlyMap<string, AnnexPlace>;
}

/** 第45页, 第15-1页 (an inserted page), or 第2册第312页 when the annex has several volumes: where the item starts. */
export function annexPlace(at: AnnexPlace | undefined): string {
  if (!at) return '—';
  return annexPageText({ volume: at.volume, volumes: at.volumes, first: at.first });
}

/**
 * One row per indicator and evidence item (an item serving two indicators appears under both). In a bundle
 * (`locations` given) the last columns say where the item is: the original's path inside the bundle and
 * the annex volume and page; alone, the file as evidence.yaml names it.
 */
export function evidenceSheet(
  title: string,
  indicators: readonly PlacedIndicator[],
  evidence: readonly EvidenceItem[],
  mark?: string,
  locations?: EvidenceLocations,
): Grid {
  const rows: GridValue[][] = [];
  const merges: GridMerge[] = [];
  let serial = 0;
  for (const ind of indicators) {
    const items = evidence.filter((e) => e.indicators.includes(ind.no));
    const from = rows.length;
    if (items.length === 0) rows.push(['', ind.no, ind.name, NO_EVIDENCE, '', '', '', ...(locations ? ['', ''] : [''])]);
    for (const e of items) {
      serial++;
      const where = locations
        ? [locations.paths.get(e.id) ?? '—', annexPlace(locations.pages.get(`${ind.no}:${e.id}`) ?? firstPlace(locations, e.id))]
        : [e.file];
      rows.push([serial, ind.no, ind.name, e.title, e.issuer, chineseDate(e.date), e.docNo ?? '', ...where]);
    }
    if (rows.length - 1 > from) merges.push({ column: 1, from, to: rows.length - 1 }, { column: 2, from, to: rows.length - 1 });
  }
  return {
    sheetName: EVIDENCE_SHEET_NAME,
    title: `${title}（${EVIDENCE_SHEET_NAME}）`,
    columns: [
      { header: '序号', width: 6, align: 'center' },
      { header: '指标序号', width: 9, align: 'center' },
      { header: '指标名称', width: 22, align: 'left' },
      { header: '材料名称', width: 42, align: 'left' },
      { header: '出具单位', width: 20, align: 'center' },
      { header: '日期', width: 16, align: 'center' },
      { header: '文号', width: 20, align: 'center' },
      ...(locations
        ? [{ header: '材料包中的位置', width: 60, align: 'left' as const }, { header: '汇编页码', width: 12, align: 'center' as const }]
        : [{ header: '文件', width: 40, align: 'left' as const }]),
    ],
    rows,
    merges,
    groups: merges.filter((m) => m.column === 1).map(({ from, to }) => ({ from, to })),
    ...(mark ? { mark } : {}),
  };
}

/** An item printed once (a large one) is found where it was printed, under the first indicator it serves. */
function firstPlace(locations: EvidenceLocations, id: string) {
  for (const [key, at] of locations.pages) if (key.endsWith(`:${id}`)) return at;
  return undefined;
}
