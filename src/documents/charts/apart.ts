import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
 * Charts drawn in a process of their own that ends when they are done. Drawing loads ECharts, fontkit,
 * resvg and two 10 MB fonts. A build that drew them itself kept 30–50 MB more to its end, through the
 * annex and the zip where its memory peaks: the C allocator keeps what they used even after a thread
 * that drew them has ended; only a process's end gives it back. The pictures are the same bytes as
 * chartPng's here. Run from the TypeScript sources (the tests), where there is no compiled file for the
 * process to run, the charts are drawn here.
 */
export async function drawCharts(jobs: readonly ChartJob[]): Promise<Buffer[]> {
  if (jobs.length === 0) return [];
  if (!import.meta.url.endsWith('.js')) return jobs.map((j) => chartPng(j.spec, j.size, j.scale, j.drawing));
  const child = spawn(process.execPath, [fileURLToPath(new URL('./draw-process.js', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true,
  });
  const out: Buffer[] = [];
  let errors = '';
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (errors += t));
  const ended = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  child.stdin.on('error', () => undefined); // a process that failed to start: said by `ended`
  child.stdin.end(JSON.stringify(jobs));
  const code = await ended;
  const pictures = code === 0 ? split(Buffer.concat(out)) : undefined;
  if (!pictures || pictures.length !== jobs.length) {
    const said = errors.split('\n').find((l) => /Error/.test(l)) ?? errors.trim().split('\n')[0];
    throw new Error(`绘制图表的进程未能完成（退出码 ${code}${said ? `：${said}` : ''}）`);
  }
  return pictures;
}

/** The pictures of draw-process.ts's output: each its length (4 bytes) and its bytes. */
function split(all: Buffer): Buffer[] | undefined {
  const pictures: Buffer[] = [];
  for (let at = 0; at < all.length; ) {
    if (at + 4 > all.length) return undefined;
    const length = all.readUInt32BE(at);
    if (at + 4 + length > all.length) return undefined;
    pictures.push(all.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return pictures;
}
