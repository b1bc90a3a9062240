/**
 * Chinese formatting, the one home for it: numerals (一、二), circled numbers (①②), dates (2023年7月25日)
 * and numbers as people read them. Numbers keep the decimals they were given (86.2 stays 86.2, 100 stays
 * 100); float noise from arithmetic never reaches a person (86.2 − 80.5 → 5.7). Pure functions only.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for section and attachment numbers). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 2023-07-25 → 2023年7月25日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** A number rounded to at most `digits` decimals (JavaScript's toFixed), trailing zeros dropped: 86.20 → 86.2 (the templates' `num`). */
export function roundedNumber(value: number, digits = 2): string {
  return Number(value.toFixed(digits)).toString();
}

/** 1 → ① … 20 → ⑳; outside that range "(n)". */
export function circled(n: number): string {
  return Number.isInteger(n) && n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

/** Decimals a number is written with once float noise is removed: 86.2 → 1, 100 → 0, 0.45 → 2. */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n)) return 0;
  const text = String(Number(n.toPrecision(12)));
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) return 0;
  const fraction = m[1]?.length ?? 0;
  const exponent = Number(m[2] ?? 0);
  return Math.max(0, Math.min(12, fraction - exponent));
}

/** Rounds half away from zero to `decimals` places. */
export function roundTo(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.sign(n) * Math.round(Math.abs(n) * factor + 1e-9) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** current − baseline, rounded to the decimals its inputs carry (86.2 − 80.5 → 5.7, not 5.700000000000003). */
export function difference(current: number, baseline: number): number {
  return roundTo(current - baseline, Math.max(decimalsOf(current), decimalsOf(baseline)));
}

/** A number with at most `decimals` places (default: the decimals it carries), no trailing zeros, never "-0". */
export function formatNumber(n: number, decimals: number = decimalsOf(n)): string {
  if (!Number.isFinite(n)) return String(n);
  let text = roundTo(n, decimals).toFixed(decimals);
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * A number with its unit as a table or reason shows it: `86.2%`, `0.45吨标准煤/万元`, `0.52` (unit "-" is omitted).
 */
export function formatQuantity(n: number, unit: string, decimals?: number): string {
  const number = decimals === undefined ? formatNumber(n) : formatNumber(n, decimals);
  const u = unit.trim();
  return u === '' || u === '-' ? number : `${number}${u}`;
}

/**
 * A share as every document states it, the one rounding rule for all of them: a percentage with at most one
 * decimal, rounded half away from zero, trailing zero dropped (11/16 → 68.8%, 12/16 → 75%, 1 → 100%). Never
 * rounded to whole percent on a slide and kept to one decimal in the report: the same share reads the same.
 */
export function formatShare(share: number): string {
  return `${formatNumber(roundTo(share * 100, 1), 1)}%`;
}

/** `met` of `total` as a share (0 of 0 → 100%: nothing was required). */
export function shareOf(met: number, total: number): number {
  return total === 0 ? 1 : met / total;
}

/** Text from YAML or a spreadsheet on one line: runs of whitespace become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
