import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import type { Issue } from '../../model/index.ts';
import { chineseDate, chineseNumeral, circled, roundedNumber } from '../../common/index.ts';

/** The templates shipped with eco-dossier; a project may point `templates:` at its own copy. */
export const BUILTIN_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../templates');

const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  cnDate: (iso: string) => chineseDate(String(iso)),
  cnNum: (n: number) => chineseNumeral(Number(n)),
  circled: (n: number) => circled(Number(n)),
  num: (value: number, digits: unknown) => roundedNumber(Number(value), typeof digits === 'number' ? digits : 2),
  inc: (n: number) => Number(n) + 1,
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: number, b: number) => a > b,
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : ''),
  length: (list: unknown) => (Array.isArray(list) ? list.length : 0),
};

export class TemplateError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly detail: string) {
    super(`${file}${line ? `:${line}` : ''}: 模板错误：${detail}`);
  }
  toIssue(): Issue {
    return { code: 'template-error', severity: 'error', file: this.file, ...(this.line ? { line: this.line } : {}), path: [], message: `模板错误：${this.detail}` };
  }
}

export interface TemplateSet {
  /** the project's folder (if any) first, then the built-in one */
  readonly dirs: readonly string[];
}

export function templateSet(projectDir: string, projectTemplates?: string): TemplateSet {
  return { dirs: projectTemplates ? [path.resolve(projectDir, projectTemplates), BUILTIN_TEMPLATES] : [BUILTIN_TEMPLATES] };
}

/** Finds `name` (e.g. "report/report.md.hbs") in the project's templates, else the built-in ones. */
export function resolveTemplate(set: TemplateSet, name: string): string {
  for (const dir of set.dirs) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new TemplateError(name, undefined, `找不到模板 ${name}（查找位置：${set.dirs.join('、')}）`);
}

/** Handlebars, loaded when a template is first filled in (validate and the planners only look templates up). */
let loaded: typeof Handlebars | undefined;
function handlebars(): typeof Handlebars {
  loaded ??= createRequire(import.meta.url)('handlebars') as typeof Handlebars;
  return loaded;
}

/** The one Handlebars environment: noEscape (no HTML entities in Word/PDF text), strict, known helpers only. */
function createEnvironment(extraHelpers: Record<string, Handlebars.HelperDelegate>) {
  const env = handlebars().create();
  for (const [name, fn] of Object.entries({ ...HELPERS, ...extraHelpers })) env.registerHelper(name, fn);
  return env;
}

/**
 * Renders a template file with plain data. A missing variable, an unknown helper or a syntax error
 * throws a TemplateError naming the template file and line.
 */
export function renderTemplate(
  set: TemplateSet,
  name: string,
  context: object,
  extraHelpers: Record<string, Handlebars.HelperDelegate> = {},
): string {
  const file = resolveTemplate(set, name);
  const source = readFileSync(file, 'utf8');
  const env = createEnvironment(extraHelpers);
  const knownHelpers = Object.fromEntries(Object.keys({ ...HELPERS, ...extraHelpers }).map((k) => [k, true]));
  try {
    const template = env.compile(source, { noEscape: true, strict: true, knownHelpers, knownHelpersOnly: true });
    return template(JSON.parse(JSON.stringify(context)) as object);
  } catch (e) {
    throw asTemplateError(file, e);
  }
}

function asTemplateError(file: string, e: unknown): TemplateError {
  const message = e instanceof Error ? e.message : String(e);
  const parse = /Parse error on line (\d+)/.exec(message);
  if (parse) return new TemplateError(file, Number(parse[1]), `语法错误：${message.split('\n').slice(1).join(' ').trim()}`);
  const missing = /"([^"]+)" not defined in .* - (\d+):(\d+)/.exec(message);
  if (missing) return new TemplateError(file, Number(missing[2]), `数据中没有变量“${missing[1]}”`);
  const helper = /You specified knownHelpersOnly, but used the unknown helper (\S+) - (\d+):(\d+)/.exec(message);
  if (helper) return new TemplateError(file, Number(helper[2]), `未知的帮助函数“${helper[1]}”`);
  const lineMatch = / - (\d+):(\d+)$/.exec(message) ?? /line (\d+)/.exec(message);
  return new TemplateError(file, lineMatch ? Number(lineMatch[1]) : undefined, message);
}
