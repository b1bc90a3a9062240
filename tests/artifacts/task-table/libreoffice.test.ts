import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../../src/load/check.ts';
import { renderTaskTable } from '../../../src/artifacts/task-table/index.ts';
import { convertWithLibreOffice } from '../../helpers/office.ts';
import { haveTools } from '../../helpers/tools.ts';

/** The task table opened by a reader that did not write it: LibreOffice, then poppler on the PDF. */
describe.runIf(haveTools('soffice', 'pdftotext', 'pdfinfo'))('task table printed by LibreOffice', () => {
  let dir: string;
  let pdf: string;
  const text = (first?: number, last?: number) =>
    execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-layout', pdf, '-'], { encoding: 'utf8' });

  beforeAll(async () => {
    const checked = await checkProject('fixtures/yanzhou-2023');
    const bytes = await renderTaskTable({ data: checked.data!, verdicts: checked.verdicts, revision: 1 }, { withStatus: false });
    dir = await mkdtemp(path.join(os.tmpdir(), 'eco-table-'));
    const xlsx = path.join(dir, '指标任务分解表.xlsx');
    await writeFile(xlsx, bytes);
    pdf = convertWithLibreOffice(xlsx, dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the title, every indicator and the page numbers', () => {
    const all = text().replace(/[ \t]+/g, ' ');
    expect(all).toContain('济宁市兖州区创建国家生态文明建设示范区指标任务分解表');
    expect(all).toContain('危险废物利用处置率');
    expect(all).toContain('公众对生态文明建设的参与度');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // the three sheets: the table itself on a few landscape pages, then 责任单位汇总 and 材料清单
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(12);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    expect(text(1).replace(/\s+/g, '')).toContain(`第1页共${pages}页`);
    expect(text(pages).replace(/\s+/g, '')).toContain(`第${pages}页共${pages}页`);
  });

  it('repeats the header row on the next page', () => {
    const second = text(2).replace(/\s+/g, '');
    expect(second).toContain('领域任务序号指标名称单位指标值指标属性责任单位备注');
    expect(second).not.toContain('指标任务分解表'); // the title row is not repeated
  });
});
