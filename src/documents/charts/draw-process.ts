/**
 * The body of the thread charts are drawn on (see thread.ts): the jobs come in workerData, the pictures go
 * back in one message, and the thread ends with ECharts, fontkit and the outline fonts it loaded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chartPng } from './png.ts';
import type { ChartJob } from './thread.ts';

const jobs = workerData as readonly ChartJob[];
const pictures = jobs.map((j) => {
  const png = chartPng(j.spec, j.size, j.scale, j.drawing);
  // a copy of its own (not a view of a pooled buffer), so it can be handed over without copying again
  return new Uint8Array(png).buffer;
});
parentPort!.postMessage(pictures, pictures);
