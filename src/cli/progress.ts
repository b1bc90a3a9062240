import type { ProgressListener } from '../common/index.ts';

/** Progress bars on stderr for the long steps, redrawn in place; nothing at all when not on a terminal. */
export function progressBar(write: (text: string) => void, enabled: boolean): ProgressListener & { done(): void } {
  let lastStep = '';
  let lastDraw = 0;
  const bar = ((event) => {
    if (!enabled) return;
    const now = performance.now();
    const finished = event.done >= event.total;
    if (event.step === lastStep && !finished && now - lastDraw < 100) return;
    if (event.step !== lastStep && lastStep) write('\n');
    lastStep = event.step;
    lastDraw = now;
    const ratio = event.total > 0 ? Math.min(1, event.done / event.total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    write(`\r${event.step} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%`);
  }) as ProgressListener & { done(): void };
  bar.done = () => {
    if (enabled && lastStep) write('\n');
    lastStep = '';
  };
  return bar;
}
