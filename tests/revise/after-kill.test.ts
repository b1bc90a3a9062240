import { existsSync, linkSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.ts';
import { reviseBundle } from '../../src/revise/revise.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

let project: MiniProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

function walk(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]);
}

describe('revise after a revise killed with kill -9', () => {
  it('does not accuse the previous bundle of being changed, and leaves no journal temp file', async () => {
    project = await makeMiniProject();
    const out = path.join(project.dir, 'out');
    const r1 = await buildBundle(project.dir, { outDir: out });
    expect(r1.ok, JSON.stringify(r1.issues)).toBe(true);
    // what a revise killed while producing leaves: its staging folder holding hard links to r1's files,
    // and the journal's temporary file
    const name = path.basename(r1.bundleDir!).replace(/-r1$/, '-r2');
    const staging = path.join(out, `.${name}.staging-0badf00d`);
    for (const rel of walk(r1.bundleDir!)) {
      mkdirSync(path.dirname(path.join(staging, name, rel)), { recursive: true });
      linkSync(path.join(r1.bundleDir!, rel), path.join(staging, name, rel));
    }
    const tmp = path.join(out, '.eco-dossier.commit.json.999999999.tmp');
    writeFileSync(tmp, '{"name":');

    const r2 = await reviseBundle(project.dir, { from: r1.zip!, outDir: out, force: true });
    expect(r2.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r2.ok).toBe(true);
    expect(existsSync(tmp)).toBe(false);
    expect(existsSync(staging)).toBe(false);
  }, 120_000);
});
