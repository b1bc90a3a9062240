import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Issue } from '../model/issue.ts';
import { displayPath } from '../common/display-path.ts';
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
    issues.push({
      code: missing ? 'file-missing' : 'file-unreadable',
      severity: required ? 'error' : 'warning',
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
  const parsed = parseYaml(file, decoded.text);
  issues.push(...parsed.issues);
  if (!parsed.source) return {};
  const result = schema.safeParse(parsed.source.data, { reportInput: true });
  if (!result.success) {
    issues.push(...schemaIssues(result.error, parsed.source));
    return { source: parsed.source };
  }
  return { value: result.data, source: parsed.source };
}

