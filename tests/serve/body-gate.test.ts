import { describe, expect, it } from 'vitest';
import { BodyGate, BusyError } from '../../src/serve/body-gate.ts';

describe('uploads read at once', () => {
  it('runs two at a time, queues the next, refuses past the queue, and hands each ended slot on', async () => {
    const gate = new BodyGate(2, 1);
    const running: number[] = [];
    let most = 0;
    const releases: (() => void)[] = [];
    const job = (n: number) => gate.run(async () => {
      running.push(n);
      most = Math.max(most, running.length);
      await new Promise<void>((resolve) => releases.push(resolve));
      running.splice(running.indexOf(n), 1);
      return n;
    });
    const first = job(1);
    const second = job(2);
    const third = job(3);
    await expect(job(4)).rejects.toBeInstanceOf(BusyError);
    await Promise.resolve();
    expect(running).toEqual([1, 2]);
    releases.shift()!();
    expect(await first).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(running).toEqual([2, 3]);
    releases.shift()!();
    releases.shift()!();
    expect(await Promise.all([second, third])).toEqual([2, 3]);
    expect(most).toBe(2);
    // every slot is free again, and a failure frees its slot too
    await expect(gate.run(async () => { throw new Error('bad file'); })).rejects.toThrow('bad file');
    expect(await Promise.all([gate.run(async () => 'a'), gate.run(async () => 'b')])).toEqual(['a', 'b']);
  });
});
