import { rename } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * On Windows a file just written is often opened for a moment by antivirus or the search indexer, and
 * renaming it (or the folder it is in) then fails with EPERM, EBUSY or EACCES although nothing is wrong.
 * Such a rename is tried again for a bounded time; only an error that outlasts it reaches the user, with
 * the place as usual. Elsewhere these errors mean what they say and are not retried (a budget of 0).
 */
export const HELD_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** How long a held file is waited for, in milliseconds (settable by tests). */
export const heldFiles = { budgetMs: process.platform === 'win32' ? 3000 : 0 };

const isHeld = (e: unknown) => HELD_CODES.has((e as NodeJS.ErrnoException | undefined)?.code ?? '');

/** Runs `op`; while it fails with a "held" error and the budget lasts, waits a little and tries again. */
export async function retryWhileHeld<T>(op: () => Promise<T>, budgetMs = heldFiles.budgetMs): Promise<T> {
  const until = Date.now() + budgetMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    try {
      return await op();
    } catch (e) {
      if (!isHeld(e) || Date.now() + wait > until) throw e;
      await sleep(wait);
    }
  }
}

/** `rename`, waiting for a file held for a moment (see above). */
export function renameHeld(from: string, to: string): Promise<void> {
  return retryWhileHeld(() => rename(from, to));
}
