import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkProject, type CheckedProject } from '../load/index.ts';
import { PROJECT_FILES } from '../load/index.ts';

/**
 * The project folder stays the one source of truth: pages read it through the same load → validate → judge
 * as every command (cached until a file changes), and every change goes through `exclusive`, one at a time,
 * so two accepted uploads never edit results.yaml or evidence.yaml at once.
 */
export class ProjectState {
  private cached?: { key: string; checked: CheckedProject };
  /** the check under way: requests arriving meanwhile for the same files wait for it instead of starting their own */
  private running?: { key: string; checked: Promise<CheckedProject> };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  private async key(): Promise<string> {
    const files = [PROJECT_FILES.project, PROJECT_FILES.indicators, PROJECT_FILES.results, PROJECT_FILES.evidence, PROJECT_FILES.evidenceDir];
    const stamps = await Promise.all(files.map(async (f) => {
      const s = await stat(path.join(this.dir, f)).catch(() => undefined);
      return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : '-';
    }));
    return stamps.join('|');
  }

  /** One validation per state of the files, shared by every request that asks while it runs. */
  async checked(): Promise<CheckedProject> {
    const key = await this.key();
    if (this.cached?.key === key) return this.cached.checked;
    if (this.running?.key === key) return this.running.checked;
    const run = { key, checked: checkProject(this.dir) };
    this.running = run;
    try {
      const checked = await run.checked;
      if (this.running === run) this.cached = { key, checked };
      return checked;
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  invalidate(): void {
    this.cached = undefined;
    this.running = undefined;
  }

  /** Runs `fn` after every earlier change has finished; changes never overlap. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    // no invalidation here: a change renames its file into place (a new inode, a new key), and an acceptance
    // has just validated the new state, which the next pages reuse
    return run;
  }
}
