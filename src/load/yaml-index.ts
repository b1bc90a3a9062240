import type { Node } from 'yaml';
import type { SourcePlace } from '../model/index.ts';

export type DataPath = readonly (string | number)[];

/**
 * What is kept of a parsed YAML file: its data, where each node of it starts, and where its lines start.
 * Enough to say where any data path sits without the parser (yaml-cache.ts keeps it between runs).
 * A node's key: its parent's, a separator, then `m` and the key of a mapping or `s` and the index of a
 * sequence. Each node: what it is (`m` mapping, `s` sequence, `o` anything else), where its value starts,
 * and where its key starts (a mapping's entry) or -1 (a sequence's item, the root).
 */
export interface YamlIndex {
  readonly data: unknown;
  readonly lineStarts: readonly number[];
  readonly nodes: ReadonlyMap<string, readonly [kind: 'm' | 's' | 'o', value: number, key: number]>;
}

const SEPARATOR = '\u0000';
const ROOT = '';

/** The index of a parsed document's root node (`yaml`'s predicates given, so this module needs no parser). */
export function indexOf(
  root: Node | null,
  data: unknown,
  lineStarts: readonly number[],
  is: { map(n: unknown): boolean; seq(n: unknown): boolean; scalar(n: unknown): boolean; pair(n: unknown): boolean },
): YamlIndex {
  const nodes = new Map<string, readonly ['m' | 's' | 'o', number, number]>();
  const kindOf = (n: unknown) => (is.map(n) ? 'm' : is.seq(n) ? 's' : 'o');
  const offsetOf = (n: Node | null | undefined) => n?.range?.[0] ?? 0;
  const stack: { node: Node | null; key: string; keyOffset: number }[] = [{ node: root, key: ROOT, keyOffset: -1 }];
  while (stack.length > 0) {
    const { node, key, keyOffset } = stack.pop()!;
    nodes.set(key, [kindOf(node), offsetOf(node), keyOffset]);
    if (is.map(node)) {
      const seen = new Set<string>();
      for (const p of (node as unknown as { items: unknown[] }).items) {
        const pair = p as { key: unknown; value: unknown };
        if (!is.pair(pair) || !is.scalar(pair.key)) continue;
        const name = String((pair.key as { value: unknown }).value);
        // the first entry of a key is the one found (duplicates are refused before this)
        if (seen.has(name)) continue;
        seen.add(name);
        const keyNode = pair.key as Node;
        stack.push({ node: (pair.value as Node | null) ?? keyNode, key: `${key}${SEPARATOR}m${name}`, keyOffset: offsetOf(keyNode) });
      }
    } else if (is.seq(node)) {
      (node as unknown as { items: unknown[] }).items.forEach((item, i) => {
        if (item) stack.push({ node: item as Node, key: `${key}${SEPARATOR}s${i}`, keyOffset: -1 });
      });
    }
  }
  return { data, lineStarts, nodes };
}

/** The 1-based line and column of an offset, as yaml's LineCounter gives them. */
function linePos(lineStarts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - lineStarts[low - 1]! + 1 };
}

/** A file's place for an offset. */
export function placeIn(file: string, index: YamlIndex, offset: number): SourcePlace {
  const pos = linePos(index.lineStarts, offset);
  return { file, line: pos.line, column: pos.col };
}

/**
 * The deepest node along `path` that exists, and how deep it is: a mapping is entered by any key (compared
 * as text), a sequence by a number only.
 */
export function nodeAlong(index: YamlIndex, path: DataPath): { entry: readonly ['m' | 's' | 'o', number, number]; depth: number } {
  let key = ROOT;
  let entry = index.nodes.get(ROOT)!;
  let depth = 0;
  for (const step of path) {
    const next = entry[0] === 'm' ? `${key}${SEPARATOR}m${String(step)}` : entry[0] === 's' && typeof step === 'number' ? `${key}${SEPARATOR}s${step}` : undefined;
    const found = next === undefined ? undefined : index.nodes.get(next);
    if (!found) break;
    key = next!;
    entry = found;
    depth++;
  }
  return { entry, depth };
}
