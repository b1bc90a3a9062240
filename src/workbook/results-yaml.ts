import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Pair } from 'yaml';
import { InternalError } from '../model/index.ts';
import type { EntryValue, ResultField } from './read.ts';

/**
 * Edits results.yaml through the yaml package's Document API, so the district's comments, the order of
 * entries and keys, and the flow style of `values: { 2020: …, 2022: … }` stay as they were. Only the
 * fields that change are touched; a new entry is placed in 序号 order.
 */

export interface ResultEdit {
  readonly indicator: number;
  readonly sub?: number;
  readonly field: ResultField;
  readonly value: EntryValue;
}

/** Key order of a result entry, as the schema and the sample write it. */
const RESULT_KEYS = ['indicator', 'sub', 'values', 'superiorTarget', 'status', 'description', 'source'];
const SUPERIOR_KEYS = ['op', 'value', 'text'];

const NEW_FILE_COMMENT = ' 各指标（分项）的结果：各年数值、上级目标、完成状态和数据来源。\n 由 eco-dossier import 从各责任单位的填报表写入，也可以直接编辑。';

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return (map.items as Pair[]).find((p) => String(keyOf(p)) === String(key));
}

/** Sets `key` in `map`: a scalar is changed in place (its comments and style stay), a new key goes where `order` puts it. */
function setOrdered(doc: Document, map: YAMLMap, key: string | number, value: unknown, order: (k: unknown) => number): void {
  const pair = findPair(map, key);
  if (pair) {
    if (isScalar(pair.value) && !(value instanceof YAMLMap)) (pair.value as Scalar).value = value;
    else pair.value = doc.createNode(value);
    return;
  }
  const created = doc.createPair(key, value) as Pair;
  const rank = order(key);
  const at = (map.items as Pair[]).findIndex((p) => order(keyOf(p)) > rank);
  if (at < 0) map.items.push(created);
  else map.items.splice(at, 0, created);
}

function childMap(doc: Document, map: YAMLMap, key: string): YAMLMap {
  const pair = findPair(map, key);
  if (pair && isMap(pair.value)) return pair.value;
  const created = new YAMLMap();
  created.flow = true; // like `values: { 2020: 71.2, 2022: 74.8 }` in the sample
  setOrdered(doc, map, key, created, (k) => RESULT_KEYS.indexOf(String(k)));
  const placed = findPair(map, key)!;
  placed.value = created;
  return created;
}

function sortKey(indicator: number, sub?: number): number {
  return indicator * 100 + (sub ?? 0);
}

function entryOf(doc: Document, seq: YAMLSeq, indicator: number, sub?: number): YAMLMap {
  const items = seq.items as unknown[];
  const found = items.find((item): item is YAMLMap => isMap(item) && Number(item.get('indicator')) === indicator && (item.get('sub') ?? undefined) === sub);
  if (found) return found;
  const created = doc.createNode(sub === undefined ? { indicator } : { indicator, sub }) as YAMLMap;
  created.flow = false;
  const rank = sortKey(indicator, sub);
  const at = items.findIndex((item) => isMap(item) && sortKey(Number(item.get('indicator')), item.get('sub') as number | undefined) > rank);
  if (at < 0) items.push(created);
  else items.splice(at, 0, created);
  return created;
}

/**
 * The results list, in block style: one result a block (`- indicator: 3` …), also when the file holds the
 * `results: []` that init writes (a flow list, which would otherwise take every new result on one line).
 */
function resultsSeq(doc: Document): YAMLSeq {
  const node = doc.get('results', true);
  if (isSeq(node)) {
    node.flow = false;
    return node;
  }
  if (node !== undefined && !(isScalar(node) && node.value === null)) {
    throw new InternalError('results.yaml 的 results 不是列表（应在导入前的校验中发现）');
  }
  const seq = new YAMLSeq();
  doc.set('results', seq);
  return seq;
}

/** results.yaml text after the edits; `text` undefined when the file does not exist yet. */
export function editResultsYaml(text: string | undefined, edits: readonly ResultEdit[]): string {
  const doc = text === undefined ? new Document({ results: [] }) : parseDocument(text);
  if (text === undefined) doc.commentBefore = NEW_FILE_COMMENT;
  if (doc.errors.length) throw new InternalError(`results.yaml 无法解析：${doc.errors[0]!.message}`);
  if (doc.contents === null) doc.contents = doc.createNode({ results: [] }) as never;
  const seq = resultsSeq(doc);
  for (const edit of edits) {
    const entry = entryOf(doc, seq, edit.indicator, edit.sub);
    const f = edit.field;
    if (f.kind === 'value') {
      const values = childMap(doc, entry, 'values');
      setOrdered(doc, values, f.year, edit.value, (k) => Number(k));
    } else if (f.kind === 'superiorOp' || f.kind === 'superiorValue' || f.kind === 'superiorText') {
      const superior = childMap(doc, entry, 'superiorTarget');
      const key = { superiorOp: 'op', superiorValue: 'value', superiorText: 'text' }[f.kind];
      setOrdered(doc, superior, key, edit.value, (k) => SUPERIOR_KEYS.indexOf(String(k)));
    } else {
      setOrdered(doc, entry, f.kind, edit.value, (k) => RESULT_KEYS.indexOf(String(k)));
    }
  }
  return doc.toString({ lineWidth: 0 });
}
