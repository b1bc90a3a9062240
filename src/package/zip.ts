import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { ZipArchive } from 'archiver';
import { installLibraryPatches } from '../documents/patches/index.ts';

/** Files that are compressed already: deflating them costs time and saves nothing. */
const STORED = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.docx', '.xlsx', '.zip', '.gz', '.webp', '.heic', '.tif', '.tiff']);

export function storedInZip(file: string): boolean {
  return STORED.has(path.extname(file).toLowerCase());
}

/**
 * Writes `<name>/…` into a zip: entries sorted, one at a time (no stat races), UTF-8 names (flag set),
 * a fixed date and fixed permissions on every entry, zip64 where sizes need it. Same files, same bytes.
 * `inMemory`: entries whose bytes are given instead of read from the folder (a changes-only package's
 * own checksum file).
 */
export async function zipFolder(
  folder: string,
  name: string,
  files: readonly string[],
  isoDate: string,
  outFile: string,
  onProgress: (doneBytes: number) => void = () => {},
  inMemory: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<void> {
  installLibraryPatches(); // archiver's CRC-32 computed natively: the same checksums, a fraction of the time
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  const archive = new ZipArchive({ zlib: { level: 6 }, statConcurrency: 1 });
  const output = createWriteStream(outFile);
  // the first error (a full disk, a file that cannot be read) stops everything: no more entries are opened,
  // the archive is aborted and the zip closed, and only then is the error given back, so the caller may
  // remove the folder being zipped without a file stream of this zip failing afterwards with nobody to hear it
  let failure: unknown;
  const fail = (e: unknown) => {
    if (failure !== undefined) return;
    failure = e ?? new Error('zip failed');
    archive.abort();
    output.destroy();
  };
  const finished = new Promise<void>((resolve, reject) => {
    output.on('close', () => (failure === undefined ? resolve() : reject(failure)));
    output.on('error', fail);
    archive.on('error', fail);
    archive.on('warning', fail);
  });
  archive.on('progress', (p: { fs: { processedBytes: number } }) => onProgress(p.fs.processedBytes));
  archive.pipe(output);
  const sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dirs = new Set<string>();
  for (const rel of sorted) {
    const parts = rel.split('/');
    for (let k = 1; k < parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
  }
  const entries = [
    ...['', ...dirs].map((d) => ({ name: d ? `${name}/${d}/` : `${name}/`, dir: true, rel: d })),
    ...sorted.map((rel) => ({ name: `${name}/${rel}`, dir: false, rel })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // one entry at a time: archiver queues whatever it is given, and every queued file stream fills its
  // buffer, so handing it all files at once held most of a gigabyte bundle in memory
  let next = 0;
  const appendNext = () => {
    if (failure !== undefined) return;
    const e = entries[next++];
    if (!e) {
      void archive.finalize();
      return;
    }
    const given = inMemory.get(e.rel);
    if (e.dir) archive.append(Buffer.alloc(0), { name: e.name, date, mode: 0o40755 });
    else if (given) archive.append(Buffer.from(given), { name: e.name, date, mode: 0o100644, store: storedInZip(e.rel) });
    else {
      const source = createReadStream(path.join(folder, ...e.rel.split('/')), { highWaterMark: 1 << 20 }).on('error', fail);
      archive.append(source, { name: e.name, date, mode: 0o100644, store: storedInZip(e.rel) });
    }
  };
  archive.on('entry', appendNext);
  appendNext();
  await finished;
}
