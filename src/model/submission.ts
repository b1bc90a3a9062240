import { z } from 'zod';
import { isRealDate } from './common.ts';

/**
 * A revision recorded as sent (`eco-dossier submit`): a small file beside the bundle in out/,
 * `<材料包>.已报送.json`, outside the bundle and its checksums. Until it exists the revision is a draft
 * that `build` may replace; once it exists the revision is never overwritten.
 */
export const SUBMISSION_SUFFIX = '.已报送.json';

const Day = z.string().refine(isRealDate, { message: '应为 YYYY-MM-DD 格式的真实日期' });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制的 sha256');

export const Submission = z.strictObject({
  /** the bundle's name (its folder in out/) */
  bundle: z.string().min(1),
  revision: z.number().int().positive(),
  /** 接收单位 */
  to: z.string().min(1),
  /** the day it was sent */
  date: Day,
  /** the sha256 of the manifest.json that was sent */
  manifestSha256: Sha256,
  /** the zip that was checked when it was recorded, and its sha256 (absent when only the folder was there) */
  zip: z.string().min(1).optional(),
  zipSha256: Sha256.optional(),
});
export type Submission = z.infer<typeof Submission>;

/** 兖州区-…申报材料-r1 → 兖州区-…申报材料-r1.已报送.json */
export function submissionFileName(bundle: string): string {
  return `${bundle}${SUBMISSION_SUFFIX}`;
}
