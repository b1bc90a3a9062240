import { z } from 'zod';
import { IsoDate } from './common.ts';
import { EvidenceItemFields } from './evidence.ts';

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
export const AddedEvidence = EvidenceItemFields.extend({
  /** served indicators; default: the feedback item's indicator */
  indicators: z.array(z.number().int().min(1)).min(1).optional(),
  /** id of the evidence item this one replaces */
  replaces: z.string().min(1).optional(),
});
export type AddedEvidence = z.infer<typeof AddedEvidence>;

/**
 * A change the answer makes to the report's text: `add` appends paragraphs to a narrative part
 * (narrative/<part>.txt as the report uses it), `replaceWith` gives the part's whole new text.
 */
export const ReportAmendment = z
  .strictObject({
    /** the narrative part, e.g. 工作进度, 基本情况 */
    part: z.string().min(1),
    add: z.string().min(1).optional(),
    replaceWith: z.string().min(1).optional(),
  })
  .refine((a) => (a.add === undefined) !== (a.replaceWith === undefined), {
    message: '请写 add（在该部分末尾增加的文字）或 replaceWith（该部分的新全文），二者选一',
  });
export type ReportAmendment = z.infer<typeof ReportAmendment>;

export const FeedbackItem = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id 只能由字母、数字、点、连字符和下划线组成'),
  /** 序号 of the indicator the comment is about, or general (综合意见) */
  indicator: z.union([z.number().int().min(1), z.literal('general')]),
  /** the reviewer's comment, as written */
  comment: z.string().min(1),
  /**
   * the district's response; absent while the item is still open. What it changes (evidence, values,
   * report) is what the response document reports as done; an answer that changes nothing says why in
   * `noChange` (e.g. 经核实数据无误).
   */
  response: z
    .strictObject({
      /** the answer (现场核查: the 整改措施) */
      text: z.string().min(1),
      evidence: z.array(AddedEvidence).default([]),
      values: z.array(CorrectedValue).default([]),
      report: z.array(ReportAmendment).default([]),
      /** why nothing needs to change */
      noChange: z.string().min(1).optional(),
      /** 完成情况 of a problem found on site, e.g. 已完成, 整改中 (default 已完成) */
      status: z.string().min(1).optional(),
    })
    .optional(),
});
export type FeedbackItem = z.infer<typeof FeedbackItem>;

/** The review stages as they happen; a round may name another stage the office writes. */
export const KNOWN_STAGES = ['省市级预审', '资料审核', '现场核查', '完备材料'] as const;
/** The stage whose problems are answered with a 整改情况说明 and its table. */
export const SITE_VISIT_STAGE = '现场核查';

/** feedback/<round>.yaml: one review round (省市级预审, 资料审核, 现场核查 …) and the district's answers. */
export const Feedback = z.strictObject({
  round: z.number().int().min(1),
  /** 省市级预审, 资料审核, 现场核查, or another stage the office writes */
  stage: z.string().min(1),
  /** what the comments are called in the response's title; default <stage>意见 (现场核查: 现场核查反馈问题) */
  title: z.string().min(1).optional(),
  /** who reviewed, e.g. 山东省生态环境厅 */
  reviewer: z.string().min(1),
  /** whom the response is addressed to (主送); default the bundle's recipient, as the 请示 and the report (not the reviewer) */
  recipient: z.string().min(1).optional(),
  date: IsoDate,
  /** 现场核查: the score given, e.g. 95 */
  score: z.number().min(0).max(1000).optional(),
  /**
   * the date the response is signed, and every document of the revision answering this round is dated by;
   * default the round's date (never earlier than the round it answers)
   */
  responseDate: IsoDate.optional(),
  /**
   * the 请示 reissued with this revision: a signed 请示 never changes under its 发文字号, so a revision whose
   * 请示 must print something new (another count of indicators met …) gives its new 发文字号 and 成文日期 here
   */
  request: z.strictObject({ docNo: z.string().min(1), date: IsoDate }).optional(),
  items: z.array(FeedbackItem).min(1),
});
export type Feedback = z.infer<typeof Feedback>;

/**
 * The indicators a round's answers bring evidence for: every item added or replaced, under the indicators
 * it names, else its item's indicator. A corrected value whose indicator is not among them has no new
 * evidence: the annex still holds only the earlier material.
 */
export function indicatorsWithNewEvidence(feedback: Pick<Feedback, 'items'>): Set<number> {
  return new Set(feedback.items.flatMap((item) => (item.response?.evidence ?? []).flatMap((e) => e.indicators ?? (item.indicator === 'general' ? [] : [item.indicator]))));
}

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

/** A narrative part a round's answer changed: added to, or rewritten. */
export interface NarrativeChange {
  readonly feedbackId: string;
  readonly part: string;
  readonly kind: 'add' | 'replace';
  /** the text added, or the part's new text */
  readonly text: string;
}
