import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/load/check.ts';
import { fillRows, FIRST_DATA_ROW, valueLabel } from '../../src/workbook/layout.ts';
import { copySample, type MiniProject } from '../helpers/mini-project.ts';
import { collectInto, loadValid } from './helpers.ts';

/**
 * One kind of number per row: each value cell of the fill-in workbook says what the year's value is
 * ("2022年水质达到或优于Ⅲ类比例（%）"), a level wherever the table defines the indicator by one, and a value that
 * looks like a change where a level is expected is a warning at its place.
 */
let sample: MiniProject;
beforeAll(async () => {
  sample = await copySample();
});
afterAll(() => sample.cleanup());

describe('the fill-in workbook labels every value with its quantity', () => {
  it('提高幅度/下降幅度 rows ask for the level; a rate the table defines is asked for as such', async () => {
    const data = await loadValid(sample.dir);
    const label = (unit: string, key: string) => valueLabel(fillRows(data.indicators, unit, '平原地区').find((r) => r.key === key)!, 2022);
    expect(label('市生态环境局兖州区分局', '8①')).toBe('2022年水质达到或优于Ⅲ类比例（%）');
    expect(label('市生态环境局兖州区分局', '7②')).toBe('2022年PM2.5浓度（μg/m3）');
    expect(label('市生态环境局兖州区分局', '22')).toBe('2022年一般工业固体废物综合利用率（%）');
    expect(label('区自然资源局', '10①')).toBe('2022年林草覆盖率（%）');
    const rate = fillRows(data.indicators, '区自然资源局').find((r) => r.key === '19')!;
    expect(rate.quantity).toEqual({ name: '单位国内生产总值建设用地使用面积下降率', unit: '%', kind: 'change' });
  });

  it('each value cell carries that label as its prompt in the workbook', async () => {
    const files = await collectInto(sample.dir, path.join(sample.dir, 'out'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(files.get('市生态环境局兖州区分局')!)) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('填报')!;
    const rowOf = (key: string) => {
      for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) if (String(sheet.getCell(`A${r}`).value) === key) return r;
      throw new Error(key);
    };
    // columns F, G, H are 2020, 2021, 2022
    expect(sheet.getCell(`H${rowOf('8①')}`).dataValidation.prompt).toBe('2022年水质达到或优于Ⅲ类比例（%）：填当年的数值（水平值），不填变化量；提高或下降的幅度由工具按基准年计算');
    expect(sheet.getCell(`F${rowOf('7②')}`).dataValidation.prompt).toMatch(/^2020年PM2\.5浓度（μg\/m3）：/);
  });
});

describe('a value that looks like the other kind is a warning at its place', () => {
  it('a change entered where levels are expected (0 at the base year, or a jump 70 → 3)', async () => {
    const file = path.join(sample.dir, 'results.yaml');
    const text = await readFile(file, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, text.replace('values: { 2020: 50, 2022: 66.7 }', 'values: { 2020: 0, 2022: 16.7 }').replace('values: { 2020: 66.4, 2021: 67.2, 2022: 68.9 }', 'values: { 2020: 70, 2021: 71, 2022: 3 }'));
    const checked = await checkProject(sample.dir);
    const kinds = checked.issues.filter((i) => i.code === 'result-value-kind');
    expect(kinds.map((i) => [i.severity, i.path.join('.')])).toEqual([
      ['warning', 'results.6.values.2022'],
      ['warning', 'results.8.values.2020'],
    ]);
    expect(kinds[1]!.message).toMatch(/^指标8①“水质达到或优于Ⅲ类比例提高幅度”2020年的数值为 0/);
    await writeFile(file, text);
  });
});
