import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashOf } from '../../files/index.ts';
import { chartPng } from './png.ts';
import { drawCharts, type ChartJob } from './apart.ts';
import type { ChartSpec } from './spec.ts';
import type { ChartDrawing, ChartSize } from './svg.ts';

/**
 * Drawn charts kept in a folder of the output's state, by a hash of everything their pixels come from: the
 * spec, size, scale and drawing options, the versions of ECharts, resvg and the font package, and the code of
 * this toolkit. A revision whose figures did not change takes them from there instead of drawing them again
 * (ECharts, glyph outlines and resvg: most of the report's time). Same key, same bytes as drawing them.
 */

/** Files kept at most; the oldest go first. */
const KEEP = 256;

const require = createRequire(import.meta.url);

/** The version of an installed package, from the package.json above a file it resolves to. */
function versionOf(name: string, file = name): string {
  let dir = path.dirname(require.resolve(file));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '';
    }
    const up = path.dirname(dir);
    if (up === dir) return '';
    dir = up;
  }
}

let drawer: string | undefined;

/** What draws a chart besides its spec: the libraries' versions and the toolkit's own source files. */
function drawnWith(): string {
  if (drawer !== undefined) return drawer;
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const code = ['png', 'svg', 'outline'].map((m) => readFileSync(path.join(path.dirname(here), `${m}${ext}`), 'utf8'));
  drawer = hashOf({
    echarts: versionOf('echarts'),
    resvg: versionOf('@resvg/resvg-js'),
    font: versionOf('@expo-google-fonts/noto-sans-sc', '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    code,
  });
  return drawer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** A PNG from its signature to its IEND chunk (a file cut short by a crash is not one). */
function wholePng(bytes: Buffer): boolean {
  return bytes.length > PNG_SIGNATURE.length + PNG_END.length
    && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)
    && bytes.subarray(bytes.length - PNG_END.length).equals(PNG_END);
}

/** The chart's key in the cache: a hash of all its pixels are made from. */
export function chartKey(spec: ChartSpec, size: ChartSize, scale: number, drawing: ChartDrawing): string {
  return hashOf({ drawer: drawnWith(), spec, size, scale, drawing });
}

/** Where a chart is kept in `dir`: under its key. */
const keptFile = (dir: string, j: ChartJob) => path.join(dir, `${chartKey(j.spec, j.size, j.scale, j.drawing)}.png`);

/** A chart kept at `file`, when it is there whole. */
function keptPng(file: string): Buffer | undefined {
  try {
    const kept = readFileSync(file);
    return wholePng(kept) ? kept : undefined;
  } catch {
    return undefined; // not drawn yet
  }
}

/**
 * chartPng, taken from `dir` when drawn there before; drawn and kept there otherwise. A cache that cannot
 * be read or written is no cache: the chart is drawn and nothing else happens.
 */
export function cachedChartPng(dir: string | undefined, spec: ChartSpec, size: ChartSize, scale = 2, drawing: ChartDrawing = {}): Buffer {
  if (!dir) return chartPng(spec, size, scale, drawing);
  const file = keptFile(dir, { spec, size, scale, drawing });
  const kept = keptPng(file);
  if (kept) return kept;
  const png = chartPng(spec, size, scale, drawing);
  keep(dir, file, png);
  return png;
}

/**
 * Several charts at once, each taken from `dir` when drawn there before; the others drawn together in a
 * process of their own (apart.ts) and kept in `dir`. Same pictures as cachedChartPng's, in the jobs' order.
 */
export async function cachedChartPngs(dir: string | undefined, jobs: readonly ChartJob[]): Promise<Buffer[]> {
  const files = jobs.map((j) => (dir ? keptFile(dir, j) : undefined));
  const found = files.map((file) => (file ? keptPng(file) : undefined));
  const missing = jobs.flatMap((_, k) => (found[k] ? [] : [k]));
  const drawn = await drawCharts(missing.map((k) => jobs[k]!));
  missing.forEach((k, n) => {
    found[k] = drawn[n];
    if (dir) keep(dir, files[k]!, drawn[n]!);
  });
  return found as Buffer[];
}

/** A drawn chart kept under its key; a folder that cannot be written is no cache. */
function keep(dir: string, file: string, png: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, png);
    renameSync(temp, file);
    prune(dir);
  } catch {
    // read-only or full: drawn every time
  }
}

/** Keeps the newest KEEP charts. */
function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.png'));
  if (files.length <= KEEP) return;
  const aged = files.map((f) => ({ f, t: statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { f } of aged.slice(0, files.length - KEEP)) rmSync(path.join(dir, f), { force: true });
}
