/**
 * Ctrl-C and SIGTERM, heard once: `handler` runs for the first of them, after both are taken off again (so
 * raising the signal again from it takes the default action and ends the process). Returns the function that
 * takes them off when the command no longer needs them.
 */
export function onStopSignal(handler: (signal: NodeJS.Signals) => void): () => void {
  const heard = (signal: NodeJS.Signals) => {
    release();
    handler(signal);
  };
  const release = () => {
    process.off('SIGINT', heard);
    process.off('SIGTERM', heard);
  };
  process.once('SIGINT', heard);
  process.once('SIGTERM', heard);
  return release;
}
