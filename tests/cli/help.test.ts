import { describe, expect, it } from 'vitest';
import { editDistance, closest } from '../../src/cli/suggest.ts';
import { run } from '../helpers/cli.ts';

describe('a command line that explains itself', () => {
  it('build --help shows its arguments and options in Chinese and exits 0', async () => {
    const r = await run('build', '--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('用法: eco-dossier build [项目目录] [--out 目录] [--json] [--allow-missing] [--allow-missing-narrative] [--max-volume-mb N] [--full-check]');
    expect(lines[2]).toBe('生成完整申报材料包（文件夹 + zip + 清单）');
    expect(r.stdout).toContain('项目文件夹（默认 fixtures/yanzhou-2023，内置示例项目）');
    expect(r.stdout).toMatch(/--max-volume-mb N\s+佐证材料汇编每册的大小上限（MB，默认 100；0 表示不分册）/);
    expect(r.stdout).toMatch(/-h, --help\s+显示本帮助/);
  });

  it('every command answers -h with its own usage, exit 0', async () => {
    for (const name of ['validate', 'status', 'export-table', 'collect', 'import', 'report', 'annex', 'build', 'verify', 'revise', 'diff']) {
      const r = await run(name, '-h');
      expect(r.code, name).toBe(0);
      expect(r.stdout.startsWith(`用法: eco-dossier ${name}`), name).toBe(true);
      expect(r.stdout, name).toContain('选项:');
    }
  });

  it('an unknown option is named in Chinese with the closest one suggested, exit 2', async () => {
    const r = await run('build', '--ful-check');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      '不认识的选项 --ful-check，你是不是想输入 --full-check？可用的选项：--out、--json、--allow-missing、--allow-missing-narrative、--max-volume-mb、--full-check',
    );
    expect(r.stderr).toContain('查看全部参数和选项：eco-dossier build --help');
  });

  it('a missing value, a value on a switch and an extra argument each say what was expected', async () => {
    expect((await run('build', '--out')).stderr.split('\n')[0]).toBe('选项 --out 后面应写位置');
    expect((await run('validate', '--json=yes')).stderr.split('\n')[0]).toBe('选项 --json 不带值，实际写成了“--json=yes”');
    expect((await run('validate', 'a', 'b')).stderr.split('\n')[0]).toBe('多余的参数：b（最多 1 个）');
    expect((await run('status', '--today')).code).toBe(2);
  });

  it('--max-volume-mb has one reading in build, annex and revise', async () => {
    for (const cmd of [['build'], ['annex'], ['revise', '--from', 'x.zip']]) {
      const r = await run(...cmd, '--max-volume-mb', '');
      expect(r.code, cmd[0]).toBe(2);
      expect(r.stderr.split('\n')[0], cmd[0]).toBe('--max-volume-mb 应为不小于 0 的数字（0 表示不分册），实际为“”');
    }
  });

  it('a mistyped command gets a suggestion; no command at all is wrong use (exit 2)', async () => {
    const typo = await run('biuld');
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('不认识的命令“biuld”。你是不是想输入 build？');
    const far = await run('zzzzzz');
    expect(far.stderr.split('\n')[0]).toBe('不认识的命令“zzzzzz”。');
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.stderr.split('\n')[0]).toBe('请给出要运行的命令。');
    expect((await run('--help')).code).toBe(0);
  });

  it('measures typos as people make them', () => {
    expect(editDistance('biuld', 'build')).toBe(1);
    expect(editDistance('vrify', 'verify')).toBe(1);
    expect(closest('expor', ['export-table', 'import'])).toBe('export-table');
    expect(closest('xyz', ['build', 'verify'])).toBeUndefined();
  });
});
