import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/, lowest first. A folder imports from lower layers, and from its own layer only where
 * SAME_LAYER lists the pair by name; src/index.ts (the library's face) sits on top. A folder is entered
 * through its face: an import from another folder names an index.ts of that folder (documents/ and
 * artifacts/ have one face per toolkit or artifact kind). New folders must be given a layer here.
 */
const LAYERS = [
  ['model', 'common', 'files'], // ground: zod schemas and the issue vocabulary; Chinese formatting; hashing, atomic writes, staging
  ['documents'], // toolkits: docx, pdf, xlsx, charts, templates, office zips — they know no indicator
  ['judge', 'validate', 'load', 'init', 'intake', 'status', 'workbook'], // domain: verdicts, checks, the project folder, fill-in workbooks
  ['artifacts'], // the bundle's artifacts: a planner and a renderer per kind
  ['bundle', 'package', 'revise', 'site-visit'], // a bundle built, packed, verified, revised; 现场核查 from it
  ['cli', 'serve'], // surface: one file per command, the office's dashboard
] as const;

/** Imports allowed inside one layer, as 'from → to'. */
const SAME_LAYER = new Set([
  'common → model', 'files → common',
  'load → judge', 'load → validate', 'init → load', 'init → validate', 'intake → load', 'intake → validate',
  'status → judge', 'workbook → judge', 'workbook → load', 'workbook → validate',
  'bundle → package', 'revise → bundle', 'revise → package', 'site-visit → package', 'site-visit → revise',
  'cli → serve',
]);

/** Folders entered through a face per subfolder rather than one for the whole folder. */
const FACE_PER_SUBFOLDER = new Set(['documents', 'artifacts']);

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of a file (static, dynamic and re-exports), resolved to absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

/** 'artifacts' for src/artifacts/annex/x.ts; '' for files directly in src/. */
function folderOf(abs: string): string {
  const rel = path.relative(SRC, abs).split(path.sep);
  return rel.length > 1 ? rel[0]! : '';
}

function layerOf(folder: string): number {
  if (folder === '') return LAYERS.length; // src/index.ts: the top
  return LAYERS.findIndex((layer) => (layer as readonly string[]).includes(folder));
}

/** Whether `target` is a face of its folder: the folder's index.ts, or a subfolder's where the folder has one per subfolder. */
function isFace(target: string): boolean {
  const rel = path.relative(SRC, target).split(path.sep);
  if (rel.at(-1) !== 'index.ts') return false;
  return rel.length === 2 || (rel.length === 3 && FACE_PER_SUBFOLDER.has(rel[0]!));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('src/ layering', () => {
  it('every folder of src/ has a layer', () => {
    const unknown = [...new Set(files.map(folderOf))].filter((f) => layerOf(f) < 0);
    expect(unknown).toEqual([]);
  });

  it('imports go down the layers, or sideways only where listed', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from === to || layerOf(to) < layerOf(from)) continue;
        if (layerOf(to) === layerOf(from) && SAME_LAYER.has(`${from} → ${to}`)) continue;
        wrong.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every listed same-layer import is still used (the list does not grow stale)', () => {
    const used = new Set<string>();
    for (const [file, imports] of graph) for (const t of imports) used.add(`${folderOf(file)} → ${folderOf(t)}`);
    expect([...SAME_LAYER].filter((pair) => !used.has(pair))).toEqual([]);
  });

  it('a folder is entered through its face (index.ts)', () => {
    const behind: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (folderOf(file) === folderOf(target) || folderOf(target) === '' || isFace(target)) continue;
        behind.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(behind).toEqual([]);
  });

  it('no folder holds more than a quarter of the lines of src/', () => {
    const lines = new Map<string, number>();
    let total = 0;
    for (const f of files) {
      const n = readFileSync(f, 'utf8').split('\n').length;
      lines.set(folderOf(f), (lines.get(folderOf(f)) ?? 0) + n);
      total += n;
    }
    expect([...lines].filter(([, n]) => n > total / 4).map(([folder]) => folder)).toEqual([]);
  });

  it('src/index.ts exports the library only, not the command line', () => {
    expect(graph.get(path.join(SRC, 'index.ts'))!.filter((t) => folderOf(t) === 'cli')).toEqual([]);
  });

  it('no import cycles between files', () => {
    // Tarjan's strongly connected components; a component of more than one file is a cycle
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(path.relative(SRC, w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('every relative import resolves to a source file', () => {
    const missing = [...graph].flatMap(([file, imports]) => imports.filter((t) => !graph.has(t)).map((t) => `${path.relative(SRC, file)} → ${path.relative(SRC, t)}`));
    expect(missing).toEqual([]);
  });
});
