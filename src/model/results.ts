import { z } from 'zod';

/** Declared state of a qualitative indicator (制定实施, 建立, 开展 …). */
export const QualitativeStatus = z.enum(['已达到', '推进中', '未达到']);
export type QualitativeStatus = z.infer<typeof QualitativeStatus>;

export const Comparison = z.enum(['≥', '≤', '>', '<', '=']);
export type Comparison = z.infer<typeof Comparison>;

/** The superior authority's target where 附件1 says 完成上级规定…: e.g. ≥ 66.5 (%). */
export const SuperiorTarget = z.strictObject({
  op: Comparison.default('≥'),
  value: z.number(),
  /** who set it and where, e.g. 济宁市下达2022年度目标（济环委〔2022〕3号） */
  text: z.string().optional(),
});
export type SuperiorTarget = z.infer<typeof SuperiorTarget>;

/** Year → value, e.g. { 2020: 71.2, 2022: 74.8 }. YAML keys arrive as strings. */
export const ValuesByYear = z.record(z.string().regex(/^\d{4}$/, '年份应为 4 位数字'), z.number());
export type ValuesByYear = z.infer<typeof ValuesByYear>;

/** One indicator's (or one sub-indicator's) result as the responsible unit reports it. */
export const Result = z.strictObject({
  /** 序号 of the indicator */
  indicator: z.number().int().min(1),
  /** 1 for ① …; absent for the indicator as a whole */
  sub: z.number().int().min(1).optional(),
  values: ValuesByYear.default({}),
  superiorTarget: SuperiorTarget.optional(),
  status: QualitativeStatus.optional(),
  /** a short description of the state, for qualitative indicators especially */
  description: z.string().optional(),
  /**
   * the state in a few words as tables show it (现状值), e.g. 规划已印发实施; without it tables show the
   * whole description (wrapped, never cut)
   */
  current: z.string().min(1).optional(),
  /** 数据来源 */
  source: z.string().optional(),
});
export type Result = z.infer<typeof Result>;

/** results.yaml */
export const Results = z.strictObject({
  results: z.array(Result).default([]),
});
export type Results = z.infer<typeof Results>;
