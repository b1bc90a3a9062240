import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, diagnosticOf, isIssueCode } from '../../src/model/diagnostics.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const raising = sources(SRC)
  .filter((f) => !f.endsWith(path.join('model', 'diagnostics.ts')))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('the diagnostics vocabulary', () => {
  it('lists no code that nothing raises', () => {
    const unused = Object.keys(DIAGNOSTICS).filter((code) => !code.startsWith('schema-') && !raising.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('words every code in Chinese', () => {
    for (const code of Object.keys(DIAGNOSTICS)) {
      if (!isIssueCode(code)) throw new Error(code);
      expect(diagnosticOf(code).title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('knows its own codes and no others', () => {
    expect(isIssueCode('yaml-syntax')).toBe(true);
    expect(isIssueCode('bundle-file-altered')).toBe(true);
    expect(isIssueCode('not-a-code')).toBe(false);
    expect(isIssueCode('toString')).toBe(false);
  });
});
