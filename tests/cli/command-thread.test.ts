import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// build, revise and annex run on a thread of their own (src/cli/launch.ts): what the office sees of the
// command line must be what it was on the main thread
const root = mkdtempSync(path.join(os.tmpdir(), 'eco-thread-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/eco-dossier.js', ...args], { encoding: 'utf8' });

describe('a command on its own thread', () => {
  it('exit codes, stdout and stderr as on the main thread', () => {
    const json = cli('build', '--out', path.join(root, 'json'), '--json');
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(true);
    expect(existsSync(parsed.zip)).toBe(true);
    const usage = cli('build', '--bogus');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('不认识的选项 --bogus');
    expect(usage.stdout).toBe('');
    const missing = cli('build', path.join(root, 'no-such-project'), '--out', path.join(root, 'missing'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('no-such-project');
    expect(missing.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('Ctrl-C while the bundle is written: the thread stops, its staging folder goes, the message is said and the process ends by the signal', async () => {
    const out = path.join(root, 'interrupted');
    const child = spawn(process.execPath, ['bin/eco-dossier.js', 'build', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const staging = () => (existsSync(out) ? readdirSync(out).filter((n) => n.includes('.staging-')) : []);
    // wait until the build writes into its staging folder, then interrupt it
    const began = Date.now();
    while (staging().length === 0 && child.exitCode === null && Date.now() - began < 60_000) await new Promise((r) => setTimeout(r, 20));
    expect(staging().length, stderr).toBe(1);
    const staged = path.join(out, staging()[0]!);
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(signal).toBe('SIGINT');
    expect(code).toBeNull();
    expect(stderr).toContain('已中断：未写入任何新文件，原有材料包保持不变。');
    expect(existsSync(staged)).toBe(false);
    expect(readdirSync(out).filter((n) => !n.startsWith('.eco-dossier'))).toEqual([]);
  });
});
