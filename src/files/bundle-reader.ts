import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** A bundle as a list of files, whether it sits in a folder or inside a zip (read lazily, never whole). */
export interface BundleReader {
  /** what the user named: the folder or the zip file */
  readonly location: string;
  /** the bundle's folder name (the single top folder inside a zip) */
  readonly name: string;
  /** every file, / separated, relative to the bundle folder, sorted */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  open(relPath: string): Promise<Readable>;
  /** for a folder: the file on disk (lets a revision link instead of copying) */
  readonly pathOf?: (relPath: string) => string;
  close(): Promise<void>;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function openBundle(location: string): Promise<BundleReader> {
  const info = await stat(location);
  return info.isDirectory() ? openFolder(location) : openZip(location);
}

async function openFolder(dir: string): Promise<BundleReader> {
  const files: { path: string; bytes: number }[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const e of await readdir(abs, { withFileTypes: true })) {
      const childAbs = path.join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(childAbs, childRel);
      else files.push({ path: childRel, bytes: (await stat(childAbs)).size });
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

function openZip(file: string): Promise<BundleReader> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(new Error(`无法读取 zip 文件 ${file}：${err?.message ?? '未知错误'}`));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () => {
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
