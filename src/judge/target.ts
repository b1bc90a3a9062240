import type { Comparison } from '../model/index.ts';
import { oneLine } from '../common/index.ts';

/**
 * The target forms (指标值) of 附件1, read by a small grammar. Anything the grammar cannot read
 * is refused with a message: a target is never passed silently.
 */

/** `≥20`, `≥4.5`, `≥-1`, and a bare number `100` (= that value). */
export interface ThresholdTarget {
  readonly kind: 'threshold';
  readonly op: Comparison;
  readonly value: number;
  readonly text: string;
}

/** `ΔEQI≥-1`: the change current − baseline compared with a number; `symbol` is `ΔEQI`. */
export interface DeltaTarget {
  readonly kind: 'delta';
  readonly symbol: string;
  readonly op: Comparison;
  readonly value: number;
  readonly text: string;
}

/** 完成上级规定的目标任务 / 改善目标 / 考核任务, 完成上级管控目标: judged against Result.superiorTarget. */
export interface SuperiorTargetForm {
  readonly kind: 'superior';
  readonly phrase: string;
  readonly text: string;
}

export const TREND_PHRASES = ['保持稳定或持续改善', '不降低', '减少', '不减少', '持续提高', '持续下降', '持续改善'] as const;
export type TrendPhrase = (typeof TREND_PHRASES)[number];

/** A comparison of the current year with the baseline year. */
export interface TrendTarget {
  readonly kind: 'trend';
  readonly phrase: TrendPhrase;
  readonly text: string;
}

/** The qualitative states 附件1 uses; judged from the declared status plus evidence. No other wording is accepted. */
export const QUALITATIVE_PHRASES = [
  '制定实施',
  '有效开展',
  '全面实施',
  '开展',
  '建立',
  '实施',
  '不明显',
  '面积不减少，性质不改变，功能不降低',
  // 2024 lists
  '有效保障',
  '生态功能不降低、性质不改变',
  // 2019/2021 (市): 应当实施强制性清洁生产企业通过审核的比例
  '完成年度审核计划',
] as const;
export type QualitativePhrase = (typeof QUALITATIVE_PHRASES)[number];

export interface QualitativeTarget {
  readonly kind: 'qualitative';
  readonly phrase: QualitativePhrase;
  readonly text: string;
}

/** 完成上级规定的…；保持稳定或持续改善: the superior's target where one was set, otherwise the trend. */
export interface EitherTarget {
  readonly kind: 'either';
  readonly superior: SuperiorTargetForm;
  readonly otherwise: TrendTarget;
  readonly text: string;
}

/** `≥90或持续提高` (2024): met when any alternative is met. */
export interface AnyOfTarget {
  readonly kind: 'anyOf';
  readonly options: readonly Target[];
  readonly text: string;
}

/** `完成上级规定的考核任务，且≤25或持续下降` (2024): met when every part is met. */
export interface AllOfTarget {
  readonly kind: 'allOf';
  readonly parts: readonly Target[];
  readonly text: string;
}

/** `*` (2024): the target applies only where relevant (相关地区); judged like the target it marks. */
export interface RelevantTarget {
  readonly kind: 'relevant';
  readonly inner: Target;
  readonly text: string;
}

export type Target =
  | ThresholdTarget | DeltaTarget | SuperiorTargetForm | TrendTarget | QualitativeTarget | EitherTarget
  | AnyOfTarget | AllOfTarget | RelevantTarget;

export type TargetParse = { readonly ok: true; readonly target: Target } | { readonly ok: false; readonly message: string };

/** What a person should write instead, for messages. */
export const EXPECTED_TARGET_FORMS =
  '数值阈值（如 ≥20、≥4.5、100）、变化量（如 ΔEQI≥-1）、上级目标（完成上级规定的目标任务/改善目标/考核任务、完成上级管控目标，' +
  '也可写 完成上级下达的目标任务、完成市级下达的目标任务、完成上级下达任务）、' +
  `趋势（${TREND_PHRASES.join('、')}）、定性要求（${QUALITATIVE_PHRASES.join('、')}），` +
  '“完成上级规定的…；保持稳定或持续改善”，以及用“或”连接的几种选择（如 ≥90或持续提高）、用“且”连接的几项要求' +
  '（如 完成上级规定的考核任务，且≤25或持续下降），末尾的 * 表示仅在相关地区适用';

const OPS: readonly Comparison[] = ['≥', '≤', '>', '<', '='];
/**
 * 完成上级规定的目标任务 and the wordings offices write for it: 上级/市级/省级/市/省, 规定/下达/分解下达/确定, with or
 * without 的, 目标任务/改善目标/考核任务/管控目标/考核目标/目标/任务.
 */
const SUPERIOR = /^完成(?:上级|市级|省级|省|市|国家)(?:规定|下达|分解下达|确定|分解)?的?(?:年度)?(?:目标任务|改善目标|考核任务|管控目标|考核目标|控制目标|目标|任务)$/;
/** The wordings named when a text is not understood: the canonical ones of the tables. */
const KNOWN_FORMS = [
  '完成上级规定的目标任务', '完成上级规定的改善目标', '完成上级规定的考核任务', '完成上级管控目标', '完成上级下达的目标任务',
  '完成市级下达的目标任务', '完成上级规定的目标任务；保持稳定或持续改善', '完成上级规定的考核任务，且≥90或持续提高',
  'ΔEQI≥-1', '≥20',
];
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** Full-width and look-alike symbols to one spelling, whitespace and newlines removed. */
export function normalizeTargetText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/>=|≧|⩾/g, '≥')
    .replace(/<=|≦|⩽/g, '≤')
    .replace(/[−﹣]/g, '-')
    .replace(/[△∆]/g, 'Δ');
}

const QUALITATIVE_BY_NORMAL = new Map<string, QualitativePhrase>(QUALITATIVE_PHRASES.map((p) => [normalizeTargetText(p), p]));

function isOp(c: string | undefined): c is Comparison {
  return c !== undefined && (OPS as readonly string[]).includes(c);
}

type NumberRead = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** The number after a comparison sign; `%` is tolerated where the unit is % (or unknown). */
function readNumber(rest: string, op: string, unit: string | undefined): NumberRead {
  let digits = rest;
  if (digits.endsWith('%')) {
    if (unit !== undefined && unit !== '%') {
      return { ok: false, message: `单位为“${unit}”的指标不应在指标值中写 %` };
    }
    digits = digits.slice(0, -1);
  }
  if (digits === '') return { ok: false, message: op ? `“${op}”后缺少数值` : '缺少数值' };
  if (!NUMBER.test(digits)) return { ok: false, message: `${op ? `“${op}”后` : ''}应为数值，实际是“${rest}”` };
  return { ok: true, value: Number(digits) };
}

/** A comparison with a number, e.g. `≤60`, `＞60`, `≥2`, `100`. */
export function parseComparison(
  text: string,
  unit?: string,
): { readonly ok: true; readonly op: Comparison; readonly value: number } | { readonly ok: false; readonly message: string } {
  const s = normalizeTargetText(text);
  const first = [...s][0];
  const op = isOp(first) ? first : undefined;
  const read = readNumber(op ? s.slice(op.length) : s, op ?? '', unit);
  return read.ok ? { ok: true, op: op ?? '=', value: read.value } : read;
}

function fail(message: string): TargetParse {
  return { ok: false, message };
}

function parseAtom(s: string, text: string, unit: string | undefined): TargetParse {
  const first = [...s][0];
  if (first === 'Δ') {
    const m = /^(Δ[^≥≤><=]*)([≥≤><=])(.*)$/.exec(s);
    if (!m) return fail(`变化量应写成“ΔEQI≥-1”的形式，实际是“${oneLine(text)}”`);
    const read = readNumber(m[3]!, m[2]!, unit);
    if (!read.ok) return fail(read.message);
    return { ok: true, target: { kind: 'delta', symbol: m[1]!, op: m[2] as Comparison, value: read.value, text } };
  }
  if (isOp(first) || /^[+-]?\d/.test(s)) {
    const c = parseComparison(s, unit);
    if (!c.ok) return fail(c.message);
    return { ok: true, target: { kind: 'threshold', op: c.op, value: c.value, text } };
  }
  if (SUPERIOR.test(s)) return { ok: true, target: { kind: 'superior', phrase: s, text } };
  const trend = TREND_PHRASES.find((p) => p === s);
  if (trend) return { ok: true, target: { kind: 'trend', phrase: trend, text } };
  const qualitative = QUALITATIVE_BY_NORMAL.get(s);
  if (qualitative) return { ok: true, target: { kind: 'qualitative', phrase: qualitative, text } };
  return fail(`无法识别“${oneLine(text)}”，最接近的写法是“${nearestKnownForm(text)}”；可用的写法：${EXPECTED_TARGET_FORMS}`);
}

/** Edit distance of two strings, by code point. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length]!;
}

/** The known wording closest to a text that was not understood, for the message that refuses it. */
export function nearestKnownForm(text: string): string {
  const s = normalizeTargetText(text);
  const known = [...KNOWN_FORMS, ...TREND_PHRASES, ...QUALITATIVE_PHRASES];
  let best = known[0]!;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(s, normalizeTargetText(k));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** The phrases that contain 或 or a comma themselves and must not be split. */
function isWholePhrase(s: string): boolean {
  return TREND_PHRASES.some((p) => p === s) || QUALITATIVE_BY_NORMAL.has(s);
}

/** Splits at `sep` except inside a whole phrase that contains it (保持稳定或持续改善). */
function splitOutside(s: string, sep: string): string[] {
  const whole = [...TREND_PHRASES, ...QUALITATIVE_PHRASES].map(normalizeTargetText).filter((p) => p.includes(sep));
  const pieces: string[] = [];
  let piece = '';
  let i = 0;
  while (i < s.length) {
    const phrase = whole.find((p) => s.startsWith(p, i));
    if (phrase) {
      piece += phrase;
      i += phrase.length;
    } else if (s[i] === sep) {
      pieces.push(piece);
      piece = '';
      i += 1;
    } else {
      piece += s[i];
      i += 1;
    }
  }
  pieces.push(piece);
  return pieces;
}

/** One target (no `；`): `*` mark, then 且 (loosest), then 或, then a superior target followed by a trend, then one form. */
function parseSingle(s: string, text: string, unit: string | undefined): TargetParse {
  if (s.startsWith('*') || s.endsWith('*')) {
    const inner = s.replace(/^\*+|\*+$/g, '');
    if (inner === '') return fail('“*”只标明“仅在相关地区适用”，前面还应写出指标值');
    const parsed = parseSingle(inner, inner, unit);
    return parsed.ok ? { ok: true, target: { kind: 'relevant', inner: parsed.target, text } } : parsed;
  }
  if (isWholePhrase(s)) return parseAtom(s, text, unit);
  if (s.includes('且')) {
    const pieces = splitOutside(s, '且').map((p) => p.replace(/^,+|,+$/g, ''));
    if (pieces.some((p) => p === '')) return fail(`“且”的前后都应写出要求，实际是“${oneLine(text)}”`);
    const parts: Target[] = [];
    for (const p of pieces) {
      const parsed = parseSingle(p, p, unit);
      if (!parsed.ok) return parsed;
      parts.push(parsed.target);
    }
    return { ok: true, target: { kind: 'allOf', parts, text } };
  }
  const comma = s.indexOf(',');
  if (comma > 0) {
    const first = parseAtom(s.slice(0, comma), s.slice(0, comma), unit);
    const second = parseSingle(s.slice(comma + 1), s.slice(comma + 1), unit);
    if (first.ok && first.target.kind === 'superior' && second.ok && second.target.kind === 'trend') {
      return { ok: true, target: { kind: 'either', superior: first.target, otherwise: second.target, text } };
    }
  }
  if (splitOutside(s, '或').length > 1) {
    const pieces = splitOutside(s, '或');
    if (pieces.some((p) => p === '')) return fail(`“或”的前后都应写出一种选择，实际是“${oneLine(text)}”`);
    const options: Target[] = [];
    for (const p of pieces) {
      const parsed = parseAtom(p, p, unit);
      if (!parsed.ok) return parsed;
      options.push(parsed.target);
    }
    return { ok: true, target: { kind: 'anyOf', options, text } };
  }
  return parseAtom(s, text, unit);
}

/**
 * Reads a target text exactly as 附件1 writes it. Never throws: a text the grammar cannot read
 * gives `{ ok: false, message }` with a Chinese message saying which forms are expected.
 * `unit` is the indicator's unit; it only decides whether a trailing `%` is acceptable.
 */
export function parseTarget(text: string, unit?: string): TargetParse {
  const s = normalizeTargetText(text);
  if (s === '') return fail('指标值为空');
  const parts = s.split(';');
  if (parts.length === 1) return parseSingle(s, text, unit);
  const either = `两段式指标值应写成“完成上级规定的目标任务；保持稳定或持续改善”这样的形式（先写上级目标，再写趋势）`;
  if (parts.length !== 2 || parts.some((p) => p === '')) return fail(either);
  const first = parseSingle(parts[0]!, parts[0]!, unit);
  const second = parseSingle(parts[1]!, parts[1]!, unit);
  if (!first.ok || first.target.kind !== 'superior' || !second.ok || second.target.kind !== 'trend') return fail(either);
  return { ok: true, target: { kind: 'either', superior: first.target, otherwise: second.target, text } };
}
