import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../common/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { Catalog, listIndicators } from '../model/index.ts';
import type { EvidenceItem } from '../model/index.ts';
import type { Issue } from '../model/index.ts';
import { decodeUtf8, encodingMessage, SAVE_AS_UTF8 } from '../load/index.ts';
import { MAX_EVIDENCE_BYTES, sizeText, sniffFileType, TOO_LARGE_HINT } from '../load/index.ts';
import { PROJECT_FILES } from '../load/index.ts';
import { readSchemaFile } from '../load/index.ts';
import { parseYaml } from '../load/index.ts';
import { PLACEHOLDER } from '../validate/index.ts';
import { DATE_SOURCE_FIELD, DATE_SOURCE_TEXT, dateInName, exifDate, pdfDate, type DateSource } from './dates.ts';
import { appendEvidenceEntries } from './evidence-yaml.ts';

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

/** Files up to this size are read whole (to find a PDF's date in a compressed object stream); larger ones only their first bytes. */
const READ_WHOLE_UP_TO = 256 * 2 ** 20;
const HEAD_BYTES = 4_000_000;

async function readStart(file: string, size: number): Promise<Buffer> {
  if (size <= READ_WHOLE_UP_TO) return readFile(file);
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** China's calendar date of a file's modification time. */
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

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
    const size = (await stat(abs)).size;
    if (size > MAX_EVIDENCE_BYTES) {
      issues.push({ code: 'evidence-too-large', severity: 'warning', file: displayPath(abs), path: [], message: `evidence/${rel} 有 ${sizeText(size)}，超过单个佐证材料 2 GB（${MAX_EVIDENCE_BYTES} 字节）的上限，未登记`, hint: TOO_LARGE_HINT });
      continue;
    }
    const content = await readStart(abs, size);
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

  const out = appendEvidenceEntries(text, added.map(({ dateFrom, ...e }) => ({ ...e, dateSource: DATE_SOURCE_FIELD[dateFrom] })));
  await writeFileAtomic(yamlPath, out);
  issues.push({
    code: 'evidence-scan-guessed', severity: 'info', file, path: [],
    message: `新登记 ${added.length} 份材料：标题、日期、出具单位（写作“${PLACEHOLDER}”）和类型是推测的，请逐条核对；`
      + `dateSource 写着“待核对”的日期不是从材料本身读出的，核对后改为“已核对”（生成材料包时，待核对的日期和“${PLACEHOLDER}”都是错误）`,
  });
  return { ok: true, added, issues };
}

export { DATE_SOURCE_TEXT };
