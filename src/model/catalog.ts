import { z } from 'zod';
import { Attribute } from './common.ts';

/**
 * Which way is better for a measured value: needed by trend targets
 * (保持稳定或持续改善, 不降低, 减少).
 */
export const Better = z.enum(['higher', 'lower']);
export type Better = z.infer<typeof Better>;

/**
 * What a numeric target is compared with: the current value itself (level),
 * or the change from the baseline year to the current year (change, e.g. 提高幅度 in percentage points).
 */
export const Measure = z.enum(['level', 'change']);
export type Measure = z.infer<typeof Measure>;

/**
 * What one year's value of a row is (填报口径): the level itself (水质优良比例 70.2%), from which the judge computes
 * every change (提高幅度, 下降幅度, 下降率) the target asks for; or a change the table defines and the office
 * reports as such (单位国内生产总值建设用地使用面积下降率). Default level.
 */
export const YearValue = z.enum(['level', 'change']);
export type YearValue = z.infer<typeof YearValue>;

/** The terrain classes (地形) the national tables distinguish (林草覆盖率). */
export const TERRAIN_CLASSES = ['山区', '丘陵地区', '平原地区', '干旱半干旱地区', '青藏高原地区'] as const;

/** `平原` or `平原地区` → `平原地区`; undefined when not a terrain class. */
export function terrainClass(text: string): string | undefined {
  const t = text.trim();
  return TERRAIN_CLASSES.find((c) => c === t || c.replace(/地区$/, '') === t || c === `${t}地区`);
}

/**
 * Where a sub-indicator line applies in a district's indicators.yaml: everywhere, coastal districts only, or the
 * terrain classes named (as the national table lists 林草覆盖率 ①山区 ②丘陵地区 ③平原地区 …). The district's
 * class (project.yaml district.terrain, district.coastal) selects the line judged; the others read 不适用.
 */
export const SubApplies = z.union([
  z.enum(['all', 'coastal']),
  z.strictObject({ terrain: z.array(z.string().min(1)).min(1) }),
]);
export type SubApplies = z.infer<typeof SubApplies>;

/** 不涉及: why an indicator or sub-indicator does not apply to the district (e.g. 本区无城市建成区黑臭水体). */
const NotApplicable = z.string().trim().min(2, '请写明不涉及的原因');

/** A sub-indicator ①②③ of an indicator, with its own unit and target where 附件1 gives them. */
export const SubIndicator = z.strictObject({
  /** 1 for ①, 2 for ② … */
  no: z.number().int().min(1).max(20),
  name: z.string().min(1),
  /** defaults to the indicator's unit */
  unit: z.string().min(1).optional(),
  /** 指标值; defaults to the indicator's target */
  target: z.string().min(1).optional(),
  better: Better.optional(),
  measure: Measure.optional(),
  /**
   * A condition on the current level that decides whether this sub-indicator applies,
   * e.g. "≤60" for 综合利用率≤60%的地区 (indicator 22). Exactly one conditional sub-indicator applies.
   */
  when: z.string().min(1).optional(),
  /** what one year's value is; defaults to the indicator's */
  yearValue: YearValue.optional(),
  /** the unit of one year's value where it differs from the table's 单位 (PM2.5浓度下降幅度: % in the table, μg/m3 a year) */
  valueUnit: z.string().min(1).optional(),
  /** where the line applies (terrain classes, coastal); default everywhere */
  applies: SubApplies.optional(),
  /** 不涉及: the reason the sub-indicator does not apply to the district; it is then not judged */
  notApplicable: NotApplicable.optional(),
});
export type SubIndicator = z.infer<typeof SubIndicator>;

export const Indicator = z.strictObject({
  /** 序号, 1–35 for a county-level district */
  no: z.number().int().min(1).max(99),
  /** 指标名称 */
  name: z.string().min(1),
  /** 单位; "-" where 附件1 has none */
  unit: z.string().min(1),
  /** 指标值 exactly as 附件1 writes it */
  target: z.string().min(1),
  /** 指标属性 */
  attribute: Attribute,
  /** 序号 of the national catalogue this indicator comes from (init writes it) */
  catalogueNo: z.number().int().min(1).max(99).optional(),
  /** 责任单位 in 附件1's order: the first one leads (牵头); empty until the office assigns them (a warning) */
  units: z.array(z.string().min(1)).default([]),
  /** words 附件1 writes after the units, e.g. 问卷调查、独立机构抽样调查等方式 */
  unitsNote: z.string().min(1).optional(),
  /** 备注 */
  notes: z.string().default(''),
  better: Better.optional(),
  measure: Measure.optional(),
  /** what one year's value is: level (default) or a change the table defines itself (下降率) */
  yearValue: YearValue.optional(),
  /** the unit of one year's value where it differs from the table's 单位 */
  valueUnit: z.string().min(1).optional(),
  /**
   * 不涉及: the reason the indicator does not apply to the district. It stays in 附件1, the report and the annex
   * contents marked 不涉及 with the reason, is not judged and is left out of the 申报条件 counts.
   */
  notApplicable: NotApplicable.optional(),
  subIndicators: z.array(SubIndicator).default([]),
});
export type Indicator = z.infer<typeof Indicator>;

export const Task = z.strictObject({
  /** 1 for （一） … 10 for （十）: numbered across domains as 附件1 does */
  no: z.number().int().min(1).max(50),
  name: z.string().min(1),
  indicators: z.array(Indicator).min(1),
});
export type Task = z.infer<typeof Task>;

export const Domain = z.strictObject({
  /** 领域, e.g. 生态制度 */
  name: z.string().min(1),
  tasks: z.array(Task).min(1),
});
export type Domain = z.infer<typeof Domain>;

/** indicators.yaml: 领域 → 任务 → 指标 as 附件1 has them. */
export const Catalog = z.strictObject({
  domains: z.array(Domain).min(1),
});
export type Catalog = z.infer<typeof Catalog>;

/** An indicator with the domain and task it sits in: the flat view most stages want. */
export interface PlacedIndicator extends Indicator {
  readonly domain: string;
  readonly taskNo: number;
  readonly taskName: string;
}

export function listIndicators(catalog: Catalog): PlacedIndicator[] {
  return catalog.domains.flatMap((d) =>
    d.tasks.flatMap((t) =>
      t.indicators.map((i) => ({ ...i, domain: d.name, taskNo: t.no, taskName: t.name })),
    ),
  );
}

/**
 * What 附件1's 备注 says of parts that do not apply: 不涉及：reason for the indicator, ②不涉及：reason for a
 * sub-indicator, after the office's own notes.
 */
export function remarksOf(indicator: Pick<Indicator, 'notes' | 'notApplicable' | 'subIndicators'>): string[] {
  return [
    ...(indicator.notes ? [indicator.notes] : []),
    ...(indicator.notApplicable ? [`不涉及：${indicator.notApplicable}`] : []),
    ...(indicator.notApplicable ? [] : indicator.subIndicators.filter((s) => s.notApplicable).map((s) => `${String.fromCodePoint(0x2460 + s.no - 1)}不涉及：${s.notApplicable}`)),
  ];
}

/**
 * What one year's value of a row is, as the fill-in workbook labels it: the quantity's name and unit, and whether
 * it is a level (the judge computes any change itself) or a change the table defines. 提高幅度/下降幅度 rows are
 * defined by a level: 水质达到或优于Ⅲ类比例提高幅度 → 水质达到或优于Ⅲ类比例. A terrain line measures its indicator.
 */
export function yearQuantity(
  indicator: Pick<Indicator, 'name' | 'unit' | 'valueUnit' | 'yearValue'>,
  sub?: Pick<SubIndicator, 'name' | 'unit' | 'valueUnit' | 'yearValue' | 'applies' | 'when'>,
): { readonly name: string; readonly unit: string; readonly kind: YearValue } {
  const kind = sub?.yearValue ?? indicator.yearValue ?? 'level';
  const own = sub && typeof sub.applies !== 'object' && sub.when === undefined ? sub.name : indicator.name;
  const name = kind === 'level' ? own.replace(/(提高|下降)幅度$/, '') : own;
  const unit = sub?.valueUnit ?? (sub?.unit === undefined ? indicator.valueUnit : undefined) ?? sub?.unit ?? indicator.unit;
  return { name, unit, kind };
}
