import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.ts';
import { runCli } from '../../src/cli/main.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';
import { cellAt, editWorkbook, SAMPLE_YEARS } from './helpers.ts';

/** A command run from another working folder (as a clerk runs it from the tool's folder), its output captured. */
async function runIn(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const ctx: CommandContext = { cwd, stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false };
  const code = await runCli(argv, ctx);
  return { code, text: out.join('\n') };
}

describe('collect → import on a new project, as the README walks through it', () => {
  let mini: MiniProject;
  let cwd: string;
  beforeAll(async () => {
    // a project as init leaves results.yaml: the flow list `results: []`
    mini = await makeMiniProject((f) => {
      f['results.yaml'] = '# 各指标（分项）的现状值、上级目标和完成状态。\nresults: []\n';
    });
    cwd = await mkdtemp(path.join(os.tmpdir(), 'eco-tool-'));
  });
  afterAll(async () => {
    await mini.cleanup();
    await rm(cwd, { recursive: true, force: true });
  });

  it('import finds a unit’s workbook in the project’s out/填报表/ by its name, and keeps results.yaml one result a block', async () => {
    expect((await runIn(cwd, 'collect', mini.dir)).code).toBe(0);
    const water = path.join(mini.dir, 'out', '填报表', '区水务局.xlsx');
    await editWorkbook(water, (_wb, sheet) => {
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '3', '2022年数值')).value = 86.2;
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '3', '2020年数值')).value = 80.5;
    });
    const eco = path.join(mini.dir, 'out', '填报表', '区生态环境分局.xlsx');
    await editWorkbook(eco, (_wb, sheet) => {
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '2', '2022年数值')).value = 100;
    });

    // the names as the README gives them: a unit's file name, and a unit's alias (生态环境分局 → 区生态环境分局.xlsx)
    const imported = await runIn(cwd, 'import', mini.dir, '区水务局.xlsx', '生态环境分局.xlsx');
    expect(imported.text).not.toContain('找不到文件');
    expect(imported.code).toBe(0);
    const text = await readFile(path.join(mini.dir, 'results.yaml'), 'utf8');
    expect(text).toContain('# 各指标（分项）的现状值、上级目标和完成状态。');
    expect(text).toMatch(/^results:\n {2}- indicator: 2\n {4}values: \{ 2022: 100 \}\n {2}- indicator: 3\n {4}values: \{ 2020: 80\.5, 2022: 86\.2 \}\n/m);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(80);
    expect(parse(text).results).toEqual([{ indicator: 2, values: { 2022: 100 } }, { indicator: 3, values: { 2020: 80.5, 2022: 86.2 } }]);
  });

  it('a workbook found nowhere says where it was looked for, not that its cells are wrong', async () => {
    const r = await runIn(cwd, 'import', mini.dir, '区林业局.xlsx');
    expect(r.code).toBe(1);
    expect(r.text).toContain(`中也没有这个文件或这个单位的填报表`);
    expect(r.text).toContain('找不到要导入的填报表（见上），未做任何修改。');
    expect(r.text).not.toContain('逐格修改');
  });
});
