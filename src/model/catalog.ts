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
