import { describe, expect, it } from 'vitest';
import { inputsNeeded, inputsNeededFor, parseTarget } from '../../src/judge/index.ts';

const needs = (text: string, unit = '%') => {
  const parsed = parseTarget(text, unit);
  if (!parsed.ok) throw new Error(parsed.message);
  return inputsNeeded(parsed.target);
};

describe('what each target form needs from a unit', () => {
  it('numbers for thresholds, changes and trends', () => {
    expect(needs('≥20')).toEqual({ values: true, superior: false, status: false });
    expect(needs('ΔEQI≥-1', '-')).toEqual({ values: true, superior: false, status: false });
    expect(needs('保持稳定或持续改善')).toEqual({ values: true, superior: false, status: false });
  });
  it('the superior target as well where 附件1 says 完成上级规定…, or the superior\'s finding as a status', () => {
    expect(needs('完成上级规定的目标任务')).toEqual({ values: true, superior: true, status: true });
    expect(needs('完成上级规定的改善目标；保持稳定或持续改善')).toEqual({ values: true, superior: true, status: true });
  });
  it('a declared status for qualitative targets', () => {
    expect(needs('制定实施', '-')).toEqual({ values: false, superior: false, status: true });
  });
  it('everything for a row of alternatives that includes an unreadable target', () => {
    expect(inputsNeededFor([{ text: '≥2', unit: '%' }, { text: '保持稳定或持续改善', unit: '%' }])).toEqual({ values: true, superior: false, status: false });
    expect(inputsNeededFor([{ text: '随便写写', unit: '%' }])).toEqual({ values: true, superior: true, status: true });
  });
});
