import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';

// a county made with init keeps only its own 林草覆盖率 line, as 分项①: a value written for the indicator
// without `sub` is never judged, and the office is told which line to write it for
const root = mkdtempSync(path.join(os.tmpdir(), 'eco-result-sub-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a result without sub for an indicator judged line by line', () => {
  it('is a warning at the result that names the line to write (sub: 1 for the one terrain line kept)', async () => {
    const dir = path.join(root, 'county');
    expect((await run('init', dir, '--catalog', '2021-county', '--district', '临沂市沂南县', '--terrain', '丘陵', '--year', '2025')).code).toBe(0);
    const forest = 10;
    writeFileSync(path.join(dir, 'results.yaml'), `results:\n  - { indicator: 3, values: { "2024": 22.5 } }\n  - { indicator: ${forest}, values: { "2024": 51.2 } }\n`);
    const r = await run('validate', dir, '--json');
    const warnings = JSON.parse(r.stdout).warnings as { code: string; file: string; line?: number; path: (string | number)[]; message: string; hint?: string }[];
    const found = warnings.filter((w) => w.code === 'result-without-sub');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: expect.stringMatching(/results\.yaml$/), line: 3, path: ['results', 1] });
    expect(found[0]!.message).toContain(`指标${forest}“林草覆盖率”按分项判定（①丘陵地区）`);
    expect(found[0]!.hint).toBe('在这条结果中写上 sub: 1（丘陵地区）');
    // written with sub: 1, the value is judged and the warning is gone
    writeFileSync(path.join(dir, 'results.yaml'), `results:\n  - { indicator: 3, values: { "2024": 22.5 } }\n  - { indicator: ${forest}, sub: 1, values: { "2024": 51.2 } }\n`);
    const fixed = JSON.parse((await run('validate', dir, '--json')).stdout);
    expect(fixed.warnings.map((w: { code: string }) => w.code)).not.toContain('result-without-sub');
    const judged = fixed.indicators.find((i: { no: number }) => i.no === forest);
    expect(judged.current).toContain('51.2');
    expect(judged.reason).toContain('现状值 51.2% ≥ 40%');
  });
});
