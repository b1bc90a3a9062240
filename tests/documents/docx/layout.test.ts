import { describe, expect, it } from 'vitest';
import { A4, BODY_LINE, charSpaceFor, MARGINS, mmToTwips, pageGeometry } from '../../../src/documents/docx/layout.ts';
import { breakTitle } from '../../../src/documents/docx/title.ts';
import { padName, textWidth } from '../../../src/documents/docx/elements.ts';

describe('GB/T 9704 page geometry', () => {
  it('converts millimetres to twips (1 mm = 1440 / 25.4 twips)', () => {
    // 210 mm = 11905.5 → 11906; 297 mm = 16837.8 → 16838
    expect(A4).toEqual({ width: 11906, height: 16838 });
    // 37 mm = 2097.6, 35 mm = 1984.3, 28 mm = 1587.4, 26 mm = 1474.0
    expect([MARGINS.top, MARGINS.bottom, MARGINS.left, MARGINS.right]).toEqual([2098, 1984, 1587, 1474]);
    expect(mmToTwips(25.4)).toBe(1440);
  });

  it('gives a 156 mm × 225 mm text block with 22 lines of 28 characters', () => {
    const page = pageGeometry('portrait');
    expect(page.textWidth).toBe(8845); // 156.0 mm
    expect(page.textHeight).toBe(12756); // 225.0 mm
    expect(page.linePitch).toBe(579); // 28.95 pt
    expect(BODY_LINE).toBe(579);
    expect(22 * page.linePitch).toBeLessThanOrEqual(page.textHeight);
    expect(23 * page.linePitch).toBeGreaterThan(page.textHeight);
    // Word's character pitch: 16 pt + charSpace / 4096 pt; 28 of them fit, 29 do not
    const pitch = 16 + page.charSpace / 4096;
    expect(28 * pitch).toBeLessThanOrEqual(page.textWidth / 20);
    expect(29 * pitch).toBeGreaterThan(page.textWidth / 20);
    expect(page.charSpace).toBe(charSpaceFor(8845, 28));
  });

  it('turns the same text block on its side for a landscape attachment', () => {
    const page = pageGeometry('landscape');
    expect([page.width, page.height]).toEqual([16838, 11906]);
    expect([page.textWidth, page.textHeight]).toEqual([12756, 8845]);
    expect(page.linePitch).toBe(579);
  });
});

describe('official-document text helpers', () => {
  it('measures half-width letters and digits as half a character', () => {
    expect(textWidth('济宁市兖州区人民政府')).toBe(10);
    expect(textWidth('2023年7月20日')).toBe(6.5);
  });

  it('pads two-character names to three characters with two spaces', () => {
    expect(padName('王营')).toBe('王  营');
    expect(padName('石可清')).toBe('石可清');
    expect(padName('组长')).toBe('组  长');
  });

  it('breaks a long title after a hinted phrase, else at the middle, never changing its characters', () => {
    const title = '济宁市兖州区国家生态文明建设示范区创建工作报告';
    expect(breakTitle(title, 20, ['国家生态文明建设示范区'])).toBe('济宁市兖州区国家生态文明建设示范区<br>创建工作报告');
    expect(breakTitle('短标题', 20)).toBe('短标题');
    const plain = breakTitle('一二三四五六七八九十一二三四五六七八九十一二', 20);
    expect(plain.replace('<br>', '')).toBe('一二三四五六七八九十一二三四五六七八九十一二');
    expect(plain.split('<br>').every((l) => textWidth(l) <= 20)).toBe(true);
  });
});
