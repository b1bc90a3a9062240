import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renameHeld } from './held.ts';

/**
 * Writes a file so that readers see the old content or the new one, never half of it:
 * a temporary file beside the target, then one rename. (The temporary name is random, but it
 * never survives into any output.) The rename waits for a moment when Windows holds the fresh file (held.ts).
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes);
    await renameHeld(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** A temporary path beside `target` for writers that stream (rename it into place with `renameHeld`). */
export function tempPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}
