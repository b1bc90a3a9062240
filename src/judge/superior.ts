import type { Better, ChangeDirection, Comparison, SuperiorMeasure, SuperiorTarget } from '../model/index.ts';
import { oneLine } from '../common/index.ts';

/**
 * A superior target (上级下达的目标) with its measure settled: the level, a change against a base year (in the
 * indicator's unit, 个百分点 for a share) or a rate of change against a base year (%). Read from the explicit
 * fields of results.yaml and from the text 上级 write (较2022年累计降低2.5%, 较2020年提高2个百分点). Pure.
 */
export type ResolvedSuperior =
  | { readonly measure: 'level'; readonly op: Comparison; readonly value: number }
  | {
      readonly measure: 'change' | 'rate';
      readonly op: Comparison;
      readonly value: number;
      readonly direction: ChangeDirection;
      readonly baseYear: number;
    };

export type SuperiorRead = { readonly ok: true; readonly target: ResolvedSuperior } | { readonly ok: false; readonly message: string };

/** What a change target written in words says: 较2022年累计降低2.5% → rate, 降低, 2022, 2.5. */
export interface ChangeWords {
  readonly measure: 'change' | 'rate';
  readonly direction: ChangeDirection;
  readonly baseYear: number;
  readonly value: number;
  /** the words matched, for messages */
  readonly words: string;
}

const DOWN = ['降低', '下降', '减少', '削减'];
const UP = ['提高', '上升', '增加', '增长', '提升'];
const CHANGE_WORDS = new RegExp(
  `较\\s*(\\d{4})\\s*年(?:度)?(?:累计)?(${[...DOWN, ...UP].join('|')})(?:率)?(?:不低于|不少于|达到|≥)?\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*(%|％|个百分点|百分点)?(?:以上)?`,
);
/** Words that say a target is a change, even where no number can be read from them. */
const SPEAKS_OF_CHANGE = new RegExp(`较\\s*\\d{4}\\s*年|${[...DOWN, ...UP].join('|')}|百分点|幅度|下降率|降幅|增幅`);

/** Reads 较YYYY年（累计）降低/下降/提高 X% or …X个百分点 (or X in the unit) anywhere in a text. */
export function readChangeWords(text: string, unit: string): ChangeWords | undefined {
  const m = CHANGE_WORDS.exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const direction: ChangeDirection = DOWN.includes(m[2]!) ? '降低' : '提高';
  const sign = m[4];
  // % on a share is ambiguous in speech; 上级 write 个百分点 for points and % for a rate
  const measure: 'change' | 'rate' = sign === '%' ? 'rate' : 'change';
  void unit;
  return { measure, direction, baseYear: Number(m[1]), value: Math.abs(Number(m[3])), words: m[0] };
}

/** True when the text speaks of a change (较2022年, 降低, 个百分点, 幅度 …). */
export function speaksOfChange(text: string): boolean {
  return SPEAKS_OF_CHANGE.test(text.normalize('NFKC'));
}

const MEASURE_NAME: Record<SuperiorMeasure, string> = { level: '现状值（level）', change: '变化量（change）', rate: '变化率（rate，%）' };

/**
 * The comparison of a superior target that names none: a level target where lower is better is a ceiling
 * (≤ 0.60 吨标准煤/万元), any other a floor; a change or rate target is the least change asked for (≥).
 */
export function superiorOp(st: Pick<SuperiorTarget, 'op'>, measure: SuperiorMeasure, better: Better): Comparison {
  return st.op ?? (measure === 'level' && better === 'lower' ? '≤' : '≥');
}

/**
 * The superior target to judge with, or why it cannot be judged. A text that speaks of a change while the fields
 * would compare the level is refused: never a silent verdict on the wrong quantity.
 */
export function resolveSuperior(st: SuperiorTarget, unit: string, baselineYear: number, better: Better = 'higher'): SuperiorRead {
  const text = st.text ? oneLine(st.text) : '';
  const words = text ? readChangeWords(text, unit) : undefined;
  const measure = st.measure ?? words?.measure ?? 'level';
  if (measure === 'level') {
    if (text && speaksOfChange(text) && st.measure === undefined) {
      return {
        ok: false,
        message:
          `上级目标的说明“${text}”讲的是变化（较某年降低/提高多少），但没有写明变化的大小，只能按现状值比较；` +
          '请写成“较2022年累计降低2.5%”“较2020年提高2个百分点”，或填写 measure（rate/change）、direction、baseYear 和 value；' +
          '确实是现状值目标的，写 measure: level',
      };
    }
    if (st.value === undefined) return { ok: false, message: '缺少上级目标值（superiorTarget.value）' };
    return { ok: true, target: { measure: 'level', op: superiorOp(st, 'level', better), value: st.value } };
  }
  if (words && st.measure !== undefined && words.measure !== st.measure) {
    return { ok: false, message: `上级目标的说明“${words.words}”是${MEASURE_NAME[words.measure]}，与 measure: ${st.measure}（${MEASURE_NAME[st.measure]}）不一致` };
  }
  const direction = st.direction ?? words?.direction;
  const value = st.value ?? words?.value;
  const baseYear = st.baseYear ?? words?.baseYear ?? baselineYear;
  if (words) {
    const clash = [
      st.direction !== undefined && st.direction !== words.direction ? `direction: ${st.direction}` : '',
      st.value !== undefined && st.value !== words.value ? `value: ${st.value}` : '',
      st.baseYear !== undefined && st.baseYear !== words.baseYear ? `baseYear: ${st.baseYear}` : '',
    ].filter(Boolean);
    if (clash.length) return { ok: false, message: `上级目标的说明“${words.words}”与 ${clash.join('、')} 不一致` };
  }
  if (direction === undefined) return { ok: false, message: `变化目标须写明方向（direction: 降低 或 提高）` };
  if (value === undefined) return { ok: false, message: '缺少上级目标值（superiorTarget.value）' };
  return { ok: true, target: { measure, op: superiorOp(st, measure, better), value, direction, baseYear } };
}
