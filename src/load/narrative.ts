import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../common/index.ts';
import type { Issue } from '../model/index.ts';
import { NARRATIVE_COMMENT, NARRATIVE_EXT, NARRATIVE_FOLDER, type Narrative, type NarrativePart } from '../model/index.ts';
import type { Project } from '../model/index.ts';

/**
 * Decodes a text file as Notepad or WPS on Chinese Windows may have saved it: UTF-8 (with or without a
 * byte-order mark), UTF-16 with its mark, or, when the bytes are not UTF-8, GB18030 (which covers GBK/GB2312).
 */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Line endings to \n, comment lines (`// …`) out, trailing spaces off each line, blank lines at either end off. */
export function normaliseNarrative(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n')
    .filter((l) => !l.trimStart().startsWith(NARRATIVE_COMMENT))
    .map((l) => l.replace(/[ \t\u3000]+$/u, '')).join('\n').trim();
}

/**
 * The report's narrative parts: every narrative/*.txt of the project, by part name (the file name without
 * .txt), without its comment lines. 基本情况 falls back to project.yaml's district.profile (the older place for it). An empty file
 * (or one of comment lines only) counts as not written. Reading never fails the load: an unreadable file is a located error.
 */
export async function loadNarrative(root: string, project: Project): Promise<{ narrative: Narrative; issues: Issue[] }> {
  const dir = path.join(root, NARRATIVE_FOLDER);
  const issues: Issue[] = [];
  const parts: Record<string, NarrativePart> = {};
  const names = (await readdir(dir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(NARRATIVE_EXT) && !e.name.startsWith('.') && !e.name.startsWith('~'))
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const file = path.join(dir, name);
    const part = name.slice(0, -NARRATIVE_EXT.length).normalize('NFC').trim();
    try {
      const text = normaliseNarrative(decodeText(await readFile(file)).text);
      if (text) parts[part] = { text, file: displayPath(file) };
    } catch (e) {
      issues.push({
        code: 'file-unreadable', severity: 'error', file: displayPath(file), path: [],
        message: `无法读取报告文字 ${NARRATIVE_FOLDER}/${name}：${(e as Error).message}`,
      });
    }
  }
  const profile = project.district.profile?.trim();
  if (!parts['基本情况'] && profile) parts['基本情况'] = { text: profile, file: `${displayPath(path.join(root, 'project.yaml'))}（district.profile）` };
  return { narrative: parts, issues };
}
