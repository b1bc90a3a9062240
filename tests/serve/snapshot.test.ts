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
    expect(text).toContain('参考性指标达标 <b>0/1</b>');
    expect(text).toContain('还剩 10 天');
    expect(text.match(/<svg /g)?.length).toBe(2);
    expect(text).toContain('@page{size:A4');
    // nothing to fetch: no script, no stylesheet link, no image source, no address but the SVG namespaces
    expect(text).not.toMatch(/<script|<link |<img |src=/);
    expect([...text.matchAll(/https?:\/\/[^"' )]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
    await rm(file);
  });
});
