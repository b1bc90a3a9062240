import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, explainIssue, formatIssue, type Issue } from '../../src/model/index.ts';
import { issuesToJson } from '../../src/cli/report-issues.ts';

const bare: Issue = { code: 'file-encoding', severity: 'error', file: 'results.yaml', line: 3, path: [], message: '第 3 行不是 UTF-8 文字' };

describe('every issue shown carries its code\'s title and remedy (model/diagnostics.ts)', () => {
  it('a line on the terminal: the message, the usual remedy when the raising code gave none, and the title', () => {
    expect(formatIssue(bare)).toBe('results.yaml:3: 错误: 第 3 行不是 UTF-8 文字（另存为 UTF-8 编码后重试）【文件不是 UTF-8 编码】');
    // the raising code's own hint wins over the usual one
    expect(formatIssue({ ...bare, hint: '用记事本另存为 UTF-8' })).toContain('（用记事本另存为 UTF-8）【文件不是 UTF-8 编码】');
  });

  it('--json: every issue has its title, and the remedy where one is known', () => {
    const [json] = issuesToJson([bare]);
    expect(json).toMatchObject({ code: 'file-encoding', title: DIAGNOSTICS['file-encoding'].title, hint: DIAGNOSTICS['file-encoding'].hint });
  });

  it('every code has a title to show', () => {
    for (const code of Object.keys(DIAGNOSTICS) as (keyof typeof DIAGNOSTICS)[]) {
      expect(explainIssue({ ...bare, code }).title.length, code).toBeGreaterThan(1);
    }
  });
});
