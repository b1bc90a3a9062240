import { describe, expect, it } from 'vitest';
import { parseComparison, parseTarget, QUALITATIVE_PHRASES, type Target } from '../../src/judge/target.ts';

function parsed(text: string, unit?: string): Target {
  const out = parseTarget(text, unit);
  if (!out.ok) throw new Error(`expected “${text}” to parse, got: ${out.message}`);
  return out.target;
}

function refused(text: string, unit?: string): string {
  const out = parseTarget(text, unit);
  if (out.ok) throw new Error(`expected “${text}” to be refused, got ${JSON.stringify(out.target)}`);
  return out.message;
}

/** Every 指标值 of the seed's 附件1 (indicators and sub-indicators), as plain strings. */
const SEED_TARGETS: readonly [string, Target['kind']][] = [
  ['制定实施', 'qualitative'],
  ['有效开展', 'qualitative'],
  ['≥20', 'threshold'],
  ['全面实施', 'qualitative'],
  ['100', 'threshold'],
  ['开展', 'qualitative'],
  ['完成上级规定的改善目标；保持稳定或持续改善', 'either'],
  ['完成上级规定的考核任务；保持稳定或持续改善', 'either'],
  ['ΔEQI≥-1', 'delta'],
  ['≥18', 'threshold'],
  ['\n≥18', 'threshold'],
  ['≥95', 'threshold'],
  ['不明显', 'qualitative'],
  ['不降低', 'trend'],
  ['建立', 'qualitative'],
  ['面积不减少，性质不改变，功能不降低', 'qualitative'],
  ['完成上级管控目标', 'superior'],
  ['完成上级规定的目标任务；保持稳定或持续改善', 'either'],
  ['≥4.5', 'threshold'],
  ['减少', 'trend'],
  ['≥90', 'threshold'],
  ['≥75', 'threshold'],
  ['≥80', 'threshold'],
  ['≥2', 'threshold'],
  ['保持稳定或持续改善', 'trend'],
  ['≥85', 'threshold'],
  ['≥50', 'threshold'],
  ['完成上级规定的目标任务', 'superior'],
  ['实施', 'qualitative'],
];

describe('parseTarget', () => {
  it.each(SEED_TARGETS)('reads the seed target %j', (text, kind) => {
    expect(parsed(text, '%').kind).toBe(kind);
  });

  it('reads thresholds with their sign and number', () => {
    expect(parsed('≥20')).toEqual({ kind: 'threshold', op: '≥', value: 20, text: '≥20' });
    expect(parsed('≥4.5')).toMatchObject({ op: '≥', value: 4.5 });
    expect(parsed('≥-1')).toMatchObject({ op: '≥', value: -1 });
    expect(parsed('100')).toMatchObject({ kind: 'threshold', op: '=', value: 100 });
  });

  it('tolerates full-width signs, ASCII spellings, whitespace and newlines', () => {
    expect(parsed('＞60')).toMatchObject({ op: '>', value: 60 });
    expect(parsed('＜ 5')).toMatchObject({ op: '<', value: 5 });
    expect(parsed('> 1')).toMatchObject({ op: '>', value: 1 });
    expect(parsed('>=85')).toMatchObject({ op: '≥', value: 85 });
    expect(parsed('≤ 0.5')).toMatchObject({ op: '≤', value: 0.5 });
    expect(parsed('≥８５')).toMatchObject({ op: '≥', value: 85 });
    expect(parsed(' ≥\n20 ')).toMatchObject({ op: '≥', value: 20 });
    expect(parsed('≥85%', '%')).toMatchObject({ op: '≥', value: 85 });
    expect(parsed('完成上级规定的目标任务;\n保持稳定或持续改善').kind).toBe('either');
    expect(parsed('面积不减少,性质不改变, 功能不降低')).toMatchObject({ kind: 'qualitative', phrase: '面积不减少，性质不改变，功能不降低' });
  });

  it('reads a change against the baseline and keeps its symbol', () => {
    expect(parsed('ΔEQI≥-1')).toEqual({ kind: 'delta', symbol: 'ΔEQI', op: '≥', value: -1, text: 'ΔEQI≥-1' });
    expect(parsed('△EQI ≥ -1')).toMatchObject({ kind: 'delta', symbol: 'ΔEQI', value: -1 });
  });

  it('reads the four superior forms', () => {
    for (const text of ['完成上级规定的目标任务', '完成上级规定的改善目标', '完成上级规定的考核任务', '完成上级管控目标']) {
      expect(parsed(text)).toEqual({ kind: 'superior', phrase: text, text });
    }
  });

  it('reads the trend phrases', () => {
    for (const phrase of ['保持稳定或持续改善', '不降低', '减少', '不减少'] as const) {
      expect(parsed(phrase)).toEqual({ kind: 'trend', phrase, text: phrase });
    }
  });

  it('reads every listed qualitative phrase and nothing else', () => {
    for (const phrase of QUALITATIVE_PHRASES) expect(parsed(phrase)).toMatchObject({ kind: 'qualitative', phrase });
    expect(refused('基本完成')).toMatch(/无法识别“基本完成”/);
    expect(refused('建立健全')).toMatch(/可用的写法/);
    expect(refused('大约\n八十')).toMatch(/^无法识别“大约 八十”/);
  });

  it('reads the two-part form as superior first, trend second', () => {
    const target = parsed('完成上级规定的改善目标；保持稳定或持续改善');
    expect(target).toMatchObject({
      kind: 'either',
      superior: { kind: 'superior', phrase: '完成上级规定的改善目标' },
      otherwise: { kind: 'trend', phrase: '保持稳定或持续改善' },
    });
    expect(refused('保持稳定或持续改善；完成上级规定的改善目标')).toMatch(/先写上级目标，再写趋势/);
    expect(refused('完成上级规定的改善目标；≥20')).toMatch(/两段式/);
    expect(refused('完成上级规定的改善目标；')).toMatch(/两段式/);
  });

  it('refuses nonsense with a plain message, never throws', () => {
    expect(refused('大约八十')).toMatch(/^无法识别“大约八十”，最接近的写法是“[^”]+”；可用的写法：数值阈值/);
    expect(refused('≥')).toBe('“≥”后缺少数值');
    expect(refused('≥abc')).toBe('“≥”后应为数值，实际是“abc”');
    expect(refused('')).toBe('指标值为空');
    expect(refused('  \n ')).toBe('指标值为空');
    expect(refused('≥20吨')).toMatch(/应为数值/);
    expect(refused('ΔEQI')).toMatch(/ΔEQI≥-1/);
    expect(refused('ΔEQI≥x')).toMatch(/应为数值/);
    expect(refused('≥85%', '吨标准煤/万元')).toMatch(/不应在指标值中写 %/);
  });
});

describe('parseComparison', () => {
  it('reads conditions of sub-indicators', () => {
    expect(parseComparison('≤60')).toEqual({ ok: true, op: '≤', value: 60 });
    expect(parseComparison('＞60%', '%')).toEqual({ ok: true, op: '>', value: 60 });
    expect(parseComparison('六十').ok).toBe(false);
  });
});
