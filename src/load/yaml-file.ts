import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Issue, SourcePlace } from '../model/index.ts';

export type DataPath = readonly (string | number)[];

/** A parsed YAML file that can say where any data path sits in the text. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** line/column of the value at `path`, or of its nearest existing parent */
  locate(path: DataPath): SourcePlace;
  /** line/column of the key itself, for keys that should not be there */
  locateKey(path: DataPath): SourcePlace;
}

/**
 * Parses YAML text, keeping positions. Syntax errors become located issues; the data is
 * then `undefined` so that later checks do not run on half-read input.
 */
export function parseYaml(file: string, text: string): { source?: YamlSource; issues: Issue[] } {
  const lineCounter = new LineCounter();
  if (text.length > MAX_YAML_CHARS) return { issues: [resourceIssue(file, `文件过大（${Math.round(text.length / 1e6)} 百万字符，上限 ${MAX_YAML_CHARS / 1e6} 百万）`)] };
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    if (e instanceof RangeError) return { issues: [resourceIssue(file, '嵌套层次过深')] };
    throw e;
  }
  const place = (offset: number): SourcePlace => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map<Issue>((e) => ({
      code: 'yaml-syntax',
      severity: 'error',
      path: [],
      ...place(e.pos[0]),
      message: `YAML 格式错误：${yamlErrorText(e.code, e.message)}`,
      hint: '检查缩进、冒号后的空格和引号是否成对',
    }));
    return { issues };
  }
  const root = doc.contents as Node | null;
  const nodeAt = (path: DataPath): { node: Node | null; keyNode: Node | null; depth: number } => {
    let node: Node | null = root;
    let keyNode: Node | null = null;
    let depth = 0;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = (pair.value as Node | null) ?? keyNode;
      } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
        keyNode = null;
        node = node.items[key] as Node;
      } else {
        break;
      }
      depth++;
    }
    return { node, keyNode, depth };
  };
  const offsetOf = (n: Node | null): number => n?.range?.[0] ?? 0;
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
  const source: YamlSource = {
    file,
    data,
    locate: (path) => place(offsetOf(nodeAt(path).node)),
    locateKey: (path) => {
      const found = nodeAt(path);
      return place(offsetOf(found.depth === path.length ? (found.keyNode ?? found.node) : found.node));
    },
  };
  return { source, issues: [] };
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
