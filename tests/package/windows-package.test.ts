import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';

/**
 * The Windows package (npm run package:win): unzipped, its eco-dossier.cmd run under Wine builds the
 * embedded sample into out\, and every file there has the sha256 of the same sample built here on Linux.
 * Needs Debian's wine64 (not installed by .ci/run) and takes about eight minutes on two cores, more than npm
 * test's whole budget: it runs with `npm run test:windows` (which builds dist/ first) and is skipped with a
 * message otherwise.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function findWine(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v wine64'], { encoding: 'utf8' });
  if (onPath.status === 0) return onPath.stdout.trim();
  return existsSync('/usr/lib/wine/wine64') ? '/usr/lib/wine/wine64' : undefined;
}

const asked = process.env.ECO_DOSSIER_WINDOWS_TEST === '1';
const wine = asked ? findWine() : undefined;
if (!asked) console.warn('\n⚠ 跳过 Windows 免安装版的测试（约 8 分钟）：用 npm run test:windows 运行（需要 wine64）\n');
else if (!wine) console.warn('\n⚠ 跳过 Windows 免安装版的测试：没有 wine64（apt-get install wine64 后可运行）\n');

/** sha256 of every file under `dir` (relative names with '/'), less the tool's own state folder. */
function checksums(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === '.eco-dossier') continue;
    if (e.isDirectory()) Object.assign(out, checksums(dir, r));
    else out[r] = createHash('sha256').update(readFileSync(path.join(dir, r))).digest('hex');
  }
  return out;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'eco-win-'));
afterAll(() => {
  if (wine) spawnSync(path.join(path.dirname(wine), 'wineserver'), ['-k'], { env: { ...process.env, WINEPREFIX: path.join(scratch, 'prefix') }, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!wine)('the Windows package (under Wine)', () => {
  it('unzips to the launchers, Node for Windows and the Windows builds of platform packages', { timeout: 1_200_000 }, async () => {
    const { packageApp } = await import('../../scripts/package-app.ts');
    const zip = await packageApp('win-x64');
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(path.relative(ROOT, zip)).toBe(path.join('out/package', `eco-dossier-${version}-win-x64.zip`));
    execFileSync('unzip', ['-q', zip, '-d', scratch]);
    const top = path.join(scratch, `eco-dossier-${version}-win-x64`);
    expect(readdirSync(top).sort()).toEqual(['app', 'eco-dossier.cmd', 'fixtures', '使用说明.txt', '启动工作台.cmd'].sort());
    for (const cmd of ['eco-dossier.cmd', '启动工作台.cmd']) {
      const text = readFileSync(path.join(top, cmd), 'latin1');
      expect(text).toMatch(/^[\x20-\x7e\r\n]*$/); // ASCII: cmd.exe reads it in any code page
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    }
    const guide = readFileSync(path.join(top, '使用说明.txt'));
    expect(guide.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(guide.toString('utf8')).toContain('启动工作台.cmd');
    expect(readFileSync(path.join(top, 'app/node.exe')).subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(existsSync(path.join(top, 'app/node_modules/@resvg/resvg-js-win32-x64-msvc/resvgjs.win32-x64-msvc.node'))).toBe(true);
    expect(existsSync(path.join(top, 'app/node_modules/@resvg/resvg-js-linux-x64-gnu'))).toBe(false);
    expect(existsSync(path.join(top, 'app/node_modules/node'))).toBe(false);
    expect(existsSync(path.join(top, 'fixtures/yanzhou-2023/project.yaml'))).toBe(true);

    // eco-dossier.cmd build, in the unzipped folder, under Wine (Node wants its standard streams in files there)
    const env = { ...process.env, WINEPREFIX: path.join(scratch, 'prefix'), WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
    const quiet = (name: string) => openSync(path.join(scratch, name), 'w');
    expect(spawnSync(wine!, ['wineboot', '-i'], { env, stdio: ['ignore', quiet('boot.out'), quiet('boot.err')] }).status).toBe(0);
    // Node 22 starts on Windows 10 or later
    expect(spawnSync(wine!, ['winecfg', '/v', 'win10'], { env, stdio: ['ignore', quiet('cfg.out'), quiet('cfg.err')] }).status).toBe(0);
    const build = spawnSync(wine!, ['cmd', '/c', 'eco-dossier.cmd', 'build'], { cwd: top, env, stdio: ['ignore', quiet('build.out'), quiet('build.err')] });
    const said = readFileSync(path.join(scratch, 'build.out'), 'utf8') + readFileSync(path.join(scratch, 'build.err'), 'utf8');
    expect(build.status, said).toBe(0);
    expect(said).toContain('已生成申报材料包');

    const linux = path.join(scratch, 'linux-out');
    const here = await run('build', path.join(ROOT, 'fixtures/yanzhou-2023'), '--out', linux);
    expect(here.code, here.stderr).toBe(0);
    const windows = checksums(path.join(top, 'out'));
    expect(Object.keys(windows).length).toBeGreaterThan(20);
    expect(windows).toEqual(checksums(linux));
  });
});
