import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.ts';
import { runCli } from '../../src/cli/main.ts';
import { collectWorkbook } from '../../src/workbook/collect.ts';
import { fillRows } from '../../src/workbook/layout.ts';
import { copySample, makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';
import { readXlsx, type XlsxBook } from '../helpers/xlsx-xml.ts';
import { collectInto, loadValid } from './helpers.ts';

const HEADERS = [
  '序号', '指标名称', '单位', '指标值', '本单位职责', '2020年数值', '2021年数值', '2022年数值',
  '上级目标符号', '上级目标数值', '上级目标说明（文件、文号）', '完成状态', '情况说明', '数据来源',
];
const LETTERS = 'ABCDEFGHIJKLMN'.split('');

let sample: MiniProject;
let files: Map<string, string>;
let water: XlsxBook;

beforeAll(async () => {
  sample = await copySample();
  files = await collectInto(sample.dir, path.join(sample.dir, 'out'));
  water = await readXlsx(await readFile(files.get('区水务局')!));
});
afterAll(() => sample.cleanup());

describe('collect: one fill-in workbook per responsible unit', () => {
  it('writes one workbook per unit with indicators, named after the unit', () => {
    expect([...files.keys()]).toEqual([
      '市生态环境局兖州区分局', '区委办', '区政府办', '区水务局', '区综合执法局', '区住建局', '区自然资源局',
      '区农业农村局', '区卫健局', '区应急局', '区发改局', '区统计局', '区工信局', '区财政局',
    ]);
    expect(path.basename(files.get('区水务局')!)).toBe('区水务局.xlsx');
  });

  it('holds only the unit’s indicators, led or shared, one row per indicator or sub-indicator', async () => {
    const sheet = water.sheet('填报');
    expect(LETTERS.map((c) => sheet.text(`${c}2`))).toEqual(HEADERS);
    const keys = [3, 4, 5, 6, 7, 8].map((r) => sheet.text(`A${r}`));
    expect(keys).toEqual(['4', '16', '18', '23', '24', '']);
    expect([3, 4, 5, 6, 7].map((r) => sheet.text(`E${r}`))).toEqual(['牵头', '牵头', '牵头', '配合', '配合']);
    const ecology = await readXlsx(await readFile(files.get('市生态环境局兖州区分局')!));
    const all = Array.from({ length: 30 }, (_, k) => ecology.sheet('填报').text(`A${3 + k}`)).filter(Boolean);
    expect(all).toContain('7①');
    expect(all).toContain('8③');
    expect(all).toContain('22'); // conditional sub-indicators: one row for the indicator
    expect(all).not.toContain('22①');
  });

  it('pre-fills what results.yaml has', () => {
    const sheet = water.sheet('填报');
    expect(sheet.cells.get('F4')?.value).toBe(85.3); // 16, 2020
    expect(sheet.cells.get('H4')?.value).toBe(88.6); // 16, 2022
    expect(sheet.text('I4')).toBe('≥');
    expect(sheet.cells.get('J4')?.value).toBe(86);
    expect(sheet.text('L3')).toBe('已达到'); // 4 河长制
    expect(sheet.text('N5')).toBe('区水务局用水总量统计');
  });

  it('locks reference columns and the cells a row does not need, opens the input cells', () => {
    const sheet = water.sheet('填报');
    expect(sheet.xml).toMatch(/<sheetProtection sheet="1"/);
    const locked = (ref: string) => water.styles[sheet.cells.get(ref)!.style]!.locked;
    for (const c of ['A', 'B', 'C', 'D', 'E']) expect(locked(`${c}4`), c).toBe(true);
    expect(locked('F4')).toBe(false); // 16: values
    expect(locked('I4')).toBe(false); // 16: 完成上级管控目标 needs the superior's target
    expect(locked('L4')).toBe(false); // 16: the superior's finding (考核结果) may be given as a status
    expect(locked('F3')).toBe(true); // 4 河长制: qualitative, no values
    expect(locked('L3')).toBe(false); // … but a status
    expect(locked('I6')).toBe(true); // 23: threshold 100, no superior target
    expect(locked('M6')).toBe(false); // 情况说明 everywhere
  });

  it('validates input: numbers (0–100 for shares), drop-downs for status and comparison', () => {
    const xml = water.sheet('填报').xml;
    const rules = [...xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)].map((m) => ({ attrs: m[1]!, body: m[2]! }));
    const rule = (cell: string) => rules.find((r) => / sqref="([^"]*)"/.exec(r.attrs)![1]!.split(' ').some((range) => covers(range, cell)));
    expect(rule('L3')?.body).toContain('&quot;已达到,推进中,未达到&quot;');
    expect(rule('I4')?.body).toContain('≥,≤,＞,＜,＝');
    expect(rule('F6')?.attrs).toContain('type="decimal"'); // 23 水质优良比例: a share
    expect(rule('F6')?.body).toBe('<formula1>0</formula1><formula2>100</formula2>');
    expect(rule('H5')?.attrs).toContain('type="decimal"'); // 18 用水量: any number
  });

  it('explains the deadline and the office’s contact on 填报说明', () => {
    const guide = water.sheet('填报说明');
    const text = Array.from({ length: 20 }, (_, k) => guide.text(`A${k + 1}`)).join('\n');
    expect(text).toContain('2023年6月30日前');
    expect(text).toContain('市生态环境局兖州区分局生态科');
    expect(text).toContain('yzhbstk@163.com');
  });

  it('carries an identity stamp in a very hidden sheet', () => {
    const stamp = water.sheet('标识');
    expect(stamp.state).toBe('veryHidden');
    const pairs = Object.fromEntries(Array.from({ length: 7 }, (_, k) => [stamp.text(`A${k + 1}`), stamp.text(`B${k + 1}`)]));
    expect(pairs).toEqual({ 工具: 'eco-dossier', 格式版本: '1', 行政区划代码: '370812', 创建项目: '国家生态文明建设示范区', 批次: '第七批', 年度: '2023', 责任单位: '区水务局' });
  });

  it('gives identical bytes when run twice', async () => {
    const data = await loadValid(sample.dir);
    const a = await collectWorkbook(data, '区水务局');
    const b = await collectWorkbook(data, '区水务局');
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    expect(a.rows).toBe(fillRows(data.indicators, '区水务局').length);
  });
});

function covers(range: string, cell: string): boolean {
  const [from, to = from] = range.split(':') as [string, string?];
  const split = (ref: string) => ({ col: /^[A-Z]+/.exec(ref)![0], row: Number(/\d+$/.exec(ref)![0]) });
  const a = split(from);
  const b = split(to!);
  const c = split(cell);
  return c.col >= a.col && c.col <= b.col && c.row >= a.row && c.row <= b.row && c.col.length === a.col.length;
}

describe('eco-dossier collect (CLI)', () => {
  it('writes one workbook per unit into the project’s own out/填报表/, not the working folder’s', async () => {
    const mini = await makeMiniProject();
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'eco-cwd-'));
    try {
      const out: string[] = [];
      const ctx: CommandContext = { cwd, stdout: (t) => out.push(t), stderr: () => {}, isTTY: false };
      expect(await runCli(['collect', mini.dir], ctx)).toBe(0);
      expect((await readdir(path.join(mini.dir, 'out', '填报表'))).sort()).toEqual(['区水务局.xlsx', '区生态环境分局.xlsx', '区综合执法局.xlsx'].sort());
      expect(await readdir(cwd)).toEqual([]);
      expect(out.join('\n')).toContain(`已在 ${path.join(mini.dir, 'out', '填报表')} 生成 3 个责任单位的填报表`);
      const json: string[] = [];
      expect(await runCli(['collect', mini.dir, '--out', 'elsewhere', '--json'], { ...ctx, stdout: (t) => json.push(t) })).toBe(0);
      expect(JSON.parse(json.join('\n'))).toMatchObject({ ok: true, dir: path.join(cwd, 'elsewhere'), files: [{ unit: '区生态环境分局', rows: 2 }, { unit: '区综合执法局', rows: 1 }, { unit: '区水务局', rows: 1 }] });
    } finally {
      await mini.cleanup();
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
