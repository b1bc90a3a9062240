import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
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
  return runQpdf(['--decrypt'], file);
}

/**
 * Rewrites a damaged PDF that qpdf can still read (a broken cross-reference table, say: qpdf rebuilds it
 * by scanning the file, exit code 3 "warnings"). `detail`: qpdf's first warning, for the message.
 */
export async function repairWithQpdf(file: string): Promise<DecryptOutcome & { readonly warning?: string }> {
  return runQpdf([], file);
}

/** Temporary folders of this process: `eco-qpdf-<pid>-…` in the system's temporary folder. */
const TEMP_PREFIX = 'eco-qpdf-';

async function runQpdf(args: readonly string[], file: string): Promise<DecryptOutcome & { readonly warning?: string }> {
  if (!(await qpdfAvailable())) return { ok: false, reason: 'no-qpdf', detail: '未找到 qpdf' };
  const dir = await mkdtemp(path.join(os.tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  const out = path.join(dir, 'rewritten.pdf');
  try {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('qpdf', [...args, file, out], { maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stderr: String(stderr) });
      });
    });
    const warning = /WARNING: [^:]*: (.*)/.exec(result.stderr)?.[1];
    // qpdf exit codes: 0 fine, 3 warnings (output written), 2 errors
    if (result.code === 0 || result.code === 3) return { ok: true, bytes: new Uint8Array(await readFile(out)), ...(warning ? { warning } : {}) };
    const password = /password/i.test(result.stderr);
    return { ok: false, reason: password ? 'password' : 'failed', detail: result.stderr.trim().split('\n').pop() ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether a process of this machine is still running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary folders that runs killed outright left behind: `eco-qpdf-<pid>-…` of a process no
 * longer running, and `eco-decrypt-…` (the older name, no process id) not touched for an hour.
 */
export async function removeStaleQpdfTemp(): Promise<void> {
  const tmp = os.tmpdir();
  const names = await readdir(tmp).catch(() => [] as string[]);
  for (const name of names) {
    const full = path.join(tmp, name);
    const mine = new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name);
    if (mine) {
      if (!alive(Number(mine[1]))) await rm(full, { recursive: true, force: true }).catch(() => {});
    } else if (name.startsWith('eco-decrypt-')) {
      const info = await stat(full).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 3_600_000) await rm(full, { recursive: true, force: true }).catch(() => {});
    }
  }
}
