/**
 * npm run bench [-- --files N --mb M]: builds and revises a synthetic project of the requested size and
 * compares each step with the standard tool doing the same work (sha256sum, qpdf, zip -0).
 * Writes out/bench.json and prints a short table. No test runner involved.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMap, isScalar, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { copySampleText, makeSyntheticProject } from './synthetic.ts';

const { values } = parseArgs({ options: { files: { type: 'string', default: '500' }, mb: { type: 'string', default: '1000' }, keep: { type: 'boolean' } } });
const files = Number(values.files);
const megabytes = Number(values.mb);
const root = path.join(os.tmpdir(), `eco-bench-${files}-${megabytes}`);
const project = path.join(root, 'project');
const outDir = path.join(root, 'out');

const log = (text: string) => process.stderr.write(`${text}\n`);
const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function timed(fn: () => void): number {
  const began = performance.now();
  fn();
  return (performance.now() - began) / 1000;
}

interface Measured {
  ok: boolean;
  seconds: number;
  peakMB: number;
  timings: Record<string, number>;
  zip: string | null;
  bundleDir: string | null;
  reused: number;
  errors: string[];
}

function measure(...args: string[]): Measured {
  const r = spawnSync(process.execPath, ['bench/measure.mjs', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Measured;
  } catch {
    throw new Error(`measure ${args[0]} failed:\n${r.stderr}`);
  }
}

/** results.yaml with indicator `no`'s current value raised by 0.5: the one-indicator change revise is timed on. */
function changeOneIndicator(text: string, no: number): string {
  const doc = parseDocument(text);
  const list = doc.get('results') as YAMLSeq;
  const item = list.items.find((r) => isMap(r) && r.get('indicator') === no);
  if (!isMap(item)) throw new Error(`results.yaml has no result for indicator ${no}`);
  const values = item.get('values') as YAMLMap;
  const year = values.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)).sort().pop()!;
  values.set(Number(year), Number(values.get(Number(year))) + 0.5);
  return doc.toString();
}

function evidenceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(path.join(project, 'evidence'));
  return out;
}

// 1. the synthetic project (kept between runs of the same size: it is deterministic)
const marker = path.join(root, 'generated.json');
if (!existsSync(marker)) {
  rmSync(root, { recursive: true, force: true });
  log(`生成合成项目：${files} 个文件，约 ${megabytes} MB → ${project}`);
  const made = await makeSyntheticProject({ files, megabytes, dir: project });
  writeFileSync(marker, JSON.stringify(made));
}
const generated = JSON.parse(readFileSync(marker, 'utf8')) as { files: number; bytes: number };
copySampleText(project);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const evidence = evidenceFiles();
const mb = generated.bytes / 1e6;

// 2. build, then revise after a change to one indicator
log('build …');
const build = measure('build', project, outDir);
if (!build.ok) throw new Error(`build failed: ${build.errors.join('\n')}`);
const results = path.join(project, 'results.yaml');
const original = readFileSync(results, 'utf8');
writeFileSync(results, changeOneIndicator(original, 3));
log('revise …');
let revise: Measured;
try {
  revise = measure('revise', project, outDir, build.zip!);
} finally {
  writeFileSync(results, original);
}
if (!revise.ok) throw new Error(`revise failed: ${revise.errors.join('\n')}`);

// 3. start-up and loading: a warm `validate` (the compiled command, as the office runs it) on the sample
// and on a project of 2,000 small evidence items; the best of three runs after a first one
function warmValidate(dir: string): number {
  const run = () => {
    const r = spawnSync(process.execPath, ['bin/eco-dossier.js', 'validate', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`validate ${dir} failed:\n${r.stdout}${r.stderr}`);
  };
  run();
  return Math.min(...[0, 1, 2].map(() => timed(run)));
}
const manyRoot = path.join(os.tmpdir(), 'eco-bench-validate-2000');
if (!existsSync(path.join(manyRoot, 'generated.json'))) {
  rmSync(manyRoot, { recursive: true, force: true });
  log('生成 2000 项小文件的合成项目（validate 计时用）…');
  const made = await makeSyntheticProject({ files: 2000, megabytes: 100, dir: path.join(manyRoot, 'project') });
  writeFileSync(path.join(manyRoot, 'generated.json'), JSON.stringify(made));
}
copySampleText(path.join(manyRoot, 'project'));
log('validate …');
const validate = { sample: { seconds: warmValidate('fixtures/yanzhou-2023') }, evidence2000: { files: 2000, seconds: warmValidate(path.join(manyRoot, 'project')) } };

// 4. the standard tools on the same evidence, same run
const baseline: Record<string, number | null> = { sha256sum: null, qpdf: null, zip: null };
if (have('sha256sum')) {
  log('baseline sha256sum …');
  baseline.sha256sum = timed(() => execFileSync('sh', ['-c', 'find evidence -type f -print0 | sort -z | xargs -0 sha256sum > /dev/null'], { cwd: project }));
}
const pdfs = evidence.filter((f) => f.endsWith('.pdf'));
if (have('qpdf') && pdfs.length) {
  log('baseline qpdf …');
  const listFile = path.join(root, 'pdfs.txt');
  writeFileSync(listFile, pdfs.join('\n'));
  baseline.qpdf = timed(() => execFileSync('sh', ['-c', `xargs -d '\\n' sh -c 'qpdf --empty --pages "$@" -- "${path.join(root, 'merged.pdf')}"' _ < "${listFile}"`], { maxBuffer: 1 << 26 }));
  rmSync(path.join(root, 'merged.pdf'), { force: true });
}
if (have('zip')) {
  log('baseline zip -0 …');
  const bundle = build.bundleDir!;
  baseline.zip = timed(() => execFileSync('zip', ['-0', '-r', '-q', path.join(root, 'baseline.zip'), path.basename(bundle)], { cwd: path.dirname(bundle) }));
  rmSync(path.join(root, 'baseline.zip'), { force: true });
}
const baselineValues = Object.values(baseline);
const baselineSeconds = baselineValues.every((v) => v !== null) ? baselineValues.reduce((a, b) => a! + b!, 0) : null;

// 5. report
const s = (ms: number | undefined) => (ms ?? 0) / 1000;
const stages = [
  ['load + hash', s(build.timings.load) + s(build.timings.hash), 'sha256sum', baseline.sha256sum],
  ['judge', s(build.timings.judge), null, null],
  ['report', s(build.timings.report), null, null],
  ['table', s(build.timings.table), null, null],
  ['annex', s(build.timings.annex), 'qpdf', baseline.qpdf],
  ['evidence copy', s(build.timings.evidence), null, null],
  ['zip', s(build.timings.zip), 'zip -0', baseline.zip],
] as const;
const summary = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  files: generated.files,
  megabytes: Math.round(mb * 10) / 10,
  build: { seconds: build.seconds, peakMB: Math.round(build.peakMB), stages: Object.fromEntries(stages.map(([n, sec]) => [n, { seconds: sec, mbPerSecond: sec > 0 ? mb / sec : null }])) },
  revise: { seconds: revise.seconds, peakMB: Math.round(revise.peakMB), reusedFiles: revise.reused, ratioToBuild: revise.seconds / build.seconds, timings: revise.timings },
  validate,
  baseline: { seconds: baselineSeconds, tools: baseline },
  ratio: baselineSeconds ? build.seconds / baselineSeconds : null,
};
mkdirSync('out', { recursive: true });
writeFileSync('out/bench.json', `${JSON.stringify(summary, null, 2)}\n`);

const f = (n: number | null | undefined, d = 2) => (n === null || n === undefined ? '—' : n.toFixed(d));
const rows = [
  `eco-dossier bench: ${generated.files} files, ${f(mb, 1)} MB (${summary.machine.cpus} cores, ${summary.machine.memoryGB} GiB, node ${process.version})`,
  '',
  'stage            seconds    MB/s   baseline          seconds   ratio',
  ...stages.map(([name, sec, tool, base]) =>
    `${name.padEnd(16)} ${f(sec).padStart(7)} ${f(sec > 0 ? mb / sec : null, 0).padStart(7)}   ${(tool ?? '').padEnd(16)} ${f(base).padStart(7)} ${base ? f(sec / base).padStart(7) : ''}`,
  ),
  '',
  `build   ${f(build.seconds)} s, peak ${Math.round(build.peakMB)} MB; baselines together ${f(baselineSeconds)} s → ratio ${f(summary.ratio)}`,
  `revise  ${f(revise.seconds)} s (${f(summary.revise.ratioToBuild * 100, 1)} % of build), peak ${Math.round(revise.peakMB)} MB, ${revise.reused} files reused`,
  `        ${Object.entries(revise.timings).filter(([, ms]) => ms >= 5).map(([stage, ms]) => `${stage} ${f(ms / 1000)}`).join(', ')} s; the rest is loading the project`,
  `validate (warm) ${f(validate.sample.seconds)} s on the sample, ${f(validate.evidence2000.seconds)} s on 2,000 evidence items`,
  '',
  'written: out/bench.json',
];
process.stdout.write(`${rows.join('\n')}\n`);
if (!values.keep) rmSync(outDir, { recursive: true, force: true });
