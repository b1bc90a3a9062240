import type { PlannedArtifact, WrittenFile } from '../artifacts/index.ts';
import type { ProduceContext } from './context.ts';
import { produce, type Produced } from './produce.ts';

/**
 * The originals (原始材料) copied in the background, one at a time in plan order, while the documents and
 * the annex are rendered: a copy is the kernel's work in the thread pool, rendering is the main thread's,
 * so the copying costs the build almost nothing (npm run bench: 1.3–2.9 s of a 1 GB build before). The
 * build takes each result in its place in the plan, so written files, issues and the manifest keep their
 * order. Nothing here is left running: `stop` skips the copies not yet begun and waits for the one under way.
 */
export interface CopiesAhead {
  /** the copy of this artifact, if it is one made ahead */
  take(artifact: PlannedArtifact): Promise<Produced> | undefined;
  stop(): Promise<void>;
}

export function copyAhead(ctx: ProduceContext, artifacts: readonly PlannedArtifact[]): CopiesAhead {
  const copies = artifacts.filter((a) => ctx.kinds.get(a.source.kind)?.render === 'copy');
  // a copy's own time is not the build's: it overlaps other work (the build counts the time it waits)
  const { onProgress: _shownByTheBuild, ...shared } = ctx;
  const background: ProduceContext = { ...shared, timings: {} };
  const none: readonly WrittenFile[] = [];
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  const started = new Map<string, Promise<Produced>>();
  for (const artifact of copies) {
    const made = chain.then(async (): Promise<Produced> => {
      if (stopped) return { written: { artifact, sha256: '', bytes: 0 }, reused: false, issues: [] };
      return produce(background, artifact, none);
    });
    // a failure is the caller's when it takes the result; the chain itself goes on
    chain = made.catch(() => undefined);
    started.set(artifact.path, made);
  }
  return {
    take: (artifact) => {
      const made = started.get(artifact.path);
      started.delete(artifact.path);
      return made;
    },
    stop: async () => {
      stopped = true;
      await chain;
      // results nobody took are dropped; their rejections are not unhandled
      for (const made of started.values()) made.catch(() => undefined);
    },
  };
}
