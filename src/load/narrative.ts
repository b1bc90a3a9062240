import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../common/index.ts';
import { firstInvalidUtf8, SAVE_AS_UTF8 } from './encoding.ts';
import type { Issue } from '../model/index.ts';
import { NARRATIVE_COMMENT, NARRATIVE_EXT, NARRATIVE_FOLDER, type Narrative, type NarrativePart } from '../model/index.ts';
import type { Project } from '../model/index.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Why a text file could not be decoded, and where: the first line that is not text in the encoding found. */
export interface Undecodable {
  readonly ok: false;
  readonly line: number;
  /** what the bytes look like */
  readonly why: 'utf-8-damaged' | 'utf-16-damaged' | 'control' | 'unknown';
}

const fatal = (label: string, bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

const lineAt = (bytes: Uint8Array, offset: number) => bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;

/** The first line (1-based) that does not decode as GB18030 on its own; a line break is never part of a GB18030 character. */
function firstBadGbLine(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (fatal('gb18030', bytes.subarray(start, end < 0 ? bytes.length : end)) === undefined) return line;
    if (end < 0) return line;
    start = end + 1;
  }
}

/** Characters no text editor writes into prose: NUL (UTF-16 read as bytes) and the other C0/C1 controls but tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/**
 * Decodes a text file as Notepad or WPS on Chinese Windows may have saved it, strictly: UTF-8 (with or
 * without a byte-order mark), UTF-16 with its mark, or GB18030 (which covers GBK/GB2312) when the whole
 * file decodes as GB18030 and is not UTF-8 damaged in one place. Anything else, and text holding control
 * characters (UTF-16 without its mark, a binary file), is not decoded: the first bad line is named.
 */
export function decodeText(bytes: Buffer): { ok: true; text: string; encoding: TextEncoding } | Undecodable {
  const checked = (text: string, encoding: TextEncoding) => {
    const bad = CONTROL.exec(text);
    if (!bad) return { ok: true as const, text, encoding };
    return { ok: false as const, line: text.slice(0, bad.index).split('\n').length, why: 'control' as const };
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe || bytes[0] === 0xfe && bytes[1] === 0xff) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = fatal(encoding, bytes.subarray(2));
    if (text !== undefined) return checked(text, encoding);
    // the line of the first bad unit, counted in the decodable part before it
    const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(2));
    return { ok: false, line: lenient.slice(0, Math.max(0, lenient.indexOf('\ufffd'))).split('\n').length, why: 'utf-16-damaged' };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const utf8 = fatal('utf-8', body);
  if (utf8 !== undefined) return checked(utf8, 'utf-8');
  const bad = firstInvalidUtf8(body);
  // UTF-8 up to the bad byte with Chinese (or other non-ASCII) text in it, or a UTF-8 mark: a UTF-8 file
  // with a damaged or foreign line, not a GB18030 file (whose characters are rarely valid UTF-8 twice running)
  const before = new TextDecoder('utf-8').decode(body.subarray(0, bad));
  if (body !== bytes || [...before].filter((c) => c.charCodeAt(0) > 0x7f).length >= 2) return { ok: false, line: lineAt(body, bad), why: 'utf-8-damaged' };
  const gb = fatal('gb18030', body);
  if (gb !== undefined) return checked(gb, 'gb18030');
  return { ok: false, line: firstBadGbLine(body), why: 'unknown' };
}

const WHY: Record<Undecodable['why'], string> = {
  'utf-8-damaged': '文件按 UTF-8 编码保存，但这一行有不是 UTF-8 的字节（可能是从别的文件粘贴来的西文或其他编码的文字）',
  'utf-16-damaged': '文件按 UTF-16 编码保存，但这一行的字节不完整',
  control: '这一行有控制字符（文件可能是没有编码标记的 UTF-16，或不是文本文件）',
  unknown: '文件既不是 UTF-8，也不是 UTF-16 或 GBK/GB18030 编码的文字（可能已损坏或不是文本文件）',
};

export const undecodableMessage = (u: Undecodable): string => WHY[u.why];

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
      const decoded = decodeText(await readFile(file));
      if (!decoded.ok) {
        issues.push({
          code: 'file-encoding', severity: 'error', file: displayPath(file), line: decoded.line, path: [],
          message: `报告文字 ${NARRATIVE_FOLDER}/${name} 第 ${decoded.line} 行无法读取：${undecodableMessage(decoded)}；为免报告中出现乱码，该部分未读入`,
          hint: `核对该行的文字；${SAVE_AS_UTF8}`,
        });
        continue;
      }
      const text = normaliseNarrative(decoded.text);
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
