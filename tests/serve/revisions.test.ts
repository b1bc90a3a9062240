import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRound, feedbackRounds, listRevisions } from '../../src/serve/revisions.ts';

describe('what the 材料包 page offers for a revision', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'eco-revisions-'));
    await mkdir(path.join(dir, 'feedback', 'round-1'), { recursive: true });
    for (const name of ['round-10.yaml', 'round-2.yaml', 'round-1.yaml', '说明.txt', 'round-x.yaml']) await writeFile(path.join(dir, 'feedback', name), '');
    // a folder without a manifest (a half-written staging folder) is not a bundle
    await mkdir(path.join(dir, 'out', '示例区-申报材料-r1.staging'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the review rounds by number, nothing else in feedback/', async () => {
    const rounds = await feedbackRounds(dir);
    expect(rounds).toEqual(['round-1.yaml', 'round-2.yaml', 'round-10.yaml']);
    expect(defaultRound(rounds, 2)).toBe('round-2.yaml');
    expect(defaultRound(rounds, 3)).toBeUndefined();
  });

  it('lists only folders with a readable manifest as bundles, and nothing when out/ is missing', async () => {
    expect(await listRevisions(path.join(dir, 'out'))).toEqual([]);
    expect(await listRevisions(path.join(dir, 'nowhere'))).toEqual([]);
  });
});
