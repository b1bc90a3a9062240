/**
 * A command run on a thread of its own (cli/launch.ts starts it): the command line's arguments come in
 * workerData, the exit code goes back in a message. Signals reach only the main thread, so the staging
 * folders and the interrupt message are passed on to it as they change.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { stagingWatch } from '../files/index.ts';
import { interruptRelay } from './interrupt.ts';
import { defaultContext, runCli } from './main.ts';
import type { ThreadMessage, ThreadStart } from './thread-messages.ts';

const port = parentPort!;
const start = workerData as ThreadStart;
const post = (m: ThreadMessage) => port.postMessage(m);

stagingWatch.onChange = (roots) => post({ kind: 'staging', roots: [...roots] });
interruptRelay.arm = (message) => post({ kind: 'interrupt', message });
interruptRelay.release = () => post({ kind: 'interrupt', message: undefined });

const code = await runCli(start.argv, defaultContext(start.isTTY));
post({ kind: 'done', code });
