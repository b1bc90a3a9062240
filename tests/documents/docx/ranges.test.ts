import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { officialDocument } from '../../../src/documents/docx/index.ts';
import { breakNumberLists, keepRangesWhole } from '../../../src/documents/docx/inline.ts';
import { convertWithLibreOffice } from '../../helpers/office.ts';
import { haveTools } from '../../helpers/tools.ts';

/** Body lines that end inside a number or a range and go on in the next line ("33—" / "35", "3" / "2"); page numbers (—1—) are not body. */
function splitNumbers(lines: readonly string[]): string[] {
  const body = lines.filter((l) => !/^—\d+—$/.test(l));
  return body.slice(0, -1).flatMap((a, i) => (/[\d—～]$/.test(a) && /^[\d—～%]/.test(body[i + 1]!) ? [`${a} / ${body[i + 1]}`] : []));
}

/** Lines LibreOffice stretched letter by letter: six or more characters each followed by a space. */
const stretched = (layout: string) => layout.split('\n').filter((l) => /(\p{Script=Han}\s+){6,}/u.test(l));

// every range at every place of a justified 28-character line: one of them falls on a line's end
const TEXT = Array.from({ length: 28 }, (_, k) => `${'各'.repeat(k)}逐河段核对2023年1—8月巡河记录，第5—9、33—35项指标，2021—2035年规划。`).join('');

/** An official document of `body` under a title, written and set by LibreOffice: its bytes and the PDF. */
async function setByLibreOffice(body: string): Promise<{ bytes: Buffer; pdf: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-ranges-'));
  const file = path.join(dir, 'text.docx');
  const bytes = await officialDocument({ markdown: `# 标题\n\n${body}\n`, date: '2023-07-20' });
  writeFileSync(file, bytes);
  return { bytes, pdf: convertWithLibreOffice(file, dir) };
}

describe('numbers and ranges in justified text', () => {
  it('joins a range\'s dash to its numbers with word joiners, and nothing else', () => {
    expect(keepRangesWhole('2023年1—8月，第33～35项，0537-1234567，——')).toBe('2023年1\u2060—\u20608月，第33\u2060～\u206035项，0537-1234567，——');
    expect(keepRangesWhole(keepRangesWhole('5—9'))).toBe('5\u2060—\u20609');
  });

  it.runIf(haveTools('soffice', 'pdftotext'))('never split across lines when LibreOffice sets the page', async () => {
    const { bytes, pdf } = await setByLibreOffice(TEXT);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('1\u2060—\u20608月');
    const lines = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean);
    expect(lines.length).toBeGreaterThan(40);
    expect(splitNumbers(lines)).toEqual([]);
  }, 120_000);

  it('lets a list of numbers break after each 、, and nowhere else', () => {
    expect(breakNumberLists('第1、5—9、12、14项，区委、区政府，2023、')).toBe('第1、\u200b5—9、\u200b12、\u200b14项，区委、区政府，2023、');
    expect(breakNumberLists(breakNumberLists('1、5'))).toBe('1、\u200b5');
  });

  it.runIf(haveTools('soffice', 'pdftotext'))('a long list of numbers is not stretched letter by letter when LibreOffice sets it', async () => {
    // the report's 部门分工: a unit's list after a long name
    const item = '1.市生态环境局兖州区分局：牵头负责第1、5—9、12、14、22、23、33—35项指标，配合完成第2、3、13、24项指标。';
    const { pdf } = await setByLibreOffice(Array.from({ length: 8 }, (_, k) => `${'各'.repeat(k)}${item}`).join('\n\n'));
    expect(stretched(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }))).toEqual([]);
  }, 120_000);
});
