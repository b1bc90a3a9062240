import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm install` compiles nothing: every package of the lockfile with an install script is named in
 * package.json's allowScripts, and those allowed to run ship no native build recipe (binding.gyp). The
 * repository brings the Node its code needs (devDependencies.node) for npm's scripts on an older system Node.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }> };

const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install', () => {
  const scripted = Object.entries(lock.packages).filter(([key, p]) => key && p.hasInstallScript).map(([key]) => nameOf(key));

  it('runs no install script that is not decided in allowScripts, and none of the allowed ones builds native code', () => {
    expect(scripted.filter((name) => pkg.allowScripts?.[name] === undefined)).toEqual([]);
    const allowed = scripted.filter((name) => pkg.allowScripts?.[name] === true);
    expect(allowed.sort()).toEqual(['esbuild', 'node']);
    for (const name of allowed) expect(existsSync(path.join(ROOT, 'node_modules', name, 'binding.gyp'))).toBe(false);
    expect(Object.keys(lock.packages).filter((key) => /(^|\/)(better-sqlite3|prebuild-install|node-gyp)$/.test(key))).toEqual([]);
  });

  it('brings a Node that satisfies engines, and the tests run on such a Node', () => {
    const atLeast = (v: string, min: string) => {
      const [a, b] = v.replace(/^v/, '').split('.').map(Number) as [number, number];
      const [c, d] = min.split('.').map(Number) as [number, number];
      return a > c || (a === c && b >= d);
    };
    expect(pkg.engines.node).toBe('>=22.13.0');
    expect(pkg.devDependencies.node).toMatch(/^\d+\.\d+\.\d+$/);
    expect(atLeast(pkg.devDependencies.node!, '22.13')).toBe(true);
    expect(atLeast(process.version, '22.13')).toBe(true);
  });
});
