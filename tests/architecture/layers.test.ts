import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The floors of src/, lowest first. A folder may import from its own floor's folder and from lower floors,
 * never from a higher one; src/index.ts (the library's entry) sits on top and re-exports. New folders must
 * be given a floor here: an unknown folder fails the test.
 */
const FLOORS = [
  'model', // zod schemas, the Issue shape and the diagnostics vocabulary
  'common', // Chinese formatting, titles and names, path display, version, progress type
  'files', // hashing, fingerprints, atomic writes, staging and publishing, reading a bundle folder or zip
  'judge', // target grammar and verdicts
  'validate', // cross-file checks
  'load', // project folder → model + located issues
  'init', // a new project folder from a catalogue
  'intake', // evidence files into evidence.yaml
  'status', // readiness by unit and deadlines
  'plan', // the bundle plan, what every artifact is made from
  'render', // one renderer per artifact kind
  'package', // manifest, zip, verify, diff
  'workbook', // fill-in workbooks: collect and import
  'bundle', // build: prepare, produce, publish
  'revise', // review rounds and revisions
  'site-visit', // 现场核查 preparation
  'serve', // the office's web dashboard: pages, unit uploads, the record
  'cli', // one file per command
] as const;

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

/** 'render' for src/render/annex/x.ts; '' for files directly in src/. */
function folderOf(abs: string): string {
  const rel = path.relative(SRC, abs).split(path.sep);
  return rel.length > 1 ? rel[0]! : '';
}

function floorOf(folder: string): number {
  if (folder === '') return FLOORS.length; // src/index.ts: the top
  return (FLOORS as readonly string[]).indexOf(folder);
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('src/ layering', () => {
  it('every folder of src/ has a floor', () => {
    const unknown = [...new Set(files.map(folderOf))].filter((f) => floorOf(f) < 0);
    expect(unknown).toEqual([]);
  });

  it('no folder imports a folder above it', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from !== to && floorOf(to) > floorOf(from)) upward.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
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
