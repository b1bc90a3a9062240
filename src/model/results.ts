import { z } from 'zod';

/** Declared state of a qualitative indicator (制定实施, 建立, 开展 …). */
export const QualitativeStatus = z.enum(['已达到', '推进中', '未达到']);
export type QualitativeStatus = z.infer<typeof QualitativeStatus>;

export const Comparison = z.enum(['≥', '≤', '>', '<', '=']);
export type Comparison = z.infer<typeof Comparison>;

/**
 * What a superior target measures: the current level itself, a change against a base year (in the indicator's unit,
 * or 个百分点 for a share), or a rate of change against a base year in % (较2022年累计降低2.5%).
 */
export const SuperiorMeasure = z.enum(['level', 'change', 'rate']);
export type SuperiorMeasure = z.infer<typeof SuperiorMeasure>;

/** Which way a change or rate target runs: 降低 (也写 下降、减少) or 提高 (也写 上升、增加、增长). */
export const ChangeDirection = z.enum(['降低', '提高']);
export type ChangeDirection = z.infer<typeof ChangeDirection>;

/**
 * The superior authority's target where 附件1 says 完成上级规定…: e.g. ≥ 66.5 (%), or 较2022年累计降低2.5%.
 * `text` may carry the whole target (较2022年累计降低2.5%, 较2020年提高2个百分点): it is read, and where it speaks of
 * a change the fields must agree with it (src/judge/superior.ts).
 */
export const SuperiorTarget = z.strictObject({
  /** absent: ≥, or ≤ for a level where lower is better (a ceiling such as 0.60 吨标准煤/万元) */
  op: Comparison.optional(),
  /** the target number: a level, or the size of the change/rate; may be left out when `text` states it */
  value: z.number().optional(),
  /** level (default), change or rate; may be left out when `text` states it */
  measure: SuperiorMeasure.optional(),
  /** for change and rate: 降低 or 提高 */
  direction: ChangeDirection.optional(),
  /** for change and rate: the year compared with (default: the text's year, else programme.baselineYear) */
  baseYear: z.number().int().min(1990).max(2100).optional(),
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
