import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import type { YamlIndex } from './yaml-index.ts';

/**
 * Parsed YAML files kept between runs, by the sha256 of their text: a cold parse of the sample's five files
 * costs the yaml package about 0.15–0.2 s (most of a warm `validate`), reading what an earlier run kept a
 * few milliseconds. An entry holds the data (v8's serialisation: numbers such as .inf, key order and
 * everything else as parsed) and the places of its nodes; it can never be stale, as another text has
 * another hash. Files with problems are not kept (their parse reports them).
 *
 * The folder is the user's own: `ECO_DOSSIER_CACHE`, else eco-dossier-<user id> in the temporary folder.
 * On a system with user ids, a folder that is a link, is another user's or can be written by others is
 * not used (nothing is kept or read then). `ECO_DOSSIER_CACHE=off` turns the cache off.
 */
const FORMAT = `yaml-1-${process.versions.v8}`;
/** Entries kept at most; the oldest go first (a few KB each). */
const MAX_ENTRIES = 400;

let folder: string | null | undefined;

function cacheFolder(): string | null {
  if (folder !== undefined) return folder;
  const setting = process.env.ECO_DOSSIER_CACHE;
  if (setting === 'off') return (folder = null);
  const uid = process.getuid?.();
  const own = setting || path.join(os.tmpdir(), `eco-dossier-${uid ?? 'user'}`);
  const dir = setting || path.join(own, 'yaml');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const at of new Set([own, dir])) {
      const info = lstatSync(at);
      // a link, another user's folder or one others may write into could hold entries made by someone else
      if (!info.isDirectory() || (uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0))) return (folder = null);
    }
    return (folder = dir);
  } catch {
    return (folder = null);
  }
}

const entryPath = (dir: string, text: string) => path.join(dir, `${createHash('sha256').update(text).digest('hex')}.${FORMAT}`);

interface Entry {
  readonly data: unknown;
  readonly lineStarts: number[];
  readonly nodes: [string, 'm' | 's' | 'o', number, number][];
}

/** The index kept for this text, if any. */
export function cachedIndex(text: string): YamlIndex | undefined {
  const dir = cacheFolder();
  if (!dir) return undefined;
  try {
    const entry = deserialize(readFileSync(entryPath(dir, text))) as Entry;
    if (!Array.isArray(entry?.lineStarts) || !Array.isArray(entry.nodes)) return undefined;
    return { data: entry.data, lineStarts: entry.lineStarts, nodes: new Map(entry.nodes.map(([key, kind, value, keyAt]) => [key, [kind, value, keyAt] as const])) };
  } catch {
    return undefined;
  }
}

/** Keeps the index of this text for the next run (never fails: the cache is only a shortcut). */
export function keepIndex(text: string, index: YamlIndex): void {
  const dir = cacheFolder();
  if (!dir) return;
  const file = entryPath(dir, text);
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    const entry: Entry = { data: index.data, lineStarts: [...index.lineStarts], nodes: [...index.nodes].map(([key, [kind, value, keyAt]]) => [key, kind, value, keyAt]) };
    writeFileSync(tmp, serialize(entry), { mode: 0o600 });
    renameSync(tmp, file);
    prune(dir);
  } catch {
    rmSync(tmp, { force: true });
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir);
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((name) => {
    try {
      return { name, at: statSync(path.join(dir, name)).mtimeMs };
    } catch {
      return { name, at: 0 };
    }
  });
  aged.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
  for (const { name } of aged.slice(0, names.length - MAX_ENTRIES / 2)) rmSync(path.join(dir, name), { force: true });
}
