import { z } from 'zod';
import { IsoDate } from './common.ts';
import { EvidenceItem } from './evidence.ts';

/** A corrected value in the district's response: replaces the value for that year in results.yaml. */
export const CorrectedValue = z.strictObject({
  /** 1 for ① …; absent for the indicator as a whole */
  sub: z.number().int().min(1).optional(),
  year: z.number().int().min(2000).max(2100),
  value: z.number(),
  /** why the value changed, e.g. 按2022年统计年鉴终核数更正 */
  note: z.string().optional(),
});
export type CorrectedValue = z.infer<typeof CorrectedValue>;

/** New evidence in a response: an evidence item (file under evidence/), optionally replacing an earlier one. */
export const AddedEvidence = EvidenceItem.extend({
  /** served indicators; default: the feedback item's indicator */
  indicators: z.array(z.number().int().min(1)).min(1).optional(),
  /** id of the evidence item this one replaces */
  replaces: z.string().min(1).optional(),
});
export type AddedEvidence = z.infer<typeof AddedEvidence>;

export const FeedbackItem = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id 只能由字母、数字、点、连字符和下划线组成'),
  /** 序号 of the indicator the comment is about, or general (综合意见) */
  indicator: z.union([z.number().int().min(1), z.literal('general')]),
  /** the reviewer's comment, as written */
  comment: z.string().min(1),
  /** the district's response; absent while the item is still open */
  response: z
    .strictObject({
      text: z.string().min(1),
      evidence: z.array(AddedEvidence).default([]),
      values: z.array(CorrectedValue).default([]),
    })
    .optional(),
});
export type FeedbackItem = z.infer<typeof FeedbackItem>;

/** feedback/<round>.yaml: one review round (省级预审, 现场核查 …) and the district's answers. */
export const Feedback = z.strictObject({
  round: z.number().int().min(1),
  /** e.g. 省级预审意见 */
  title: z.string().min(1),
  reviewer: z.string().min(1),
  date: IsoDate,
  /** the date the response is signed; default: project.generatedAt */
  responseDate: IsoDate.optional(),
  items: z.array(FeedbackItem).min(1),
});
export type Feedback = z.infer<typeof Feedback>;

/** A value a round's answer corrected: results.yaml's value before (if any) and after. */
export interface ValueChange {
  readonly feedbackId: string;
  readonly indicator: number;
  readonly sub?: number;
  readonly year: number;
  readonly from?: number;
  readonly to: number;
  readonly note?: string;
}
