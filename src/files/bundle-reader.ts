import { createReadStream } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { crc32 as zlibCrc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { MB, megabytesText } from '../common/index.ts';

/** A bundle as a list of files, whether it sits in a folder or inside a zip (read lazily, never whole). */
export interface BundleReader {
  /** what the user named: the folder or the zip file */
  readonly location: string;
  /** the bundle's folder name (the single top folder inside a zip) */
  readonly name: string;
  /** every file, / separated, relative to the bundle folder, sorted */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  open(relPath: string): Promise<Readable>;
  /** how many names of a zip were read as GB18030 (no UTF-8 flag, bytes not UTF-8: zipped on Chinese Windows) */
  readonly gbNames?: number;
  /** for a folder: the file on disk (lets a revision link instead of copying) */
  readonly pathOf?: (relPath: string) => string;
  close(): Promise<void>;
}

/** What a bundle's reader refuses: a zip with two entries of one name, a link or special file in a folder. */
export class BundleShapeError extends Error {
  constructor(
    readonly code: 'bundle-entry-duplicate' | 'bundle-file-irregular' | 'bundle-unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** The most read into memory from one file of a bundle (manifest.json, the checksum file): 64 MB. */
export const MAX_READ_BYTES = 64 * MB;

/** A whole (small) file of a bundle; stops reading and throws past `limit` bytes, whatever its header said. */
export async function readAll(stream: Readable, limit = MAX_READ_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    n += (chunk as Buffer).length;
    if (n > limit) {
      stream.destroy();
      throw new Error(`文件超过 ${megabytesText(limit)}，不是本工具写出的清单`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const KIND = (info: { isSymbolicLink(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }) =>
  info.isSymbolicLink() ? '符号链接' : info.isFIFO() ? '命名管道（FIFO）' : info.isSocket() ? '套接字' : info.isCharacterDevice() || info.isBlockDevice() ? '设备文件' : '特殊文件';

/** A bundle folder or zip; anything else (a pipe, a device named `.zip`) is refused before it is opened. */
export async function openBundle(location: string): Promise<BundleReader> {
  const info = await stat(location);
  if (info.isDirectory()) return openFolder(location);
  if (!info.isFile()) throw new BundleShapeError('bundle-unreadable', `${location} 是${KIND(info)}，不是材料包文件夹或 zip 文件`);
  return openZip(location);
}

async function openFolder(dir: string): Promise<BundleReader> {
  const files: { path: string; bytes: number }[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const e of await readdir(abs, { withFileTypes: true })) {
      const childAbs = path.join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      // lstat: a link is not followed (it could lead out of the bundle), a pipe or device never opened
      const info = await lstat(childAbs);
      if (info.isDirectory()) await walk(childAbs, childRel);
      else if (info.isFile()) files.push({ path: childRel, bytes: info.size });
      else throw new BundleShapeError('bundle-file-irregular', `材料包中的 ${childRel} 是${KIND(info)}，不是普通文件；材料包只能含普通文件`);
    }
  };
  await walk(dir, '');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    location: dir,
    name: path.basename(path.resolve(dir)),
    files,
    open: async (rel) => createReadStream(path.join(dir, ...rel.split('/')), { highWaterMark: 1 << 20 }),
    pathOf: (rel) => path.join(dir, ...rel.split('/')),
    close: async () => {},
  };
}

/** The upper half of code page 437, the zip format's default for names without the UTF-8 flag. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const strictly = (label: string, bytes: Uint8Array) => {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/**
 * A zip entry's name. With the UTF-8 flag (or an Info-ZIP Unicode path field matching the name): UTF-8.
 * Without: names that are valid UTF-8 are read so (many tools leave the flag off); names that are not, but
 * are valid GB18030, are read as GB18030, as 360压缩, older WinRAR settings and Explorer on Chinese Windows
 * write them; anything else as code page 437, the format's default.
 */
export function zipEntryName(raw: Buffer, flags: number, extraFields: readonly { id: number; data: Buffer }[] = []): { name: string; gb?: true } {
  if (flags & 0x800) return { name: raw.toString('utf8') };
  const unicode = extraFields.find((f) => f.id === 0x7075 && f.data.length > 5 && f.data[0] === 1);
  if (unicode && unicode.data.readUInt32LE(1) === zlibCrc32(raw)) return { name: unicode.data.subarray(5).toString('utf8') };
  if (raw.every((b) => b < 0x80)) return { name: raw.toString('latin1') };
  const utf8 = strictly('utf-8', raw);
  if (utf8 !== undefined) return { name: utf8 };
  const gb = strictly('gb18030', raw);
  if (gb !== undefined) return { name: gb, gb: true };
  return { name: [...raw].map((b) => (b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!)).join('') };
}

function openZip(file: string): Promise<BundleReader> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false }, (err, zip) => {
      if (err || !zip) return reject(new Error(`无法读取 zip 文件 ${file}：${err?.message ?? '未知错误'}`));
      const entries = new Map<string, yauzl.Entry>();
      const folded = new Map<string, string>();
      let failed = false;
      let gbNames = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        const decoded = zipEntryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag, entry.extraFields);
        if (decoded.gb) gbNames++;
        entry.fileName = decoded.name.replace(/\\/g, '/');
        const invalid = yauzl.validateFileName(entry.fileName);
        if (invalid) {
          failed = true;
          zip.close();
          return reject(new BundleShapeError('bundle-unreadable', `zip 中的文件名“${entry.fileName}”不能作为材料包中的路径（${invalid}）`));
        }
        if (!entry.fileName.endsWith('/')) {
          // two entries of one name: extractors disagree on which one wins, so a forged copy can hide behind the real one
          // (also names equal but for case or Unicode form: one file on Windows)
          const key = entry.fileName.normalize('NFC').toLowerCase();
          if (folded.has(key)) {
            failed = true;
            zip.close();
            const other = folded.get(key)!;
            const same = other === entry.fileName ? entry.fileName : `${other} 与 ${entry.fileName}`;
            return reject(new BundleShapeError('bundle-entry-duplicate', `zip 中有两个同名的文件 ${same}（解压软件会取其中任意一个），不能作为材料包`));
          }
          folded.set(key, entry.fileName);
          entries.set(entry.fileName, entry);
        }
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () => {
        if (failed) return;
        const names = [...entries.keys()];
        const tops = new Set(names.map((n) => n.split('/')[0]));
        const single = tops.size === 1 && names.every((n) => n.includes('/'));
        const name = single ? [...tops][0]! : path.basename(file, '.zip');
        const strip = (n: string) => (single ? n.slice(name.length + 1) : n);
        const files = names
          .map((n) => ({ path: strip(n), bytes: entries.get(n)!.uncompressedSize }))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        const byRel = new Map(names.map((n) => [strip(n), entries.get(n)!]));
        resolve({
          location: file,
          name,
          files,
          ...(gbNames ? { gbNames } : {}),
          open: (rel) =>
            new Promise((res, rej) => {
              const entry = byRel.get(rel);
              if (!entry) return rej(new Error(`zip 中没有 ${rel}`));
              zip.openReadStream(entry, (e, stream) => (e || !stream ? rej(e ?? new Error(rel)) : res(stream)));
            }),
          close: async () => zip.close(),
        });
      });
      zip.readEntry();
    });
  });
}
