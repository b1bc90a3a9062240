import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * eco-dossier as a package another project installs: `npm install /path/to/checkout` links the folder into
 * node_modules; the library loads from dist/ through `exports`, with its types, and no TypeScript compiler
 * runs. (npm test builds dist/ before the tests.)
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let consumer: string;

beforeAll(() => {
  consumer = mkdtempSync(path.join(os.tmpdir(), 'eco-consumer-'));
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  mkdirSync(path.join(consumer, 'node_modules'));
  symlinkSync(ROOT, path.join(consumer, 'node_modules', 'eco-dossier'), 'dir');
});
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('the npm package', () => {
  it('is built into dist/ with its declarations', () => {
    expect(existsSync(path.join(ROOT, 'dist/index.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/index.d.ts'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/cli/main.js'))).toBe(true);
  });

  it('loads as a library from another folder, without the command line and without a TypeScript runner', () => {
    const script = "const m = await import('eco-dossier'); console.log(JSON.stringify({ n: Object.keys(m).length, build: typeof m.buildBundle, load: typeof m.loadProject, cli: 'runCli' in m, ts: [...process.execArgv].join(' ') }));";
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' }));
    expect(out).toMatchObject({ build: 'function', load: 'function', cli: false });
    expect(out.ts).not.toMatch(/tsx|ts-node|--loader|--import/);
    expect(out.n).toBeGreaterThan(40);
  });

  it('gives its types to a TypeScript project that imports it', () => {
    writeFileSync(
      path.join(consumer, 'use.ts'),
      "import { loadProject, type Verdict, type Issue } from 'eco-dossier';\nconst verdicts: Verdict[] = [];\nconst issues: Issue[] = [];\nexport const count = async (): Promise<number> => (await loadProject('.')).issues.length + verdicts.length + issues.length;\n",
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules/@types'), 'use.ts'];
    expect(() => execFileSync(process.execPath, [tsc, ...args], { cwd: consumer, encoding: 'utf8' })).not.toThrow();
    writeFileSync(path.join(consumer, 'wrong.ts'), "import { loadProject } from 'eco-dossier';\nexport const n: number = loadProject;\n");
    let report = '';
    try {
      execFileSync(process.execPath, [tsc, ...args.slice(0, -1), 'wrong.ts'], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      report = String((e as { stdout?: string }).stdout);
    }
    expect(report).toMatch(/wrong\.ts.*error TS2322: Type .* is not assignable to type 'number'/);
  });
});
