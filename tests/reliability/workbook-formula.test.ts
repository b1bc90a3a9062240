import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWorkbook } from '../../src/workbook/collect.ts';
import { importWorkbooks } from '../../src/workbook/import.ts';
import { copySample, type MiniProject } from '../helpers/mini-project.ts';
import { cellAt, editWorkbook, loadValid, SAMPLE_YEARS } from '../workbook/helpers.ts';

let sample: MiniProject;
beforeAll(async () => {
  sample = await copySample();
});
afterAll(() => sample.cleanup());

describe('import: a formula saved without its result', () => {
  it('is refused, naming the cell, and results.yaml is left as it was (not silently skipped)', async () => {
    const data = await loadValid(sample.dir);
    const file = path.join(sample.dir, 'out', '区水务局.xlsx');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, (await collectWorkbook(data, '区水务局')).bytes);
    let ref = '';
    await editWorkbook(file, (_wb, sheet) => {
      ref = cellAt(sheet, SAMPLE_YEARS, '16', '2021年数值');
      // what a program writes (or a sheet never recalculated): the formula, no cached value
      sheet.getCell(ref).value = { formula: 'B7*1.05' } as never;
    });
    const before = await readFile(path.join(sample.dir, 'results.yaml'), 'utf8');
    const outcome = await importWorkbooks(sample.dir, [file], { overwrite: false });
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    expect(errors).toMatchObject([{
      code: 'workbook-formula-no-value', file: '区水务局.xlsx', sheet: '填报', cell: ref,
      message: '此格是公式“=B7*1.05”，但文件中没有保存它的计算结果，读不出数值',
    }]);
    expect(outcome.written).toBe(false);
    expect(await readFile(path.join(sample.dir, 'results.yaml'), 'utf8')).toBe(before);
  }, 60_000);
});
