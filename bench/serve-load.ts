/**
 * node bin/run-ts.js bench/serve-load.ts [-- --per-unit 5]: a bounded load test of `serve` on 127.0.0.1.
 * Every unit of the sample project (14) sends its uploads at once (one workbook from `collect` + evidence PDFs),
 * while the office's pages are loaded; then the office accepts everything at once. Checks that no upload is
 * lost (record rows, stored bytes and sha256), that every accepted file is in evidence.yaml, and that the project
 * still validates. Bounded: a fixed number of requests, and it gives up after 5 minutes. Prints figures.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { checkProject } from '../src/load/check.ts';
import { collectWorkbooks } from '../src/workbook/collect.ts';
import { startServer } from '../src/serve/server.ts';
import { csrfToken } from '../src/serve/auth.ts';

const { values } = parseArgs({ options: { 'per-unit': { type: 'string', default: '5' }, pages: { type: 'string', default: '60' } } });
const perUnit = Number(values['per-unit']);
const pageLoads = Number(values.pages);
const giveUp = setTimeout(() => {
  process.stderr.write('超过 5 分钟，放弃\n');
  process.exit(2);
}, 300_000);

const work = await mkdtemp(path.join(os.tmpdir(), 'eco-serve-load-'));
const project = path.join(work, 'project');
await cp(path.resolve('fixtures/yanzhou-2023'), project, { recursive: true });
const before = await checkProject(project);
const books = new Map((await collectWorkbooks(before.data!)).map((b) => [b.unit, b]));
const server = await startServer({ projectDir: project, outDir: path.join(work, 'out'), host: '127.0.0.1', port: 0 });
const secret = server.record.secret();
const units = [...books.keys()];
const links = new Map(units.map((u) => [u, `${server.url}/u/${server.record.issueToken(u)}`]));
const unitIndicator = new Map(units.map((u) => [u, before.data!.indicators.find((i) => i.units.includes(u))!.no]));

const latencies: number[] = [];
const timedFetch = async (url: string, init?: RequestInit) => {
  const began = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  latencies.push(performance.now() - began);
  return res;
};
const pdf = (unit: string, k: number) => Buffer.from(`%PDF-1.4\n% ${unit} ${k}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');

interface Sent { unit: string; name: string; sha256: string; status: number }
const sent: Sent[] = [];
const upload = async (unit: string, k: number) => {
  const body = new FormData();
  body.set('_csrf', csrfToken(secret, { kind: 'unit', unit }));
  let bytes: Buffer;
  let name: string;
  let kind: string;
  if (k === 0) {
    const book = books.get(unit)!;
    bytes = book.bytes as Buffer;
    name = book.fileName;
    kind = 'workbook';
  } else {
    bytes = pdf(unit, k);
    name = `台账-${k}.pdf`;
    kind = 'evidence';
    for (const [key, value] of Object.entries({ indicators: String(unitIndicator.get(unit)), title: `压力测试材料${k}`, issuer: unit, date: '2023-05-10', kind: '台账' })) body.set(key, value);
  }
  body.set('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await timedFetch(`${links.get(unit)}/${kind}`, { method: 'POST', headers: { origin: server.url }, body });
  sent.push({ unit, name, sha256: createHash('sha256').update(bytes).digest('hex'), status: res.status });
};

const pages = ['/', '/units', '/indicators', '/indicators/3', '/problems', '/uploads', '/history'];
const began = performance.now();
await Promise.all([
  ...units.flatMap((u) => Array.from({ length: perUnit }, (_, k) => upload(u, k))),
  ...Array.from({ length: pageLoads }, (_, k) => timedFetch(server.url + pages[k % pages.length]!).then((r) => { if (r.status !== 200) throw new Error(`page ${r.status}`); })),
]);
const uploadSeconds = (performance.now() - began) / 1000;

// nothing lost: every upload is in the record, its bytes stored with the sha256 the unit sent
const rows = server.record.uploads();
const problems: string[] = [];
if (sent.some((s) => s.status !== 200)) problems.push(`非 200 的上传：${sent.filter((s) => s.status !== 200).map((s) => `${s.unit}/${s.name} ${s.status}`).join(', ')}`);
for (const s of sent) {
  const row = rows.find((r) => r.unit === s.unit && r.name === s.name && r.sha256 === s.sha256);
  if (!row) problems.push(`记录中没有 ${s.unit}/${s.name}`);
  else {
    const stored = await readFile(path.join(project, '.eco-dossier', row.stored));
    if (createHash('sha256').update(stored).digest('hex') !== s.sha256) problems.push(`${s.unit}/${s.name} 存储内容不符`);
  }
}

// the office accepts everything at once; changes are applied one at a time
const officeCsrf = csrfToken(secret, { kind: 'office' });
const acceptBegan = performance.now();
const decisions = await Promise.all(rows.map((r) => timedFetch(`${server.url}/uploads/${r.id}/accept`, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${officeCsrf}&overwrite=0` }).then((res) => res.status)));
const acceptSeconds = (performance.now() - acceptBegan) / 1000;
if (decisions.some((s) => s !== 200)) problems.push(`接受失败：${decisions.filter((s) => s !== 200).length} 份`);
const after = await checkProject(project);
const errors = after.issues.filter((i) => i.severity === 'error');
if (errors.length) problems.push(`项目校验错误 ${errors.length} 条：${errors[0]!.message}`);
const evidenceAdded = after.data ? after.data.evidence.length - before.data!.evidence.length : -1;
const expectedEvidence = units.length * (perUnit - 1);
if (evidenceAdded !== expectedEvidence) problems.push(`evidence.yaml 新增 ${evidenceAdded} 条，应为 ${expectedEvidence}`);

await server.close();
clearTimeout(giveUp);
const sorted = [...latencies].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);
console.log([
  `单位 ${units.length} 个 × 每个 ${perUnit} 份上传 = ${sent.length} 份，同时加载页面 ${pageLoads} 次：${uploadSeconds.toFixed(1)} s`,
  `办公室同时接受 ${rows.length} 份（逐一写入项目）：${acceptSeconds.toFixed(1)} s；evidence.yaml 新增 ${evidenceAdded} 条`,
  `请求 ${latencies.length} 个，耗时 p50 ${q(0.5)} ms，p95 ${q(0.95)} ms，最长 ${q(1)} ms`,
  problems.length ? `问题：\n  ${problems.join('\n  ')}` : '没有丢失任何上传，项目校验通过。',
].join('\n'));
await rm(work, { recursive: true, force: true });
process.exitCode = problems.length ? 1 : 0;
