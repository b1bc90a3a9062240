import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendEvidenceEntries } from '../../src/intake/evidence-yaml.ts';

const ENTRY = { id: 'upload-7', file: '区水务局/台账.pdf', indicators: [3, 4], title: '运行台账', issuer: '区水务局', date: '2023-05-10', kind: '台账' };

describe('the one writer of new evidence.yaml entries', () => {
  it('keeps every byte of the text and appends in its style: flow indicators, two-space list', () => {
    const text = '# 清单\nevidence:\n  - id: E1\n    file: a.pdf\n    indicators: [1]\n    title: "规划"   # 原件\n    issuer: 区政府\n    date: 2021-03-01\n    kind: 文件\n\n# 以上为第一批\n';
    const out = appendEvidenceEntries(text, [ENTRY]);
    // right after the last entry, before the blank line and the comment that close the list
    const at = text.indexOf('\n\n# 以上') + 1;
    expect(out).toBe(`${text.slice(0, at)}  - id: upload-7\n    file: 区水务局/台账.pdf\n    indicators: [3, 4]\n    title: 运行台账\n    issuer: 区水务局\n    date: 2023-05-10\n    kind: 台账\n${text.slice(at)}`);
    expect(appendEvidenceEntries(text.replace('[1]', '[ 1 ]'), [ENTRY])).toContain('indicators: [ 3, 4 ]');
    expect(parse(out).evidence).toHaveLength(2);
  });

  it('keeps CRLF line ends, a list at column 0 and indicators one per line', () => {
    const text = 'evidence:\r\n- id: E1\r\n  file: a.pdf\r\n  indicators:\r\n  - 1\r\n  title: 规划\r\n  issuer: 区政府\r\n  date: 2021-03-01\r\n  kind: 文件\r\n';
    const out = appendEvidenceEntries(text, [ENTRY]);
    expect(out.startsWith(text)).toBe(true);
    const added = out.slice(text.length);
    expect(added).not.toMatch(/[^\r]\n/);
    expect(added.startsWith('- id: upload-7\r\n  file: 区水务局/台账.pdf\r\n  indicators:\r\n    - 3\r\n')).toBe(true);
    expect(parse(out).evidence[1].indicators).toEqual([3, 4]);
  });

  it('adds nothing for a file listed already, and makes a list of `evidence: []`', () => {
    const listed = 'evidence:\n  - id: E1\n    file: 区水务局/台账.pdf\n    indicators: [3]\n    title: t\n    issuer: i\n    date: 2021-03-01\n    kind: 文件\n';
    expect(appendEvidenceEntries(listed, [ENTRY])).toBe(listed);
    const empty = appendEvidenceEntries('# 空\nevidence: []\n', [ENTRY]);
    expect(empty.startsWith('# 空\nevidence:\n  - id: upload-7\n')).toBe(true);
    expect(parse(empty).evidence).toHaveLength(1);
  });
});
