/**
 * node bin/run-ts.js bench/serve-pages.ts [-- --rounds 10 --concurrent 20]: how fast the office's pages answer
 * on the sample project, served on 127.0.0.1.
 *  - idle: the pages loaded one after another, the project unchanged (after one warm-up round);
 *  - after a change: results.yaml changes (a comment appended: a new state of the project), then
 *    `concurrent` pages (总览, 责任单位, 指标, one indicator, 问题, a unit's page, mixed) are asked at once;
 *    repeated `rounds` times.
 * Prints p50/p95/max per kind in ms. Bounded: a fixed number of requests, gives up after 5 minutes.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../src/serve/server.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' }, concurrent: { type: 'string', default: '20' }, idle: { type: 'string', default: '140' } } });
const rounds = Number(values.rounds);
const concurrent = Number(values.concurrent);
const idleLoads = Number(values.idle);
const giveUp = setTimeout(() => {
  process.stderr.write('超过 5 分钟，放弃\n');
  process.exit(2);
}, 300_000);

const work = await mkdtemp(path.join(os.tmpdir(), 'eco-serve-pages-'));
const project = path.join(work, 'project');
await cp(path.resolve('fixtures/yanzhou-2023'), project, { recursive: true });
const server = await startServer({ projectDir: project, outDir: path.join(work, 'out'), host: '127.0.0.1', port: 0 });
const unit = (await import('../src/load/check.ts').then((m) => m.checkProject(project))).data!.project.units[0]!.name;
const unitLink = `/u/${server.record.issueToken(unit)}`;
const pages = ['/', '/units', '/indicators', '/indicators/3', '/problems', unitLink, '/uploads', '/history'];

const load = async (target: string): Promise<number> => {
  const began = performance.now();
  const res = await fetch(server.url + target);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${target}: ${res.status}`);
  return performance.now() - began;
};
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(0);
  return `p50 ${q(0.5)} ms，p95 ${q(0.95)} ms，最长 ${s.at(-1)!.toFixed(0)} ms（${s.length} 次）`;
};

// warm-up: every page once (the first validation and the first charts)
for (const p of pages) await load(p);
const idle: number[] = [];
for (let k = 0; k < idleLoads; k++) idle.push(await load(pages[k % pages.length]!));

const afterChange: number[] = [];
const roundMax: number[] = [];
// CPU time of this process (server and the requests' client side) per round: what the load of other programs on the machine does not change
const roundCpu: number[] = [];
for (let r = 0; r < rounds; r++) {
  await appendFile(path.join(project, 'results.yaml'), `# 第 ${r + 1} 次修改\n`);
  const cpu = process.cpuUsage();
  const times = await Promise.all(Array.from({ length: concurrent }, (_, k) => load(pages[k % 6]!)));
  const used = process.cpuUsage(cpu);
  roundCpu.push((used.user + used.system) / 1000);
  afterChange.push(...times);
  roundMax.push(Math.max(...times));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
const load1 = (await import('node:os')).loadavg()[0]!.toFixed(1);

await server.close();
clearTimeout(giveUp);
await rm(work, { recursive: true, force: true });
console.log([
  `示例项目 ${path.basename(path.resolve('fixtures/yanzhou-2023'))}，服务于 127.0.0.1`,
  `空闲时逐个加载页面：${stats(idle)}`,
  `修改后同时加载 ${concurrent} 个页面（${rounds} 轮）：${stats(afterChange)}；每轮最慢一个的中位数 ${median(roundMax)} ms，每轮 CPU 时间中位数 ${median(roundCpu)} ms`,
  `本机 1 分钟平均负载 ${load1}（${(await import('node:os')).cpus().length} 核）`,
].join('\n'));
