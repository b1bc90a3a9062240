import { describe, expect, it } from 'vitest';
import type { ArtifactKind, PlannedArtifact } from '../../src/artifacts/index.ts';
import type { ProduceContext } from '../../src/bundle/context.ts';
import { inProductionOrder } from '../../src/bundle/produce.ts';

/** A plan of artifacts named by kind; the kinds `annex-volume` and `evidence` read only their own kind. */
function plan(kinds: readonly string[]): { ctx: ProduceContext; artifacts: PlannedArtifact[] } {
  const own = new Set(['annex-volume', 'evidence']);
  const ctx = {
    kinds: new Map([...new Set(kinds)].map((k) => [k, { kind: k, ...(own.has(k) ? { readsEarlier: 'own' } : {}) } as unknown as ArtifactKind])),
  } as unknown as ProduceContext;
  const artifacts = kinds.map((k, i) => ({ path: `${i}-${k}`, source: { kind: k } }) as unknown as PlannedArtifact);
  return { ctx, artifacts };
}

/** Runs the order; `readyAfter`: the report's begun work is done once this many artifacts were made. */
async function order(kinds: readonly string[], readyAfter: number): Promise<{ made: string[]; indexes: number[] }> {
  const { ctx, artifacts } = plan(kinds);
  const made: string[] = [];
  const indexes: number[] = [];
  const done = await inProductionOrder(ctx, artifacts, (a) => a.source.kind === 'report' && made.length < readyAfter, async (a, k) => {
    made.push(a.path);
    indexes.push(k);
    return true;
  });
  expect(done).toBe(true);
  return { made, indexes };
}

describe('the order artifacts are made in', () => {
  const kinds = ['request', 'report', 'annex-volume', 'annex-volume', 'annex-volume', 'evidence', 'task-table', 'readme'];

  it('is the plan order when the report is ready at its turn', async () => {
    const { made } = await order(kinds, 0);
    expect(made).toEqual(kinds.map((k, i) => `${i}-${k}`));
  });

  it('lets annex volumes and originals go ahead of a report still drawing its figures, and makes it as soon as they are drawn', async () => {
    const { made, indexes } = await order(kinds, 3);
    expect(made).toEqual(['0-request', '2-annex-volume', '3-annex-volume', '1-report', '4-annex-volume', '5-evidence', '6-task-table', '7-readme']);
    // each is made with its own place in the plan, so the caller records it there
    expect(indexes).toEqual([0, 2, 3, 1, 4, 5, 6, 7]);
  });

  it('makes a report still waiting before the first artifact that may read it (the task table)', async () => {
    const { made } = await order(kinds, 100);
    expect(made).toEqual(['0-request', '2-annex-volume', '3-annex-volume', '4-annex-volume', '5-evidence', '1-report', '6-task-table', '7-readme']);
  });

  it('does not hold an artifact whose next one may read it, nor the last one', async () => {
    expect((await order(['report', 'task-table'], 100)).made).toEqual(['0-report', '1-task-table']);
    expect((await order(['annex-volume', 'report'], 100)).made).toEqual(['0-annex-volume', '1-report']);
  });

  it('stops at the first artifact that fails, making nothing after it', async () => {
    const { ctx, artifacts } = plan(kinds);
    const made: string[] = [];
    const done = await inProductionOrder(ctx, artifacts, (a) => a.source.kind === 'report', async (a) => {
      made.push(a.path);
      return a.path !== '3-annex-volume';
    });
    expect(done).toBe(false);
    expect(made).toEqual(['0-request', '2-annex-volume', '3-annex-volume']);
  });
});
