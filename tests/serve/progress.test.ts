import { describe, expect, it } from 'vitest';
import { progressOf } from '../../src/serve/progress.ts';

/** One bar for a whole build, in MB and files, that never goes back and never shows 100 % before the end. */
describe('a build\'s progress as the page shows it', () => {
  it('moves one bar through the steps in order, in MB and files', () => {
    const MB = 1048576;
    const events = [
      ['校验佐证材料', 0, 300 * MB], ['校验佐证材料', 150 * MB, 300 * MB], ['校验佐证材料', 300 * MB, 300 * MB],
      ['编排佐证材料汇编', 1, 40], ['编排佐证材料汇编', 40, 40], ['打包 zip', 9.5 * MB, 320 * MB], ['打包 zip', 320 * MB, 320 * MB],
    ] as const;
    let previous = 0;
    const shown = events.map(([step, done, total]) => {
      const p = progressOf(step, done, total, previous);
      expect(p.fraction).toBeGreaterThanOrEqual(previous);
      previous = p.fraction;
      return p;
    });
    expect(shown[1]!.text).toBe('校验佐证材料 150 / 300 MB');
    expect(shown[3]!.text).toBe('编排佐证材料汇编 1 / 40 份材料');
    expect(shown[5]!.text).toBe('打包 zip 9.5 / 320 MB');
    // each step's end is not the whole job's: the zip is still checked afterwards
    expect(shown[2]!.fraction).toBeLessThan(0.5);
    expect(shown.at(-1)!.fraction).toBeLessThan(1);
    expect(shown.every((p) => !/\d{7,}/.test(p.text))).toBe(true);
  });

  it('keeps the bar where it was on a step it does not know', () => {
    expect(progressOf('写入报告', 3, 7, 0.4)).toEqual({ fraction: 0.4, text: '写入报告 3 / 7 份材料' });
  });
});
