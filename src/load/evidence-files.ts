import type { IssueCode } from '../model/index.ts';
import { open, lstat, realpath, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceFileType, EvidenceItem } from '../model/index.ts';
import type { Issue, SourcePlace } from '../model/index.ts';
import type { EvidenceFile } from '../model/index.ts';
import type { DataPath } from './yaml-file.ts';

/**
 * The largest evidence file the annex places: the annex reads a file into one buffer to parse it
 * (pdf-lib has no streaming parser), and a single read or buffer of 2 GiB is beyond what Node allows.
 * Larger files are refused by name, before anything is written.
 */
export const MAX_EVIDENCE_BYTES = 2 ** 31 - 1;

/** `2148532224` → `2.0 GB（2148532224 字节）`, for messages about sizes. */
export function sizeText(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GB（${bytes} 字节）`;
}

export const TOO_LARGE_HINT = '把该文件拆分为几份较小的 PDF（每份 2 GB 以内，如按章节或降低扫描分辨率重新扫描）再分别登记';

/**
 * The path of `rel` under `root` as it is spelled on disk, matching each part of the name in either Unicode
 * form (evidence.yaml is usually NFC; macOS and some zip tools leave names NFD). Undefined when no entry
 * matches; the name as given when it exists as it is.
 */
export async function findOnDisk(root: string, rel: string): Promise<string | undefined> {
  const direct = path.resolve(root, rel);
  try {
    await lstat(direct);
    return direct;
  } catch {
    // look for the same name in another normal form, part by part
  }
  let at = path.resolve(root);
  for (const part of path.relative(root, direct).split(path.sep)) {
    const want = part.normalize('NFC');
    let names: string[];
    try {
      names = await readdir(at);
    } catch {
      return undefined;
    }
    const hit = names.includes(part) ? part : names.sort().find((n) => n.normalize('NFC') === want);
    if (hit === undefined) return undefined;
    at = path.join(at, hit);
  }
  return at;
}

/** What the first bytes of a file say it is. Names can lie; content decides. */
export type SniffedType = EvidenceFileType | 'tiff' | 'webp' | 'bmp' | 'heic' | 'gif' | 'zip' | 'unknown';

export function sniffFileType(head: Uint8Array): SniffedType {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  // PDF allows junk before the header
  if (Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 1024)).includes('%PDF-', 0, 'latin1')) return 'pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 2) === 'BM') return 'bmp';
  if (ascii(4, 8) === 'ftyp' && /hei|hev|mif|avif/.test(ascii(8, 12))) return 'heic';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'PK\u0003\u0004') return 'zip';
  return 'unknown';
}

const UNSUPPORTED_HINT: Record<string, string> = {
  tiff: 'TIFF 图片请另存为 JPEG/PNG，或扫描为 PDF',
  webp: 'WebP 图片请另存为 JPEG 或 PNG',
  bmp: 'BMP 图片请另存为 JPEG 或 PNG',
  heic: '手机 HEIC 照片请在手机或电脑上导出为 JPEG',
  gif: 'GIF 图片请另存为 PNG',
  zip: 'Word/Excel/压缩包请先转换或打印为 PDF',
  unknown: '佐证材料只接受 PDF、JPEG 和 PNG；其他文件请先转换为 PDF',
};

interface Locator {
  readonly file: string;
  locate(path: DataPath): SourcePlace;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' ? false : !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Checks each evidence item's file: inside evidence/ (no `..`, no absolute path, no link leading out),
 * present, a regular file, not empty, and of a type the annex can place.
 */
/** How many evidence files are checked at the same time (500 files: 241 ms one at a time). */
const CHECKS_AT_ONCE = 16;

export async function checkEvidenceFiles(
  evidenceDir: string,
  items: readonly EvidenceItem[],
  where: Locator,
  options: {
    /** data path of item k's file in the YAML it came from */
    readonly filePath?: (index: number) => (string | number)[];
    /** how messages name the root folder */
    readonly rootLabel?: string;
  } = {},
): Promise<{ files: EvidenceFile[]; issues: Issue[] }> {
  const filePath = options.filePath ?? ((index: number) => ['evidence', index, 'file']);
  const root = options.rootLabel ?? 'evidence/';
  const files: EvidenceFile[] = [];
  const issues: Issue[] = [];
  let realRoot: string | undefined;
  try {
    realRoot = await realpath(evidenceDir);
  } catch {
    realRoot = undefined;
  }
  // each item is checked on its own (several at a time: each check is a few calls through the thread pool);
  // the results are taken in the list's order
  const found: (EvidenceFile | undefined)[] = new Array(items.length);
  const problems: (Issue | undefined)[] = new Array(items.length);
  const checkOne = async (index: number, item: EvidenceItem): Promise<void> => {
    const at = where.locate(filePath(index));
    const fail = (code: IssueCode, message: string, hint?: string) => {
      problems[index] = { code, severity: 'error', path: filePath(index), ...at, message, ...(hint ? { hint } : {}) };
    };
    const label = `佐证材料 ${item.id} 的文件“${item.file}”`;
    if (path.isAbsolute(item.file) || /^[A-Za-z]:[\\/]/.test(item.file) || item.file.startsWith('\\')) {
      fail('evidence-outside', `${label}是绝对路径，应为相对于 ${root} 文件夹的路径`, `把文件复制到项目的 ${root} 文件夹下，再写相对路径`);
      return;
    }
    const abs = path.resolve(evidenceDir, item.file);
    if (!isInside(evidenceDir, abs)) {
      fail('evidence-outside', `${label}指向 ${root} 文件夹之外`, `路径中不能用“..”跳出 ${root} 文件夹`);
      return;
    }
    let stat;
    const onDisk = await findOnDisk(evidenceDir, item.file);
    try {
      if (onDisk === undefined) throw new Error('not found');
      stat = await lstat(onDisk);
    } catch {
      fail('evidence-missing', `找不到${label}（应在 ${root}${item.file}）`, '检查文件名的拼写、大小写和扩展名');
      return;
    }
    let real: string;
    try {
      real = await realpath(onDisk);
    } catch {
      fail('evidence-missing', `${label}是一个失效的链接`);
      return;
    }
    if (realRoot === undefined || !isInside(realRoot, real)) {
      fail('evidence-outside', `${label}是指向 ${root} 文件夹之外的链接`, `把真实文件复制到 ${root} 文件夹中`);
      return;
    }
    if (stat.isSymbolicLink()) stat = await lstat(real);
    if (!stat.isFile()) {
      fail('evidence-not-file', `${label}不是一个文件（可能是文件夹）`);
      return;
    }
    if (stat.size === 0) {
      fail('evidence-empty', `${label}是空文件（0 字节）`, '重新导出或扫描该材料');
      return;
    }
    if (stat.size > MAX_EVIDENCE_BYTES) {
      fail('evidence-too-large', `${label}有 ${sizeText(stat.size)}，超过单个佐证材料 2 GB（${MAX_EVIDENCE_BYTES} 字节）的上限，无法编入汇编`, TOO_LARGE_HINT);
      return;
    }
    const type = sniffFileType(await readHead(real));
    if (type !== 'pdf' && type !== 'jpeg' && type !== 'png') {
      const named = { tiff: 'TIFF 图片', webp: 'WebP 图片', bmp: 'BMP 图片', heic: 'HEIC 照片', gif: 'GIF 图片', zip: 'Office 文档或压缩包', unknown: '无法识别的格式' }[type];
      fail('evidence-unsupported', `${label}是${named}，不是支持的类型（应为 PDF、JPEG 或 PNG）`, UNSUPPORTED_HINT[type]);
      return;
    }
    found[index] = { ...item, absPath: real, bytes: stat.size, type };
    };
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await checkOne(index, items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHECKS_AT_ONCE, items.length) }, worker));
  for (let k = 0; k < items.length; k++) {
    if (problems[k]) issues.push(problems[k]!);
    else if (found[k]) files.push(found[k]!);
  }
  return { files, issues };
}

/** Files under evidence/ that no evidence item lists: worth a warning, they will not reach the bundle. */
export async function listUnlistedFiles(evidenceDir: string, listed: ReadonlySet<string>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile() && !e.name.startsWith('.')) {
        const rel = path.relative(evidenceDir, abs).split(path.sep).join('/');
        if (!listed.has(rel) && !listed.has(rel.normalize('NFC'))) out.push(rel);
      }
    }
  };
  await walk(evidenceDir);
  return out;
}
