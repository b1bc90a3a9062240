import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { chartPng } from './png.ts';
import type { ChartSpec } from './spec.ts';
import type { ChartDrawing, ChartSize } from './svg.ts';

/** One chart to draw: what chartPng takes. */
export interface ChartJob {
  readonly spec: ChartSpec;
  readonly size: ChartSize;
  readonly scale: number;
  readonly drawing: ChartDrawing;
}

/**
 * Charts drawn on a thread that ends when they are done. Drawing loads ECharts, fontkit and two 10 MB
 * fonts: about 45 MB that a build on one thread kept until its end, through the annex and the zip, where
 * its memory peaks. On a thread of their own they are let go with it. The pictures are the same bytes
 * as chartPng's on this thread. Run from the TypeScript sources (the tests), where there is no compiled
 * file for a thread to load, the charts are drawn here.
 */
export async function drawCharts(jobs: readonly ChartJob[]): Promise<Buffer[]> {
  if (jobs.length === 0) return [];
  if (!import.meta.url.endsWith('.js')) return jobs.map((j) => chartPng(j.spec, j.size, j.scale, j.drawing));
  const worker = new Worker(new URL('./draw-thread.js', import.meta.url), { workerData: jobs });
  let pictures: ArrayBuffer[] | undefined;
  let failure: Error | undefined;
  worker.on('message', (m: ArrayBuffer[]) => (pictures = m));
  worker.on('error', (e) => (failure = e));
  await once(worker, 'exit');
  if (!pictures || pictures.length !== jobs.length) throw failure ?? new Error('绘制图表的线程意外结束');
  return pictures.map((p) => Buffer.from(p));
}
