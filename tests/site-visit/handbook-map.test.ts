import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { haveTools } from '../helpers/tools.ts';
import { pdftotext, sampleCopy } from './helpers.ts';

const LONG = '余村农村生活污水治理终端（一期和二期工程）集中式饮用水水源地（示例）';

describe.runIf(haveTools('pdftotext'))('the handbook\'s route maps: a long site name is wrapped, never cut with …', () => {
  it('labels S04 with its whole name, and no text on a route page ends with …', async () => {
    const dir = sampleCopy();
    const file = path.join(dir, 'sites.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 集中式饮用水水源地（示例）', `name: ${LONG}`));
    const out = path.join(dir, 'out');
    expect((await run('site-visit', dir, '--out', out)).code).toBe(0);
    const pdf = path.join(out, '现场核查', '现场核查手册.pdf');
    // pages 2 and 3: the two half-days' maps, each with its table; the map label and the table's row each name S04 whole
    const pages = [2, 3].map((p) => pdftotext(pdf, '-raw', '-f', String(p), '-l', String(p)));
    const withS04 = pages.find((t) => t.includes('S04'))!;
    expect(withS04.replace(/\s+/g, '').split(`S04${LONG}`).length - 1).toBe(2);
    for (const t of pages) expect(t.split('\n').filter((l) => l.trim().endsWith('…'))).toEqual([]);
    expect(pages.join('')).not.toContain('…');
  });
});
