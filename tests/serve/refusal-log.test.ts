import { describe, expect, it } from 'vitest';
import { RefusalLog } from '../../src/serve/refusal-log.ts';

describe('unsigned refusals in the office’s record', () => {
  it('writes a few a minute, counts the rest, and says the count when the next minute comes', () => {
    let now = 120_000;
    const written: string[] = [];
    const log = new RefusalLog((skipped, minute) => written.push(`另有 ${skipped} 次${minute === 120_000 ? '' : '（分钟错）'}`), 3, () => now);
    for (let k = 0; k < 10; k++) log.refused(() => written.push(`第 ${k + 1} 次`));
    expect(written).toEqual(['第 1 次', '第 2 次', '第 3 次']);
    now += 60_000;
    log.refused(() => written.push('下一分钟'));
    expect(written).toEqual(['第 1 次', '第 2 次', '第 3 次', '另有 7 次', '下一分钟']);
    // a quiet minute says nothing more
    now += 120_000;
    log.refused(() => written.push('再后来'));
    expect(written.slice(-1)).toEqual(['再后来']);
    expect(written.filter((w) => w.startsWith('另有'))).toEqual(['另有 7 次']);
  });
});
