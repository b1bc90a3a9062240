import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

let available: Promise<boolean> | undefined;

/** Whether `qpdf` can be run (checked once per process). */
export function qpdfAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) => {
    execFile('qpdf', ['--version'], (error) => resolve(!error));
  });
  return available;
}

export type DecryptOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'no-qpdf' | 'password' | 'failed'; readonly detail: string };

/**
 * Removes the encryption of a PDF that opens without a password (owner password / permissions only) with
 * `qpdf --decrypt`. A file that needs a user password cannot be opened and is reported as such.
 */
export async function decryptWithQpdf(file: string): Promise<DecryptOutcome> {
  if (!(await qpdfAvailable())) return { ok: false, reason: 'no-qpdf', detail: '未找到 qpdf' };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eco-decrypt-'));
  const out = path.join(dir, 'decrypted.pdf');
  try {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('qpdf', ['--decrypt', file, out], { maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stderr: String(stderr) });
      });
    });
    // qpdf exit codes: 0 fine, 3 warnings (output written), 2 errors
    if (result.code === 0 || result.code === 3) return { ok: true, bytes: new Uint8Array(await readFile(out)) };
    const password = /password/i.test(result.stderr);
    return { ok: false, reason: password ? 'password' : 'failed', detail: result.stderr.trim().split('\n').pop() ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
