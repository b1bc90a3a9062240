import { abortAllStagingSync } from '../files/index.ts';
import { onStopSignal } from './stop-signals.ts';

/**
 * On a command thread (cli/command-thread.ts) no signal arrives: the main thread receives Ctrl-C. There,
 * `onInterrupt` only tells the main thread what to say, and the main thread stops the command and removes
 * its staging folders (cli/launch.ts).
 */
export const interruptRelay: { arm?: (message: string) => void; release?: () => void } = {};

/**
 * Ctrl-C (or a stop request) while a command writes: its staging folders are removed synchronously, the
 * message says nothing was replaced, and the signal is raised again with its default action, so the process
 * ends as the user asked (exit status 130 after Ctrl-C in a shell). Returns the function that takes the
 * handler off again when the command is done.
 */
export function onInterrupt(message: string): () => void {
  const relay = interruptRelay;
  if (relay.arm) {
    relay.arm(message);
    return () => relay.release?.();
  }
  return onStopSignal((signal) => {
    abortAllStagingSync();
    process.stderr.write(message);
    process.kill(process.pid, signal);
  });
}
