import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipFolder } from '../../src/package/zip.ts';

describe.runIf(existsSync('/dev/full'))('zipFolder on a full disk', () => {
  it('rejects with ENOSPC only once it has stopped: removing the folder afterwards raises nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-zip-full-'));
    const files: string[] = [];
    for (let k = 0; k < 12; k++) {
      const name = `f${String(k).padStart(2, '0')}.${k % 2 ? 'pdf' : 'txt'}`;
      writeFileSync(path.join(dir, name), Buffer.alloc(300_000, k));
      files.push(name);
    }
    const uncaught: unknown[] = [];
    const listener = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', listener);
    try {
      const error = await zipFolder(dir, 'bundle', files, '2023-07-20', '/dev/full').then(() => undefined, (e: unknown) => e);
      expect((error as NodeJS.ErrnoException | undefined)?.code).toBe('ENOSPC');
      // what build does next: the staging folder goes
      rmSync(dir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 300));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', listener);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
