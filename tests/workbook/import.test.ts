import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import type { CommandContext } from '../../src/cli/command.ts';
import { formatIssue, type Issue } from '../../src/model/issue.ts';
import type { ProjectData } from '../../src/model/project-data.ts';
import { collectWorkbook } from '../../src/workbook/collect.ts';
import { importWorkbooks } from '../../src/workbook/import.ts';
import { copySample, makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';
import { cellAt, collectInto, editWorkbook, loadValid, SAMPLE_YEARS } from './helpers.ts';

let data: ProjectData;
let sample: MiniProject;
let resultsBefore: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  data = await loadValid('fixtures/yanzhou-2023');
});
beforeEach(async () => {
  sample = await copySample();
  cleanups.push(sample.cleanup);
  resultsBefore = await readFile(path.join(sample.dir, 'results.yaml'), 'utf8');
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** The unit's workbook as collect writes it for the (unchanged) sample, in this test's folder. */
const files = {
  get(unit: string): string {
    return path.join(sample.dir, 'out', '填报表', `${unit}.xlsx`);
  },
};
async function collect(...units: string[]): Promise<void> {
  await mkdir(path.join(sample.dir, 'out', '填报表'), { recursive: true });
  for (const unit of units) await writeFile(files.get(unit), (await collectWorkbook(data, unit)).bytes);
}
beforeEach(() => collect('区水务局'));

const water = () => files.get('区水务局')!;
const resultsNow = () => readFile(path.join(sample.dir, 'results.yaml'), 'utf8');
const errorsOf = (issues: readonly Issue[]) => issues.filter((i) => i.severity === 'error');

/** Puts `value` into the cell of row `key`, column `header` of 区水务局.xlsx; returns the cell reference. */
async function setWater(key: string, header: string, value: string | number): Promise<string> {
  let ref = '';
  await editWorkbook(water(), (_wb, sheet) => {
    ref = cellAt(sheet, SAMPLE_YEARS, key, header);
    sheet.getCell(ref).value = value;
  });
  return ref;
}

/** The single error of an import, checked for its place; the results file unchanged. */
async function onlyError(file = water()) {
  const outcome = await importWorkbooks(sample.dir, [file], { overwrite: false });
  const errors = errorsOf(outcome.issues);
  expect(errors, JSON.stringify(outcome.issues, null, 1)).toHaveLength(1);
  expect(outcome.written).toBe(false);
  expect(await resultsNow()).toBe(resultsBefore);
  return errors[0]!;
}

describe('import: filled workbooks back into results.yaml', () => {
  it('round trip: collect → fill every input cell → import reproduces results.yaml', async () => {
    const original = (await loadValid(sample.dir)).results;
    // the same project with no results: the workbooks come out empty and are filled from the original
    await writeFile(path.join(sample.dir, 'results.yaml'), 'results: []\n');
    const emptyData = await loadValid(sample.dir);
    // enough units that every indicator is in at least one workbook (fewer files keep the test fast)
    const units: string[] = [];
    const uncovered = new Set(emptyData.indicators.map((i) => i.no));
    while (uncovered.size) {
      const best = emptyData.project.units
        .map((u) => ({ unit: u.name, gain: emptyData.indicators.filter((i) => uncovered.has(i.no) && i.units.includes(u.name)).length }))
        .sort((a, b) => b.gain - a.gain)[0]!;
      units.push(best.unit);
      for (const i of emptyData.indicators) if (i.units.includes(best.unit)) uncovered.delete(i.no);
    }
    await mkdir(path.join(sample.dir, 'out', 'empty'), { recursive: true });
    const empty = new Map<string, string>();
    for (const unit of units) {
      const book = await collectWorkbook(emptyData, unit);
      empty.set(unit, path.join(sample.dir, 'out', 'empty', book.fileName));
      await writeFile(empty.get(unit)!, book.bytes);
    }
    expect(units.length).toBeLessThan(emptyData.project.units.length);
    for (const file of empty.values()) {
      await editWorkbook(file, (_wb, sheet) => {
        for (let r = 3; r <= sheet.rowCount; r++) {
          const key = String(sheet.getRow(r).getCell(1).value ?? '');
          const m = /^(\d+)([①-⑳])?$/u.exec(key);
          if (!m) continue;
          const sub = m[2] ? m[2].codePointAt(0)! - 0x2460 + 1 : undefined;
          const result = original.find((x) => x.indicator === Number(m[1]) && x.sub === sub);
          if (!result) continue;
          const put = (header: string, value: string | number | undefined) => {
            if (value === undefined) return;
            const cell = sheet.getCell(cellAt(sheet, SAMPLE_YEARS, key, header));
            if (cell.protection?.locked === false) cell.value = value;
          };
          for (const year of [2020, 2021, 2022]) put(`${year}年数值`, result.values[String(year)]);
          put('上级目标符号', result.superiorTarget?.op);
          put('上级目标数值', result.superiorTarget?.value);
          put('上级目标说明（文件、文号）', result.superiorTarget?.text);
          put('完成状态', result.status);
          put('情况说明', result.description);
          put('数据来源', result.source);
        }
      });
    }
    const outcome = await importWorkbooks(sample.dir, [...empty.values()], { overwrite: false });
    expect(errorsOf(outcome.issues)).toEqual([]);
    expect(outcome.written).toBe(true);
    const imported = (await loadValid(sample.dir)).results;
    const sortKey = (r: { indicator: number; sub?: number }) => r.indicator * 100 + (r.sub ?? 0);
    // `current` (the short 现状值 for tables) is written by the office in results.yaml, not by units in their workbooks
    const unitFields = original.map(({ current: _current, ...rest }) => rest);
    expect([...imported].sort((a, b) => sortKey(a) - sortKey(b))).toEqual(unitFields.sort((a, b) => sortKey(a) - sortKey(b)));
  });

  it('adds a new value by editing results.yaml in place: comments, order and style kept', async () => {
    await collect('区自然资源局');
    const ref = await editCell('区自然资源局', '19', '2022年数值', 4.9);
    const outcome = await importWorkbooks(sample.dir, [files.get('区自然资源局')!], { overwrite: false });
    expect(errorsOf(outcome.issues)).toEqual([]);
    expect(outcome.written).toBe(true);
    expect(outcome.changes).toMatchObject([{ indicator: 19, field: { kind: 'value', year: 2022 }, value: 4.9, place: { file: '区自然资源局.xlsx', sheet: '填报', cell: ref } }]);
    const expected = resultsBefore.replace('values: { 2020: 5.1, 2021: 4.8 }', 'values: { 2020: 5.1, 2021: 4.8, 2022: 4.9 }');
    expect(expected).not.toBe(resultsBefore);
    expect(await resultsNow()).toBe(expected);
  });

  it('changes nothing when the workbooks say what results.yaml says', async () => {
    const units = ['市生态环境局兖州区分局', '区水务局', '区自然资源局', '区农业农村局'];
    await collect(...units);
    const outcome = await importWorkbooks(sample.dir, units.map((u) => files.get(u)), { overwrite: false });
    expect(outcome.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(outcome.changes).toEqual([]);
    expect(outcome.written).toBe(false);
    expect(await resultsNow()).toBe(resultsBefore);
  });

  it('reads a percentage typed as 85% (a 0.85 in a percent-formatted cell) as 85', async () => {
    await collect('区自然资源局');
    await editWorkbook(files.get('区自然资源局')!, (_wb, sheet) => {
      const cell = sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '19', '2022年数值'));
      cell.value = 0.049;
      cell.style = { ...cell.style, numFmt: '0.0%' }; // exceljs shares style objects between cells: copy, as Excel would
    });
    const outcome = await importWorkbooks(sample.dir, [files.get('区自然资源局')!], { overwrite: false });
    expect(outcome.issues.filter((i) => i.severity === "error"), JSON.stringify(outcome.issues)).toEqual([]);
    expect(outcome.changes).toMatchObject([{ indicator: 19, value: 4.9 }]);
  });

  it('refuses text in a number cell: 应为数字，实际为“约85”', async () => {
    const ref = await setWater('16', '2021年数值', '约85');
    const error = await onlyError();
    expect(error).toMatchObject({ file: '区水务局.xlsx', sheet: '填报', cell: ref, message: '应为数字，实际为“约85”' });
    expect(formatIssue(error).startsWith(`区水务局.xlsx 填报!${ref}: 错误: 应为数字，实际为“约85”`)).toBe(true);
  });

  it('refuses a status outside the list', async () => {
    const ref = await setWater('4', '完成状态', '基本完成');
    expect(await onlyError()).toMatchObject({ cell: ref, message: '应为“已达到”“推进中”“未达到”之一，实际为“基本完成”' });
  });

  it('refuses a share outside 0–100', async () => {
    const ref = await setWater('23', '2021年数值', 120);
    expect(await onlyError()).toMatchObject({ cell: ref, code: 'workbook-share-out-of-range', message: '应在 0–100 之间（百分比），实际为 120' });
  });

  it('refuses a comparison sign it does not know', async () => {
    const ref = await setWater('16', '上级目标符号', '大于');
    expect(await onlyError()).toMatchObject({ cell: ref, message: '应为比较符号 ≥、≤、＞、＜、＝ 之一，实际为“大于”' });
  });

  it('refuses a workbook of another project', async () => {
    const mini = await makeMiniProject();
    cleanups.push(mini.cleanup);
    const other = await collectInto(mini.dir, path.join(mini.dir, 'out'));
    const error = await onlyError(other.get('区水务局')!);
    expect(error).toMatchObject({
      file: '区水务局.xlsx', sheet: '标识', cell: 'B3', code: 'workbook-other-project',
      message: '这是另一个项目的填报表：表中标识为行政区划代码 370999、国家生态文明建设示范区第七批 2023年，本项目为行政区划代码 370812、国家生态文明建设示范区第七批 2023年，不能导入',
    });
  });

  it('refuses a workbook whose sheet was renamed', async () => {
    await editWorkbook(water(), (_wb, sheet) => {
      sheet.name = '填报表';
    });
    expect(await onlyError()).toMatchObject({
      file: '区水务局.xlsx', code: 'workbook-sheet-missing',
      message: '找不到工作表“填报”（现有工作表：“填报表”、“填报说明”）：工作表被改名或删除过',
    });
  });

  it('refuses a workbook whose columns were moved', async () => {
    await editWorkbook(water(), (_wb, sheet) => {
      // swap the 2020 and 2021 columns, header and values
      for (let r = 2; r <= sheet.rowCount; r++) {
        const f = sheet.getCell(`F${r}`);
        const g = sheet.getCell(`G${r}`);
        [f.value, g.value] = [g.value, f.value];
      }
    });
    const outcome = await importWorkbooks(sample.dir, [water()], { overwrite: false });
    const errors = errorsOf(outcome.issues);
    expect(errors.map((e) => [e.cell, e.message])).toEqual([
      ['F2', '表头应为“2020年数值”，实际为“2021年数值”：列被改名、移动、插入或删除过，无法确定各列的含义'],
      ['G2', '表头应为“2021年数值”，实际为“2020年数值”：列被改名、移动、插入或删除过，无法确定各列的含义'],
    ]);
    expect(outcome.changes).toEqual([]);
    expect(await resultsNow()).toBe(resultsBefore);
  });

  it('lists a conflict and changes nothing without --overwrite', async () => {
    const ref = await setWater('16', '2022年数值', 90);
    const outcome = await importWorkbooks(sample.dir, [water()], { overwrite: false });
    expect(outcome.written).toBe(false);
    expect(outcome.conflicts).toMatchObject([{ indicator: 16, field: { kind: 'value', year: 2022 }, old: 88.6, value: 90, place: { file: '区水务局.xlsx', sheet: '填报', cell: ref }, against: 'results.yaml' }]);
    expect(errorsOf(outcome.issues).map(formatIssue)).toEqual([
      `区水务局.xlsx 填报!${ref}: 错误: 与 results.yaml 中已有的值不同（指标16 2022年数值：88.6 → 90）（确认以填报表为准时，加 --overwrite 重新导入）【填报值与已有数据不一致】`,
    ]);
    expect(await resultsNow()).toBe(resultsBefore);
  });

  it('replaces the conflicting value with --overwrite', async () => {
    await setWater('16', '2022年数值', 90);
    const outcome = await importWorkbooks(sample.dir, [water()], { overwrite: true });
    expect(errorsOf(outcome.issues)).toEqual([]);
    expect(outcome.written).toBe(true);
    expect(await resultsNow()).toBe(resultsBefore.replace('values: { 2020: 85.3, 2022: 88.6 }', 'values: { 2020: 85.3, 2022: 90 }'));
    const data = await loadValid(sample.dir);
    expect(data.results.find((r) => r.indicator === 16)?.values['2022']).toBe(90);
  });

  it('lists workbooks that disagree with each other as conflicts', async () => {
    // 23 is shared by 市生态环境局兖州区分局 (lead) and 区水务局
    await collect('市生态环境局兖州区分局');
    await setWater('23', '数据来源', '区水务局水源地监测');
    const lead = files.get('市生态环境局兖州区分局')!;
    await editWorkbook(lead, (_wb, sheet) => {
      sheet.getCell(cellAt(sheet, SAMPLE_YEARS, '23', '数据来源')).value = '市生态环境局兖州区分局水质监测';
    });
    const outcome = await importWorkbooks(sample.dir, [lead, water()], { overwrite: false });
    expect(outcome.conflicts.map((c) => [c.place.file, c.against === 'results.yaml' ? 'results.yaml' : c.against.file])).toEqual([
      ['区水务局.xlsx', '市生态环境局兖州区分局.xlsx'],
      ['市生态环境局兖州区分局.xlsx', 'results.yaml'],
    ]);
    expect(await resultsNow()).toBe(resultsBefore);
  });
});

describe('eco-dossier import (CLI)', () => {
  function context() {
    const out: string[] = [];
    const err: string[] = [];
    const ctx: CommandContext = { cwd: sample.dir, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false };
    return { ctx, out, err };
  }

  it('exits 1 on a conflict and 0 with --overwrite; --json prints one object', async () => {
    await setWater('16', '2022年数值', 90);
    const first = context();
    expect(await runCli(['import', '.', water()], first.ctx)).toBe(1);
    expect(first.out.join('\n')).toContain('区水务局.xlsx 填报!');
    expect(first.out.join('\n')).toContain('未做任何修改');
    const second = context();
    expect(await runCli(['import', '.', water(), '--overwrite', '--json'], second.ctx)).toBe(0);
    const json = JSON.parse(second.out.join('\n')) as { ok: boolean; written: boolean; changes: unknown[] };
    expect(json).toMatchObject({ ok: true, written: true });
    expect(json.changes).toHaveLength(1);
  });

  it('needs at least one workbook', async () => {
    const c = context();
    expect(await runCli(['import', '.'], c.ctx)).toBe(2);
    expect(c.err.join('\n')).toContain('请给出至少一个填报表');
  });
});

/** Puts a value into any unit's workbook. */
async function editCell(unit: string, key: string, header: string, value: string | number): Promise<string> {
  let ref = '';
  await editWorkbook(files.get(unit)!, (_wb, sheet) => {
    ref = cellAt(sheet, SAMPLE_YEARS, key, header);
    sheet.getCell(ref).value = value;
  });
  return ref;
}
