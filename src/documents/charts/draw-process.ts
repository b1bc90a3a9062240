/**
 * The process charts are drawn in (see apart.ts): the jobs come as JSON on stdin, each picture goes back on
 * stdout as its length (4 bytes, big-endian) and its bytes, and the process ends with ECharts, fontkit, resvg
 * and the outline fonts it loaded, and all the memory they took.
 */
import { chartPng } from './png.ts';
import type { ChartJob } from './apart.ts';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const jobs = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChartJob[];
for (const j of jobs) {
  const png = chartPng(j.spec, j.size, j.scale, j.drawing);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(png.length);
  process.stdout.write(length);
  process.stdout.write(png);
}
