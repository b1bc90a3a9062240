import { describe, expect, it } from 'vitest';
import { MAX_SEGMENT, safeSegment, uniquePaths } from '../../src/common/safe-names.ts';

describe('safeSegment', () => {
  it('replaces characters Windows forbids with their full-width forms', () => {
    expect(safeSegment('关于“河长制”的通知: 2023/07?*.pdf')).toBe('关于“河长制”的通知： 2023／07？＊.pdf');
    expect(safeSegment('a<b>c|d"e\\f.pdf')).toBe('a＜b＞c｜d＂e＼f.pdf');
  });
  it('avoids reserved device names, trailing dots and spaces, control characters', () => {
    expect(safeSegment('CON.pdf')).toBe('_CON.pdf');
    expect(safeSegment('lpt1')).toBe('_lpt1');
    expect(safeSegment('报告. . ')).toBe('报告');
    expect(safeSegment('a\u0001b\tc.pdf')).toBe('a_b c.pdf');
    expect(safeSegment('...')).toBe('未命名');
  });
  it('normalises to NFC', () => {
    const decomposed = 'e\u0301.pdf';
    expect(safeSegment(decomposed)).toBe('\u00e9.pdf');
  });
  it('bounds the length and keeps the extension', () => {
    const long = `${'很长的文件名'.repeat(30)}.pdf`;
    const safe = safeSegment(long);
    expect([...safe].length).toBe(MAX_SEGMENT);
    expect(safe.endsWith('.pdf')).toBe(true);
  });
  it('keeps a name of 4-byte characters within what Linux and macOS take (255 bytes), its extension kept', () => {
    const safe = safeSegment(`${'😀'.repeat(100)}.pdf`);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(240);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe.startsWith('😀'.repeat(50))).toBe(true);
    // CJK names of 80 characters are 240 bytes: unchanged
    expect(safeSegment(`${'很'.repeat(76)}.pdf`)).toBe(`${'很'.repeat(76)}.pdf`);
  });
});

describe('uniquePaths', () => {
  it('resolves collisions deterministically, ignoring case as Windows does', () => {
    expect(uniquePaths(['原始材料/1-规划/a.pdf', '原始材料/1-规划/A.pdf', '原始材料/1-规划/a.pdf', '原始材料/2-x/a.pdf'])).toEqual([
      '原始材料/1-规划/a.pdf',
      '原始材料/1-规划/A-2.pdf',
      '原始材料/1-规划/a-3.pdf',
      '原始材料/2-x/a.pdf',
    ]);
  });
  it('collisions created by sanitising are resolved too', () => {
    expect(uniquePaths(['d/a:b.pdf', 'd/a：b.pdf'])).toEqual(['d/a：b.pdf', 'd/a：b-2.pdf']);
  });
});
