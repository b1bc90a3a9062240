import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { makeMiniProject, type MiniProject } from '../helpers/mini-project.ts';

describe('status --html', () => {
  let project: MiniProject;
  beforeAll(async () => {
    project = await makeMiniProject((f) => {
      f['results.yaml'] = f['results.yaml']!.replace('values: { 2020: 80.5, 2022: 86.2 }', 'values: { 2020: 80.5, 2022: 82.0 }');
    });
  });
  afterAll(() => project.cleanup());

  it('writes 总览 and 责任单位 as one self-contained file with the charts inline', async () => {
    const file = path.join(project.dir, '进展.html');
    const result = await run('status', project.dir, '--today', '2023-06-20', '--html', file);
    expect(result.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('<h2>总览（2023年6月20日）</h2>');
    expect(text).toContain('<h2 class="pagebreak">责任单位</h2>');
    // 申报条件 as src/judge assesses it under the catalogue's rule: the blocking indicator and the rule named
    expect(text).toContain('参考性指标达标 <b>0/1</b>（0%，须不低于 80%）');
    expect(text).toContain('<li>第 3 项 城镇污水处理率（参考性，未达标）</li>');
    expect(text).toContain('申报条件：约束性指标全部达标、参考性指标达标率不低于80%（《国家生态文明建设示范区管理规程（修订版）》（环办生态函〔2021〕353号）— 条文未能取得，条号未知）。此条件按通行说法，尚未与管理规程原文核对。');
    expect(text).toContain('还剩 10 天');
    expect(text.match(/<svg /g)?.length).toBe(2);
    expect(text).toContain('@page{size:A4');
    // nothing to fetch: no script, no stylesheet link, no image source, no address but the SVG namespaces
    expect(text).not.toMatch(/<script|<link |<img |src=/);
    expect([...text.matchAll(/https?:\/\/[^"' )]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
    await rm(file);
  });
});
