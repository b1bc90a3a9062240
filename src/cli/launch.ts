/**
 * How the command line runs a command. The commands that read and write the evidence, gigabytes of it,
 * run on a thread of their own whose young generation is kept small (2 MB instead of V8's default of up
 * to 3 × 16 MB): the collector then frees the many short-lived buffers of the annex soon after they die,
 * and the C allocator is not left holding them. A 1 GB build peaked at 357–395 MB on the main thread,
 * 333–366 MB on a thread with 4 MB and, with the later changes, 293–312 MB with 4 MB against 276–283 MB
 * with 2 MB and 272–291 MB with 1 MB, no slower (npm run bench, three runs each). A flag such as
 * --max-semi-space-size would do the same but cannot be set once Node is running, and the office starts
 * the tool by double-clicking a launcher.
 * The other commands run on the main thread, as before. This module loads nothing else until it knows
 * which way the command goes.
 */
import { rmSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { onStopSignal } from './stop-signals.ts';
import type { ThreadMessage, ThreadStart } from './thread-messages.ts';

const ON_THREAD = new Set(['build', 'revise', 'annex']);
const THREAD_YOUNG_GENERATION_MB = 2;

export interface LaunchOptions {
  /** what the command prints on stdout, collected instead of printed (npm run bench reads the --json) */
  readonly stdout?: (text: string) => void;
}

/** Runs one command line and returns its exit code. */
export async function runCommand(argv: readonly string[], options: LaunchOptions = {}): Promise<number> {
  // compiled: the thread runs dist/cli/command-thread.js; from the TypeScript sources (tests) there is no
  // compiled file for a thread to load, and the command runs here
  const compiled = import.meta.url.endsWith('.js');
  if (compiled && ON_THREAD.has(argv[0] ?? '')) return runOnThread(argv, options);
  const { runCli, defaultContext } = await import('./main.ts');
  const ctx = defaultContext();
  return runCli(argv, options.stdout ? { ...ctx, stdout: options.stdout } : ctx);
}

async function runOnThread(argv: readonly string[], options: LaunchOptions): Promise<number> {
  const start: ThreadStart = { argv: [...argv], isTTY: Boolean(process.stderr.isTTY) };
  const worker = new Worker(new URL('./command-thread.js', import.meta.url), {
    workerData: start,
    resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    stdout: Boolean(options.stdout),
  });
  let printed = '';
  const read = options.stdout ? finished(worker.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk))) : undefined;
  let code: number | undefined;
  let interruptMessage: string | undefined;
  let staging: readonly string[] = [];
  worker.on('message', (m: ThreadMessage) => {
    if (m.kind === 'done') code = m.code;
    else if (m.kind === 'staging') staging = m.roots;
    else interruptMessage = m.message;
  });
  let failure: Error | undefined;
  worker.on('error', (e) => (failure = e));
  const release = relaySignals(() => interruptMessage, () => staging, () => worker.terminate());
  try {
    await once(worker, 'exit');
    await read?.catch(() => undefined);
  } finally {
    release();
  }
  if (options.stdout && printed) options.stdout(printed.replace(/\n$/, ''));
  if (code !== undefined) return code;
  process.stderr.write(`eco-dossier 运行失败：${failure?.message ?? '命令所在的线程意外结束'}\n`);
  if (failure && process.env.ECO_DOSSIER_DEBUG) process.stderr.write(`${failure.stack}\n`);
  return 2;
}

/**
 * Ctrl-C or SIGTERM while the command thread writes (it has told us what to say): the thread is stopped
 * first, so nothing writes into a staging folder while it is removed; then its staging folders go, the
 * message is said and the signal is raised again with its default action (exit status 130 after Ctrl-C in
 * a shell), as cli/interrupt.ts does on the main thread. When nothing is being written, the signal ends
 * the process at once.
 */
function relaySignals(message: () => string | undefined, folders: () => readonly string[], stop: () => Promise<unknown>): () => void {
  return onStopSignal((signal) => {
    const said = message();
    const end = () => {
      if (said !== undefined) {
        for (const root of folders()) rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
        process.stderr.write(said);
      }
      process.kill(process.pid, signal);
    };
    if (said === undefined) end();
    else void stop().then(end, end);
  });
}
