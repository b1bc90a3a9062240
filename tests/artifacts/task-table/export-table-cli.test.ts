import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/cli/command.ts';
import { runCli } from '../../../src/cli/main.ts';
import { makeMiniProject, type MiniProject } from '../../helpers/mini-project.ts';
import { readXlsx } from '../../helpers/xlsx-xml.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(change?: (f: Record<string, string>) => void): Promise<{ project: MiniProject; cwd: string }> {
  const project = await makeMiniProject(change);
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'eco-cwd-'));
  cleanups.push(project.cleanup, () => rm(cwd, { recursive: true, force: true }));
  return { project, cwd };
}

function context(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { cwd, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false };
  return { ctx, out, err };
}

describe('eco-dossier export-table', () => {
  it('writes out/指标任务分解表.xlsx under the working folder by default', async () => {
    const { project, cwd } = await setup();
    const c = context(cwd);
    expect(await runCli(['export-table', project.dir], c.ctx)).toBe(0);
    const file = path.join(cwd, 'out', '指标任务分解表.xlsx');
    expect(c.out.join('\n')).toBe('已写出 out/指标任务分解表.xlsx（3 项指标）。');
    const book = await readXlsx(await readFile(file));
    expect(book.sheet('指标任务分解表').text('A1')).toBe('测试市示例区创建国家生态文明建设示范区指标任务分解表');
    expect(book.sheet('指标任务分解表').text('D5')).toBe('城镇污水处理率');
  });

  it('--out, --with-status and --json', async () => {
    const { project, cwd } = await setup();
    const c = context(cwd);
    expect(await runCli(['export-table', project.dir, '--out', 'tables/t.xlsx', '--with-status', '--json'], c.ctx)).toBe(0);
    const json = JSON.parse(c.out.join('\n')) as { ok: boolean; file: string; errors: unknown[] };
    expect(json).toMatchObject({ ok: true, file: path.join(cwd, 'tables', 't.xlsx'), errors: [] });
    const book = await readXlsx(await readFile(json.file));
    expect(book.sheet('指标任务分解表').text('I2')).toBe('现状值');
  });

  it('exits 1 with the located issues and writes nothing when the project has errors', async () => {
    const { project, cwd } = await setup((f) => {
      f['results.yaml'] = 'results:\n  - indicator: 3\n    values: { 2022: 186.2 }\n';
    });
    const c = context(cwd);
    expect(await runCli(['export-table', project.dir], c.ctx)).toBe(1);
    expect(c.out.join('\n')).toMatch(/results\.yaml:3:\d+: 错误: 指标3“城镇污水处理率”2022年的数值 186\.2% 超出 0–100% 的范围/);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
    const j = context(cwd);
    expect(await runCli(['export-table', project.dir, '--json'], j.ctx)).toBe(1);
    expect(JSON.parse(j.out.join('\n'))).toMatchObject({ ok: false, file: null, errors: [{ code: 'result-share-out-of-range' }] });
  });

  it('refuses an --out that is not .xlsx (exit 2)', async () => {
    const { project, cwd } = await setup();
    const c = context(cwd);
    expect(await runCli(['export-table', project.dir, '--out', 'table.pdf'], c.ctx)).toBe(2);
    expect(c.err.join('\n')).toContain('--out 应为 .xlsx 文件');
  });
});
