import { describe, expect, it } from 'vitest';
import { parseYaml, type DataPath } from '../../src/load/yaml-file.ts';
import { cachedIndex } from '../../src/load/yaml-cache.ts';

/** Every data path of a value, and a few that do not exist below each. */
function pathsOf(value: unknown, at: DataPath = []): DataPath[] {
  const out: DataPath[] = [at, [...at, 'no-such-key'], [...at, 99]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

describe('parsed YAML kept between runs', () => {
  it('gives the same data and the same places from the cache as from parsing', () => {
    // a text of its own (a number in it is new each run), so that the first parse is not from the cache
    const text = [
      `# 测试 ${process.pid}-${Date.now()}`,
      'project:',
      '  name: 兖州区',
      '  empty:',
      '  2022: 年份为键',
      'results:',
      '  - indicator: 1',
      '    values: { 2021: 1.5, 2022: .inf, 2023: -0.0 }',
      '  - indicator: 2',
      '    note: |',
      '      第一行',
      '      第二行',
      '  -',
      '  - [a, b, [c]]',
      'order: { z: 1, a: 2, m: 3 }',
      '',
    ].join('\r\n');
    const first = parseYaml('测试.yaml', text);
    expect(first.issues).toEqual([]);
    expect(cachedIndex(text)).toBeDefined();
    const second = parseYaml('测试.yaml', text);
    const a = first.source!;
    const b = second.source!;
    expect(b.data).toEqual(a.data);
    expect(Object.keys((b.data as { order: object }).order)).toEqual(['z', 'a', 'm']);
    const values = (b.data as { results: { values: Record<string, number> }[] }).results[0]!.values;
    expect(values['2022']).toBe(Infinity);
    expect(Object.is(values['2023'], -0)).toBe(true);
    const paths = [...pathsOf(a.data), ['project', 2022], ['results', '0'], ['results', 0, 'values', 2022]];
    for (const p of paths) {
      expect(b.locate(p), JSON.stringify(p)).toEqual(a.locate(p));
      expect(b.locateKey(p), JSON.stringify(p)).toEqual(a.locateKey(p));
    }
    // the places are right, not only the same
    expect(a.locate(['results', 1, 'note'])).toEqual({ file: '测试.yaml', line: 10, column: 11 });
    expect(a.locateKey(['project', 'empty'])).toEqual({ file: '测试.yaml', line: 4, column: 3 });
    expect(a.locate(['project', 'empty'])).toEqual({ file: '测试.yaml', line: 4, column: 9 });
    expect(a.locate(['results', 0, 'values', 2022])).toEqual({ file: '测试.yaml', line: 8, column: 32 });
    expect(a.locate(['results', 0, 'missing'])).toEqual({ file: '测试.yaml', line: 7, column: 5 });
  });

  it('keeps no file with problems: a syntax error is reported every time', () => {
    const text = `a: 1\na: 2 # ${process.pid}-${Date.now()}\n`;
    for (let i = 0; i < 2; i++) expect(parseYaml('重复.yaml', text).issues.map((x) => [x.code, x.line])).toEqual([['yaml-syntax', 2]]);
    expect(cachedIndex(text)).toBeUndefined();
  });
});
