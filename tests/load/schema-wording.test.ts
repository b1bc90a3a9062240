import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSchemaFile } from '../../src/load/index.ts';
import { Feedback, Project, Results, type Issue } from '../../src/model/index.ts';
import { readFileSync } from 'node:fs';

async function issuesOf(schema: Parameters<typeof readSchemaFile>[1], text: string): Promise<Issue[]> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'wording-')), 'x.yaml');
  writeFileSync(file, text);
  const issues: Issue[] = [];
  await readSchemaFile(file, schema, true, issues);
  return issues;
}

describe('what a clerk is told about a value of the wrong kind', () => {
  it('a number written with words and a unit: the number alone is asked for', async () => {
    const [issue] = await issuesOf(Results, 'results:\n  - { indicator: 34, values: { 2022: 约97.5% } }\n');
    expect(issue).toMatchObject({ message: '“2022年的数值”（results[0].values.2022）应为数字，实际为“约97.5%”', line: 2 });
    expect(issue!.hint).toContain('只写数字，如 97.5');
  });

  it('a missing date is asked for as a date, and a round’s keys have Chinese names', async () => {
    const issues = await issuesOf(Feedback, 'round: 1\nstage: 省市级预审\nitems:\n  - { id: R1-01, text: 补充材料 }\n');
    const messages = issues.map((i) => i.message);
    expect(messages).toContain('缺少“日期”（date），应为日期（写成 2023-07-12 的形式）');
    expect(messages).toContain('缺少“审查单位”（reviewer），应为文本');
  });
});

describe('what a clerk is told about a year’s value', () => {
  const hintFor = async (values: string) => {
    const [issue] = await issuesOf(Results, `results:\n  - { indicator: 34, values: ${values} }\n`);
    return issue!;
  };
  it('a year written with 年 is named as the key it is, in Chinese, with the way to write it', async () => {
    const issue = await hintFor('{ 2022年: 97.5 }');
    expect(issue.message).toBe('“各年数值”（results[0].values）中的“2022年”：年份应为 4 位数字');
    expect(issue.hint).toBe('写成 2022: 数值');
    expect(issue.line).toBe(2);
  });
  it('full-width digits, quotes, a dash and a blank each get their own hint', async () => {
    expect((await hintFor('{ 2022: ９７.５ }')).hint).toBe('用半角数字，写成 97.5');
    expect((await hintFor("{ 2022: '97.5' }")).hint).toBe('去掉引号，写成 97.5');
    expect((await hintFor('{ 2022: — }')).hint).toContain('没有数据的年份不写');
    expect((await hintFor('{ 2022: }')).hint).toContain('没有数据的年份不写');
  });
});

describe('the years a project compares', () => {
  const sample = readFileSync('fixtures/yanzhou-2023/project.yaml', 'utf8');
  it('refuses a current year that is not after the base year, at its place (a trend compared with itself always passes)', async () => {
    for (const year of [2020, 2019]) {
      const issues = await issuesOf(Project, sample.replace(/currentYear: \d{4}/, `currentYear: ${year}`));
      expect(issues.map((i) => i.message)).toContain(`“现状年”（programme.currentYear）：应晚于基准年（baselineYear: 2020），实际为数字 ${year}`);
    }
    expect(await issuesOf(Project, sample)).toEqual([]);
  });
});
