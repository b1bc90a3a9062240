import { z } from 'zod';

/** A real calendar date written as YYYY-MM-DD (YAML may hand it over as a string or a Date). */
export const IsoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD')
    .refine(isRealDate, { message: '不存在的日期' }),
);

export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** 约束性 (binding) or 参考性 (reference) */
export const Attribute = z.enum(['约束性', '参考性']);
export type Attribute = z.infer<typeof Attribute>;
