import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Document, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { displayPath } from '../common/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { Catalog, listIndicators } from '../model/index.ts';
import type { EvidenceItem } from '../model/index.ts';
import type { Issue } from '../model/index.ts';
import { decodeUtf8, encodingMessage, SAVE_AS_UTF8 } from '../load/index.ts';
import { sniffFileType } from '../load/index.ts';
import { PROJECT_FILES } from '../load/index.ts';
import { readSchemaFile } from '../load/index.ts';
import { parseYaml } from '../load/index.ts';
import { PLACEHOLDER } from '../validate/index.ts';
import { DATE_SOURCE_FIELD, DATE_SOURCE_TEXT, dateInName, exifDate, pdfDate, type DateSource } from './dates.ts';

/** One entry `evidence scan` appended, with what it had to guess. */
export type ScannedEntry = Readonly<Omit<EvidenceItem, 'docNo' | 'dateSource'>> & {
  /** where the date came from (the office checks guessed ones) */
  readonly dateFrom: DateSource;
};

export interface ScanResult {
  readonly ok: boolean;
  readonly added: readonly ScannedEntry[];
  readonly issues: readonly Issue[];
}

const IGNORED = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

async function walk(root: string, dir = root, out: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$') || IGNORED.has(e.name.toLowerCase())) continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) await walk(root, abs, out);
    else if (e.isFile()) out.push(path.relative(root, abs).split(path.sep).join('/'));
  }
  return out;
}

/** `12-危险废物利用处置率/…` → 12 (the first folder of the path only). */
export function indicatorOfFolder(rel: string): number | undefined {
  const first = rel.split('/')[0]!;
  if (first === rel) return undefined;
  const m = /^(\d{1,3})[-_.、 ]/.exec(first.normalize('NFC'));
  return m ? Number(m[1]) : undefined;
}

/** China's calendar date of a file's modification time. */
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The text of new block-sequence items, indented to `indent` columns, indicators as `[12]`. */
function itemsText(entries: readonly ScannedEntry[], indent: number): string {
  const doc = new Document(entries.map(({ dateFrom, ...e }) => ({ ...e, indicators: [...e.indicators], dateSource: DATE_SOURCE_FIELD[dateFrom] })));
  for (const item of (doc.contents as unknown as { items: { get(k: string, keep: true): Node }[] }).items) {
    const seq = item.get('indicators', true);
    if (isSeq(seq)) seq.flow = true;
  }
  const pad = ' '.repeat(indent);
  return doc.toString({ lineWidth: 0 }).trimEnd().split('\n').map((l) => pad + l).join('\n') + '\n';
}

/**
 * Appends the files under evidence/ that evidence.yaml does not list yet, one entry each, guessing indicators
 * from the folder, title from the name, date from the PDF, the EXIF or the name, and kind from the type.
 * Every byte of the existing text stays as it was: new entries are inserted after the last one.
 */
export async function scanEvidence(dir: string): Promise<ScanResult> {
  const root = path.resolve(dir);
  const issues: Issue[] = [];
  const yamlPath = path.join(root, PROJECT_FILES.evidence);
  const file = displayPath(yamlPath);
  const bytes = await readFile(yamlPath).catch(() => Buffer.from('evidence: []\n'));
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return { ok: false, added: [], issues: [{ code: 'file-encoding', severity: 'error', file, line: decoded.line, column: decoded.column, path: [], message: encodingMessage(decoded), hint: SAVE_AS_UTF8 }] };
  }
  const text = decoded.text;
  const checked = parseYaml(file, text);
  if (!checked.source) return { ok: false, added: [], issues: checked.issues };
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  const existing = (((checked.source.data as { evidence?: unknown }) ?? {}).evidence ?? []) as { id?: unknown; file?: unknown }[];
  if (!Array.isArray(existing)) {
    return { ok: false, added: [], issues: [{ code: 'schema-invalid_type', severity: 'error', path: ['evidence'], ...checked.source.locate(['evidence']), message: 'evidence 应为列表' }] };
  }
  const listed = new Set(existing.map((e) => String(e.file ?? '').replace(/\\/g, '/').normalize('NFC')));
  const ids = new Set(existing.map((e) => String(e.id ?? '')));
  const catalog = await readSchemaFile(path.join(root, PROJECT_FILES.indicators), Catalog, false, []);
  const known = new Set(catalog.value ? listIndicators(catalog.value).map((i) => i.no) : []);

  const evidenceDir = path.join(root, PROJECT_FILES.evidenceDir);
  const added: ScannedEntry[] = [];
  let seq = 0;
  const nextId = () => {
    let id;
    do id = `scan-${String(++seq).padStart(3, '0')}`;
    while (ids.has(id));
    ids.add(id);
    return id;
  };
  for (const rel of await walk(evidenceDir)) {
    if (listed.has(rel.normalize('NFC'))) continue;
    const abs = path.join(evidenceDir, rel);
    const content = await readFile(abs);
    const type = sniffFileType(content.subarray(0, 1024));
    if (type !== 'pdf' && type !== 'jpeg' && type !== 'png') {
      issues.push({ code: 'evidence-unsupported', severity: 'warning', file: displayPath(abs), path: [], message: `evidence/${rel} 不是 PDF、JPEG 或 PNG，未登记`, hint: '请先转换为 PDF（Word、Excel 可“另存为 PDF”）' });
      continue;
    }
    const base = path.posix.basename(rel).normalize('NFC');
    const title = base.replace(/\.[^.]+$/, '') || base;
    const folderNo = indicatorOfFolder(rel);
    const indicators = folderNo !== undefined && (known.size === 0 || known.has(folderNo)) ? [folderNo] : [];
    let date: string | undefined;
    let dateFrom: DateSource = 'file';
    if (type === 'pdf' && (date = await pdfDate(content))) dateFrom = 'pdf';
    else if (type === 'jpeg' && (date = exifDate(content))) dateFrom = 'exif';
    else if ((date = dateInName(base))) dateFrom = 'name';
    else date = chinaDate((await stat(abs)).mtimeMs);
    const entry: ScannedEntry = {
      id: nextId(), file: rel, indicators, title, issuer: PLACEHOLDER, date,
      kind: type === 'pdf' ? '文件' : '照片', dateFrom,
    };
    added.push(entry);
    if (indicators.length === 0) {
      issues.push({
        code: 'evidence-no-indicator', severity: 'warning', file, path: [], message: `${entry.id}（evidence/${rel}）所在文件夹没有指标序号${folderNo !== undefined ? `（第 ${folderNo} 项不存在）` : ''}，indicators 留空，请填写`,
      });
    }
  }
  if (added.length === 0) return { ok: true, added, issues };

  const seqNode = doc.get('evidence', true) as Node | undefined;
  let out: string;
  if (isSeq(seqNode) && !seqNode.flow && seqNode.items.length > 0 && seqNode.range) {
    const firstStart = (seqNode.items[0] as Node).range![0];
    const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
    const indent = text.slice(lineStart, firstStart).indexOf('-');
    const lastEnd = (seqNode.items.at(-1) as Node).range![1];
    const nl = text.indexOf('\n', lastEnd - 1);
    const at = nl < 0 ? text.length : nl + 1;
    out = `${text.slice(0, at)}${nl < 0 ? '\n' : ''}${itemsText(added, Math.max(0, indent))}${text.slice(at)}`;
  } else if (seqNode && seqNode.range) {
    // `evidence: []` or no items: the value is replaced by a block list
    const [start, end] = seqNode.range;
    const keyLine = text.lastIndexOf('\n', start - 1) + 1;
    const keyIndent = /^ */.exec(text.slice(keyLine))![0].length;
    out = `${text.slice(0, start).replace(/[ \t]+$/, '')}\n${itemsText(added, keyIndent + 2)}${text.slice(end).replace(/^[ \t]*\r?\n/, '')}`;
  } else {
    out = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}evidence:\n${itemsText(added, 2)}`;
  }
  await writeFileAtomic(yamlPath, out);
  issues.push({
    code: 'evidence-scan-guessed', severity: 'info', file, path: [],
    message: `新登记 ${added.length} 份材料：标题、日期、出具单位（写作“${PLACEHOLDER}”）和类型是推测的，请逐条核对；`
      + `dateSource 写着“待核对”的日期不是从材料本身读出的，核对后改为“已核对”（生成材料包时，待核对的日期和“${PLACEHOLDER}”都是错误）`,
  });
  return { ok: true, added, issues };
}

export { DATE_SOURCE_TEXT };
