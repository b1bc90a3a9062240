import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { abortStaging, createStaging, stagingWatch } from '../../src/files/staging.ts';

const out = mkdtempSync(path.join(os.tmpdir(), 'eco-staging-watch-'));
afterAll(() => {
  stagingWatch.onChange = undefined;
  rmSync(out, { recursive: true, force: true });
});

describe('the staging folders a command thread tells the main thread of', () => {
  it('are told before they exist, so a Ctrl-C the moment one appears finds it known, and told gone when removed', async () => {
    const told: { roots: string[]; existing: boolean[] }[] = [];
    stagingWatch.onChange = (roots) => told.push({ roots: [...roots], existing: roots.map((r) => existsSync(r)) });
    const staging = await createStaging(out, '材料包');
    expect(existsSync(staging.bundleDir)).toBe(true);
    expect(told[0]).toEqual({ roots: [staging.root], existing: [false] });
    await abortStaging(staging);
    expect(existsSync(staging.root)).toBe(false);
    expect(told.at(-1)!.roots).toEqual([]);
  });
});
