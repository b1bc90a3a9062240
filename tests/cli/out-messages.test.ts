import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';

const SAMPLE = 'fixtures/yanzhou-2023';
const root = mkdtempSync(path.join(os.tmpdir(), 'eco-out-messages-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const noTrace = (text: string) => expect(text).not.toMatch(/ENOENT|ENOTDIR|\bat .*\.ts:\d+|Error:/);

describe('init refuses control characters in names', () => {
  it('a newline in --district: exit 2, where it is, nothing written', async () => {
    const dir = path.join(root, 'newline');
    const r = await run('init', dir, '--catalog', '2021-county', '--district', '济宁市\n兖州区');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--district 的第 4 个字符是换行符');
    expect(existsSync(dir)).toBe(false);
  });

  it('a tab in --short, a control character in --batch', async () => {
    const a = await run('init', path.join(root, 'tab'), '--catalog', '2021-county', '--district', '济宁市兖州区', '--short', '兖州\t区');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--short 的第 3 个字符是制表符');
    const b = await run('init', path.join(root, 'ctl'), '--catalog', '2021-county', '--district', '济宁市兖州区', '--batch', '第七批\u0007');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--batch 的第 4 个字符是控制字符（U+0007）');
  });
});

describe('output folders that cannot be written: located Chinese messages, exit 1', () => {
  it('init into a dangling link names the link and where it points', async () => {
    const link = path.join(root, 'dangling');
    symlinkSync(path.join(root, 'nowhere'), link);
    const r = await run('init', link, '--catalog', '2021-county', '--district', '济宁市兖州区');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${link} 是一个链接（指向 ${path.join(root, 'nowhere')}）`);
    noTrace(r.stdout + r.stderr);
    expect(existsSync(path.join(root, 'nowhere'))).toBe(false);
  });

  it('collect and site-visit with a file where the output folder should be', async () => {
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'x');
    for (const command of ['collect', 'site-visit']) {
      const r = await run(command, SAMPLE, '--out', path.join(file, 'out'));
      expect(r.code, command).toBe(1);
      expect(r.stdout).toContain(`${file} 是一个文件，不是文件夹`);
      noTrace(r.stdout + r.stderr);
    }
  });
});

/** A read-only file system (as a write-protected USB stick): only where this process may mount one. */
const ro = path.join(root, 'ro');
let mounted = false;
beforeAll(() => {
  try {
    mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [ro], { stdio: 'ignore' });
});

describe('a read-only output folder', () => {
  it('collect and site-visit say the disk is read-only (mkdir said ENOENT)', async (ctx) => {
    if (!mounted) ctx.skip();
    for (const command of ['collect', 'site-visit']) {
      const r = await run(command, SAMPLE, '--out', path.join(ro, 'out'));
      expect(r.code, command).toBe(1);
      expect(r.stdout).toContain('所在磁盘是只读的（EROFS）');
      noTrace(r.stdout + r.stderr);
    }
  });
});

describe('site-visit --days with a negative number', () => {
  it('is the command\'s Chinese message, not the parser\'s English one', async () => {
    const r = await run('site-visit', SAMPLE, '--days', '-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--days 应为 1—7 的整数，实际为“-1”');
    expect(r.stderr).not.toMatch(/ambiguous|argument/);
  });
});
