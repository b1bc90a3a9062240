import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { officialDocument } from '../../../src/documents/docx/index.ts';
import { keepRangesWhole } from '../../../src/documents/docx/inline.ts';
import { convertWithLibreOffice } from '../../helpers/office.ts';
import { haveTools } from '../../helpers/tools.ts';

/** Body lines that end inside a number or a range and go on in the next line ("33—" / "35", "3" / "2"). */
function splitNumbers(lines: readonly string[]): string[] {
  return lines.slice(0, -1).flatMap((a, i) => (/[\d—～]$/.test(a) && /^[\d—～%]/.test(lines[i + 1]!) ? [`${a} / ${lines[i + 1]}`] : []));
}

// every range at every place of a justified 28-character line: one of them falls on a line's end
const TEXT = Array.from({ length: 28 }, (_, k) => `${'各'.repeat(k)}逐河段核对2023年1—8月巡河记录，第5—9、33—35项指标，2021—2035年规划。`).join('');

describe('numbers and ranges in justified text', () => {
  it('joins a range\'s dash to its numbers with word joiners, and nothing else', () => {
    expect(keepRangesWhole('2023年1—8月，第33～35项，0537-1234567，——')).toBe('2023年1\u2060—\u20608月，第33\u2060～\u206035项，0537-1234567，——');
    expect(keepRangesWhole(keepRangesWhole('5—9'))).toBe('5\u2060—\u20609');
  });

  it.runIf(haveTools('soffice', 'pdftotext'))('never split across lines when LibreOffice sets the page', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eco-ranges-'));
    const file = path.join(dir, 'ranges.docx');
    const bytes = await officialDocument({ markdown: `# 标题\n\n${TEXT}\n`, date: '2023-07-20' });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('1\u2060—\u20608月');
    writeFileSync(file, bytes);
    const pdf = convertWithLibreOffice(file, dir);
    const lines = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean);
    expect(lines.length).toBeGreaterThan(40);
    expect(splitNumbers(lines)).toEqual([]);
  }, 120_000);
});
