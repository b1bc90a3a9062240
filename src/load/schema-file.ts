import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Issue } from '../model/issue.ts';
import { displayPath } from '../common/display-path.ts';
import { schemaIssues } from './schema-issues.ts';
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
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseYaml(file, text);
  issues.push(...parsed.issues);
  if (!parsed.source) return {};
  const result = schema.safeParse(parsed.source.data, { reportInput: true });
  if (!result.success) {
    issues.push(...schemaIssues(result.error, parsed.source));
    return { source: parsed.source };
  }
  return { value: result.data, source: parsed.source };
}

