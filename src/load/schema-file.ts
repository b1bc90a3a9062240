import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Issue } from '../model/index.ts';
import { displayPath } from '../common/index.ts';
import { schemaIssues } from './schema-issues.ts';
import { decodeUtf8, encodingMessage, SAVE_AS_UTF8 } from './encoding.ts';
import { parseYaml, type YamlSource } from './yaml-file.ts';


export interface Parsed<T> {
  readonly value?: T;
  readonly source?: YamlSource;
}

/** Reads one YAML file and validates it with its schema; problems are pushed to `issues`, located. */
export async function readSchemaFile<S extends z.ZodType>(
  abs: string,
  schema: S,
  required: boolean,
  issues: Issue[],
): Promise<Parsed<z.output<S>>> {
  const file = displayPath(abs);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    // a missing optional file means "none yet"; one that is there but cannot be read is never silently empty
    issues.push({
      code: missing ? 'file-missing' : 'file-unreadable',
      severity: required || !missing ? 'error' : 'warning',
      file,
      path: [],
      message: missing ? `找不到文件 ${file}` : `无法读取文件 ${file}：${(e as Error).message}`,
      ...(missing ? { hint: required ? '项目文件夹中必须有这个文件' : '尚未提供：视为空列表' } : {}),
    });
    return {};
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    issues.push({
      code: 'file-encoding', severity: 'error', file, line: decoded.line, column: decoded.column, path: [],
      message: encodingMessage(decoded), actual: decoded.encoding, expected: 'UTF-8', hint: SAVE_AS_UTF8,
    });
    return {};
  }
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text.replace(/^\s*#.*$/gm, ''))) {
    // an empty file is not "nothing to report": it is what a failed save or an unfinished copy leaves
    issues.push({
      code: 'file-empty', severity: 'error', file, path: [],
      message: `文件 ${file} 是空的（${text.length === 0 ? '0 字节' : '只有空白或注释'}）`,
    });
    return {};
  }
  const parsed = parseYaml(file, text);
  issues.push(...parsed.issues);
  if (!parsed.source) return {};
  const long = overlongTexts(parsed.source.data);
  if (long.length > 0) {
    for (const { path: at, length } of long) {
      issues.push({
        code: 'text-too-long', severity: 'error', path: at, ...parsed.source.locate(at),
        message: `这一段文字有 ${length} 个字符，超过上限 ${MAX_TEXT_LENGTH}（${at.join('.')}）`,
      });
    }
    return { source: parsed.source };
  }
  const result = schema.safeParse(parsed.source.data, { reportInput: true });
  if (!result.success) {
    issues.push(...schemaIssues(result.error, parsed.source));
    return { source: parsed.source };
  }
  return { value: result.data, source: parsed.source };
}


/** Longest text accepted in any YAML value: 20 000 characters (about 12 pages of the report). */
export const MAX_TEXT_LENGTH = 20_000;

/** Data paths of strings longer than MAX_TEXT_LENGTH (walked without recursion: nesting can be deep). */
function overlongTexts(data: unknown): { path: (string | number)[]; length: number }[] {
  const found: { path: (string | number)[]; length: number }[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0 && found.length < 20) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT_LENGTH) found.push({ path, length: value.length });
    } else if (Array.isArray(value)) value.forEach((v, k) => stack.push({ value: v, path: [...path, k] }));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return found.sort((a, b) => (a.path.join('.') < b.path.join('.') ? -1 : 1));
}
