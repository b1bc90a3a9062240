import { describe, expect, it } from 'vitest';
import { findInText } from '../../../src/artifacts/official-text/rules.ts';

describe('the official-text rules', () => {
  it('let the word joiners the Word writer puts around a range dash pass (33⁠—⁠35 reads as 33—35), and refuse any other zero-width character', () => {
    expect(findInText('牵头负责第1、5\u2060—\u20609、12项')).toEqual([]);
    expect(findInText('（2021\u2060—\u20602035年）')).toEqual([]);
    expect(findInText('第1\u2060项').map((f) => f.rule.id)).toEqual(['zero-width']);
    expect(findInText('兖州\u200b区').map((f) => f.rule.id)).toEqual(['zero-width']);
  });
});
