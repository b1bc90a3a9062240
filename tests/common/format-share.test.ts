import { describe, expect, it } from 'vitest';
import { formatShare, shareOf } from '../../src/common/index.ts';
import { assessEligibility } from '../../src/judge/index.ts';
import { basicSlides } from '../../src/site-visit/slides.ts';

describe('formatShare: one rounding rule for every share a document states', () => {
  it('keeps one decimal at most, rounding half away from zero', () => {
    expect(formatShare(shareOf(11, 16))).toBe('68.8%');
    expect(formatShare(shareOf(12, 16))).toBe('75%');
    expect(formatShare(shareOf(14, 16))).toBe('87.5%');
    expect(formatShare(shareOf(1, 3))).toBe('33.3%');
    expect(formatShare(shareOf(2, 3))).toBe('66.7%');
    expect(formatShare(0.8)).toBe('80%');
    expect(formatShare(shareOf(0, 0))).toBe('100%');
  });

  it('is the rule of the 申报条件 line too', () => {
    const indicators = Array.from({ length: 16 }, (_, i) => ({ no: i + 1, name: `指标${i + 1}`, attribute: '参考性' })) as never[];
    const verdicts = Array.from({ length: 16 }, (_, i) => ({ no: i + 1, verdict: i < 11 ? '达标' : '未达标' })) as never[];
    expect(assessEligibility(indicators, verdicts).line).toContain('参考性指标达标 11/16 项（68.8%');
  });
});

describe('basicSlides: the narrative whole, over as many slides as it needs', () => {
  it('puts short text and the facts on one slide', () => {
    expect(basicSlides(['短段落。'], ['事实一', '事实二'])).toEqual([{ paragraphs: ['短段落。'], facts: ['事实一', '事实二'] }]);
  });

  it('moves whole paragraphs to further slides, never cutting one, the facts last', () => {
    const long = Array.from({ length: 6 }, (_, i) => `第${i + 1}段。${'生态文明建设'.repeat(20)}`);
    const pages = basicSlides(long, ['事实']);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.paragraphs)).toEqual(long);
    expect(pages.at(-1)!.facts).toEqual(['事实']);
    expect(pages.slice(0, -1).every((p) => p.facts.length === 0)).toBe(true);
  });
});
