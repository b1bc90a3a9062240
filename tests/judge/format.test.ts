import { describe, expect, it } from 'vitest';
import { circled, decimalsOf, difference, formatNumber, formatQuantity } from '../../src/common/chinese.ts';

describe('format', () => {
  it('circled numerals ① … ⑳', () => {
    expect([1, 2, 3].map(circled).join('')).toBe('①②③');
    expect(circled(20)).toBe('⑳');
    expect(circled(21)).toBe('(21)');
    expect(circled(0)).toBe('(0)');
  });

  it('keeps the decimals a number carries and no more', () => {
    expect(formatNumber(86.2)).toBe('86.2');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(0.45)).toBe('0.45');
    expect(formatNumber(-1)).toBe('-1');
    expect(formatNumber(86.2 - 80.5)).toBe('5.7');
    expect(formatNumber(1.23456, 2)).toBe('1.23');
    expect(formatNumber(2.0, 1)).toBe('2');
    expect(formatNumber(-0.0000000001, 2)).toBe('0');
    expect(decimalsOf(0.1 + 0.2)).toBe(1);
    expect(decimalsOf(1e-7)).toBe(7);
  });

  it('differences carry the decimals of their inputs', () => {
    expect(difference(86.2, 80.5)).toBe(5.7);
    expect(difference(58, 55.6)).toBe(2.4);
    expect(difference(66.12, 65.6)).toBe(0.52);
    expect(difference(59.8, 60.1)).toBe(-0.3);
  });

  it('appends the unit: % and other units directly, "-" omitted', () => {
    expect(formatQuantity(86.2, '%')).toBe('86.2%');
    expect(formatQuantity(0.45, '吨标准煤/万元')).toBe('0.45吨标准煤/万元');
    expect(formatQuantity(0.52, '-')).toBe('0.52');
  });
});
