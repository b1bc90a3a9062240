import { createRequire } from 'node:module';
import type * as YamlLib from 'yaml';
import type { Issue, SourcePlace } from '../model/index.ts';
import { cachedIndex, keepIndex } from './yaml-cache.ts';
import { indexOf, nodeAlong, placeIn, type DataPath, type YamlIndex } from './yaml-index.ts';

export type { DataPath } from './yaml-index.ts';

/** A parsed YAML file that can say where any data path sits in the text. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** line/column of the value at `path`, or of its nearest existing parent */
  locate(path: DataPath): SourcePlace;
  /** line/column of the key itself, for keys that should not be there */
  locateKey(path: DataPath): SourcePlace;
}

// the yaml package, loaded when a text is not in the cache (yaml-cache.ts)
let yamlLib: typeof YamlLib | undefined;
const yaml = () => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof YamlLib);

/**
 * Parses YAML text, keeping positions. Syntax errors become located issues; the data is
 * then `undefined` so that later checks do not run on half-read input. A text parsed before without
 * problems is taken from the cache (yaml-cache.ts), with the same data and places.
 */
export function parseYaml(file: string, text: string): { source?: YamlSource; issues: Issue[] } {
  if (text.length > MAX_YAML_CHARS) return { issues: [resourceIssue(file, `文件过大（${Math.round(text.length / 1e6)} 百万字符，上限 ${MAX_YAML_CHARS / 1e6} 百万）`)] };
  const cached = cachedIndex(text);
  if (cached) return { source: sourceOf(file, cached), issues: [] };
  const parsed = parseAndIndex(file, text);
  if (parsed.index) keepIndex(text, parsed.index);
  return parsed.index ? { source: sourceOf(file, parsed.index), issues: [] } : { issues: parsed.issues };
}

function parseAndIndex(file: string, text: string): { index?: YamlIndex; issues: Issue[] } {
  const { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    if (e instanceof RangeError) return { issues: [resourceIssue(file, '嵌套层次过深')] };
    throw e;
  }
  if (doc.errors.length > 0) {
    const issues = doc.errors.map<Issue>((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return {
        code: 'yaml-syntax',
        severity: 'error',
        path: [],
        file, line: pos.line, column: pos.col,
        message: `YAML 格式错误：${yamlErrorText(e.code, e.message)}`,
        hint: '检查缩进、冒号后的空格和引号是否成对',
      };
    });
    return { issues };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    // the yaml package refuses alias bombs ("billion laughs") with a ReferenceError; deep nesting overflows the stack
    if (e instanceof ReferenceError || e instanceof RangeError) {
      return { issues: [{ ...resourceIssue(file, e instanceof RangeError ? '嵌套层次过深' : '锚点（&）和别名（*）展开后的数据量过大'), ...firstAnchor(text) }] };
    }
    throw e;
  }
  const is = { map: isMap, seq: isSeq, scalar: isScalar, pair: isPair };
  return { index: indexOf(doc.contents as YamlLib.Node | null, data, lineCounter.lineStarts, is), issues: [] };
}

function sourceOf(file: string, index: YamlIndex): YamlSource {
  return {
    file,
    data: index.data,
    locate: (path) => placeIn(file, index, nodeAlong(index, path).entry[1]),
    locateKey: (path) => {
      const { entry, depth } = nodeAlong(index, path);
      return placeIn(file, index, depth === path.length && entry[2] >= 0 ? entry[2] : entry[1]);
    },
  };
}

/** Limits against YAML resource attacks: an alias may be expanded this many times in all, a file has at most this many characters. */
export const MAX_ALIAS_COUNT = 100;
export const MAX_YAML_CHARS = 20_000_000;

/** Where the first anchor (&name) stands: where an alias bomb starts. */
function firstAnchor(text: string): { line: number; column: number } | Record<string, never> {
  const m = /(^|[\s\[{,:-])&[^\s,\]}]+/m.exec(text);
  if (!m) return {};
  const at = m.index + m[1]!.length;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

function resourceIssue(file: string, what: string): Issue {
  return {
    code: 'yaml-resource-limit', severity: 'error', file, path: [],
    message: `YAML 文件超出安全限制：${what}，已拒绝读取（可能是构造的恶意文件，或误把其他数据粘贴进来）`,
    hint: '项目文件不需要锚点（&）和别名（*）：请把重复的内容直接写出来',
  };
}

const YAML_ERROR_TEXT: Record<string, string> = {
  DUPLICATE_KEY: '同一层级出现了重复的键',
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少必要的符号',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号或缩进有误）',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不正确（可能缺少冒号或缩进有误）',
  UNEXPECTED_TOKEN: '出现了意外的字符',
  TAB_AS_INDENT: '不能用 Tab 键缩进，请改用空格',
  BAD_SCALAR_START: '值的开头字符不合法（含特殊字符的值请加引号）',
  MISSING_ANCHOR: '引用了不存在的锚点',
};

function yamlErrorText(code: string, fallback: string): string {
  return YAML_ERROR_TEXT[code] ?? fallback.split('\n')[0] ?? code;
}
