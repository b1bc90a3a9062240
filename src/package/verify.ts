import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { CHECKSUM_FILE, MANIFEST_FILE, Manifest, type ManifestFile } from '../model/index.ts';
import type { Issue } from '../model/index.ts';
import { displayPath } from '../common/index.ts';
import { fingerprintOf, statExact, type FingerprintStore } from '../files/index.ts';
import { hashFilesOnThreads } from '../files/index.ts';
import { changesPackage } from './changes-package.ts';
import { checksumText } from './manifest.ts';
import { BundleShapeError, openBundle, readAll, type BundleReader } from '../files/index.ts';

export interface VerifyResult {
  readonly ok: boolean;
  readonly location: string;
  readonly bundle?: string;
  readonly revision?: number;
  readonly checked: number;
  /**
   * `changes`: a revision's changes-only package (see changes-package.ts): the files unchanged since the
   * previous revision are left out by design, and counted in `omitted`
   */
  readonly contents?: 'complete' | 'changes';
  readonly omitted?: number;
  /** a folder's files found right, with the fingerprint each had when checked (revise reuses only these as they were) */
  readonly accepted?: ReadonlyMap<string, string>;
  /** of those, files not read again: their fingerprint shows them untouched since this tool hashed or wrote them */
  readonly trusted: number;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly altered: readonly { readonly path: string; readonly expected: string; readonly actual: string }[];
  /** every finding as the one Issue shape all stages report in: missing, extra and altered files, an unreadable bundle or manifest */
  readonly issues: readonly Issue[];
  readonly manifest?: Manifest;
}

type Checked = Omit<VerifyResult, 'issues'> & {
  readonly unreadable?: { readonly code: 'bundle-unreadable' | 'bundle-manifest-invalid' | BundleShapeError['code']; readonly message: string };
  /** names of the zip read as GB18030 (see files/bundle-reader.ts) */
  readonly gbNames?: number;
};

/** The findings of a check as issues, each naming the bundle and the file inside it. */
function issuesOf(result: Checked): Issue[] {
  const where = displayPath(result.location);
  const inside = (rel: string) => `${where}/${rel}`;
  const short = (v: string) => (/^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 12)}…` : v);
  return [
    ...(result.gbNames ? [{
      code: 'bundle-names-gb18030' as const, severity: 'info' as const, file: where, path: [],
      message: `zip 中有 ${result.gbNames} 个文件名没有 UTF-8 标记，已按中文编码（GB18030/GBK）读取：该 zip 是在中文 Windows 上重新压缩的，文件内容照常逐一校验`,
    }] : []),
    ...(result.unreadable ? [{ code: result.unreadable.code, severity: 'error' as const, file: where, path: [], message: result.unreadable.message }] : []),
    ...result.missing.map((p): Issue => ({ code: 'bundle-file-missing', severity: 'error', file: inside(p), path: [], message: `缺少文件：${p}` })),
    ...result.extra.map((p): Issue => ({ code: 'bundle-file-extra', severity: 'error', file: inside(p), path: [], message: `多出文件（清单中没有）：${p}` })),
    ...result.altered.map((a): Issue => ({
      code: 'bundle-file-altered', severity: 'error', file: inside(a.path), path: [],
      message: `文件已被改动：${a.path}（应为 ${short(a.expected)}，实际为 ${short(a.actual)}）`, expected: a.expected, actual: a.actual,
    })),
  ];
}

/** Entries of a zip are read one after another from the one file. */
async function hashSequentially(reader: BundleReader, files: readonly { path: string; bytes: number }[], onProgress: (done: number) => void): Promise<string[]> {
  const out: string[] = [];
  let done = 0;
  for (const f of files) {
    out.push(await sha256Of(reader, f.path));
    done += f.bytes;
    onProgress(done);
  }
  return out;
}

async function sha256Of(reader: BundleReader, rel: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await reader.open(rel)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The sha256 of every listed file present. A folder's files are stat'ed before reading: those the store
 * knows untouched keep their recorded hash, the rest are read (on worker threads); a zip's entries are read
 * one after another, unless the store knows the whole zip. Also returns a folder's files found right with
 * the fingerprint they had when checked (`accepted`; a file that changed while read is not), and the stats
 * of those read now, for the store.
 */
async function hashListed(
  reader: BundleReader,
  files: readonly ManifestFile[],
  options: { readonly store?: FingerprintStore; readonly zipTrusted: boolean; readonly onProgress: (done: number, total: number) => void },
): Promise<{ actuals: string[]; accepted: Map<string, string>; settledAfterRead: Map<string, BigIntStats>; known: number }> {
  const { store, zipTrusted, onProgress } = options;
  const stats = new Map<string, BigIntStats>();
  const known = new Map<string, string>();
  if (reader.pathOf) {
    for (const f of files) {
      const info = await statExact(reader.pathOf(f.path)).catch(() => undefined);
      if (!info) continue;
      stats.set(f.path, info);
      const sha = store?.known(reader.pathOf(f.path), info);
      if (sha) known.set(f.path, sha);
    }
  }
  const toRead = zipTrusted ? [] : files.filter((f) => !known.has(f.path));
  const total = toRead.reduce((n, f) => n + f.bytes, 0);
  let read: string[];
  try {
    read = reader.pathOf
      ? await hashFilesOnThreads(toRead.map((f) => reader.pathOf!(f.path)), toRead.map((f) => f.bytes), (done) => onProgress(done, total))
      : await hashSequentially(reader, toRead, (done) => onProgress(done, total));
  } catch {
    // a file that cannot be read (a damaged zip entry, a permissions problem): find which, one by one
    read = [];
    for (const f of toRead) read.push(await sha256Of(reader, f.path).catch((e: Error) => `无法读取：${e.message}`));
  }
  const readSha = new Map(toRead.map((f, k) => [f.path, read[k]!]));
  const actuals = files.map((f) => (zipTrusted ? f.sha256 : known.get(f.path) ?? readSha.get(f.path)!));
  const accepted = new Map<string, string>();
  const settledAfterRead = new Map<string, BigIntStats>();
  if (reader.pathOf) {
    for (const [k, f] of files.entries()) {
      const before = stats.get(f.path);
      if (!before || actuals[k] !== f.sha256) continue;
      if (known.has(f.path)) {
        accepted.set(f.path, fingerprintOf(before));
        continue;
      }
      const after = await statExact(reader.pathOf(f.path)).catch(() => undefined);
      if (after && fingerprintOf(after) === fingerprintOf(before)) {
        accepted.set(f.path, fingerprintOf(after));
        settledAfterRead.set(f.path, after);
      }
    }
  }
  return { actuals, accepted, settledAfterRead, known: known.size };
}

export interface VerifyOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * revise's check of the previous bundle: files (or a whole zip) whose fingerprint shows them untouched
   * since this tool wrote or hashed them are not read again; files read now are recorded. The `verify`
   * command never passes one: it reads every byte.
   */
  readonly fingerprints?: FingerprintStore;
}

/**
 * verify: completeness (every listed file present, nothing unlisted) and validity (every hash matches),
 * for a bundle folder or its zip. Reads every file once, streamed (see VerifyOptions for revise's check).
 */
export async function verifyBundle(location: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const checked = await check(location, options);
  const { unreadable: _u, ...result } = checked;
  return { ...result, issues: issuesOf(checked) };
}

async function check(location: string, options: VerifyOptions): Promise<Checked> {
  const onProgress = options.onProgress ?? (() => {});
  const store = options.fingerprints;
  const began = Date.now();
  let reader: BundleReader;
  try {
    reader = await openBundle(location);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `找不到 ${location}` : (e as Error).message;
    const code = e instanceof BundleShapeError ? e.code : 'bundle-unreadable';
    return { ok: false, location, checked: 0, trusted: 0, missing: [], extra: [], altered: [], unreadable: { code, message: reason } };
  }
  try {
    const present = new Map(reader.files.map((f) => [f.path, f.bytes]));
    if (!present.has(MANIFEST_FILE)) {
      return { ok: false, location, bundle: reader.name, checked: 0, trusted: 0, missing: [MANIFEST_FILE], extra: [], altered: [], unreadable: { code: 'bundle-manifest-invalid', message: `缺少 ${MANIFEST_FILE}，无法校验` } };
    }
    let manifestBytes: Buffer;
    let manifest: Manifest;
    try {
      manifestBytes = await readAll(await reader.open(MANIFEST_FILE));
      const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
      manifest = parsed.data;
    } catch (e) {
      return { ok: false, location, bundle: reader.name, checked: 0, trusted: 0, missing: [], extra: [], altered: [], unreadable: { code: 'bundle-manifest-invalid', message: `${MANIFEST_FILE} 无法读取：${(e as Error).message}` } };
    }
    const manifestSha = createHash('sha256').update(manifestBytes).digest('hex');
    const checksumFileText = present.has(CHECKSUM_FILE)
      ? (await readAll(await reader.open(CHECKSUM_FILE))).toString('utf8').replace(/\r\n/g, '\n')
      : undefined;
    // a revision's changes-only package: every file unchanged since the previous revision left out, and a
    // checksum file (if any is left) that does not list them (a complete bundle that lost files still does)
    const pack = changesPackage(manifest, manifestSha);
    const listsOmitted = (text: string) => pack!.omitted.some((p) => text.includes(`  ${p}\n`));
    const changesOnly = pack !== undefined && pack.omitted.length > 0 && pack.omitted.every((p) => !present.has(p))
      && (checksumFileText === undefined || !listsOmitted(checksumFileText));
    const omitted = new Set(changesOnly ? pack.omitted : []);
    const listed = new Set(manifest.files.map((f) => f.path));
    const missing = manifest.files.filter((f) => !present.has(f.path) && !omitted.has(f.path)).map((f) => f.path);
    const extra = reader.files.map((f) => f.path).filter((p) => !listed.has(p) && p !== MANIFEST_FILE && p !== CHECKSUM_FILE);
    if (checksumFileText === undefined) missing.push(CHECKSUM_FILE);
    const altered: { path: string; expected: string; actual: string }[] = [];
    const listedPresent = manifest.files.filter((f) => present.has(f.path));
    const zipStat = store && !reader.pathOf ? await statExact(location) : undefined;
    const zipTrusted = zipStat !== undefined && store!.known(location, zipStat) === manifestSha;
    const { actuals, accepted, settledAfterRead, known } = await hashListed(reader, listedPresent, { zipTrusted, onProgress, ...(store ? { store } : {}) });
    listedPresent.forEach((f, k) => {
      if (actuals[k] !== f.sha256) altered.push({ path: f.path, expected: f.sha256, actual: actuals[k]! });
    });
    if (checksumFileText !== undefined) {
      const text = checksumFileText;
      if (text !== (changesOnly ? pack.checksumText : checksumText(manifest, manifestSha))) {
        const line = text.split('\n').find((l) => l.endsWith(`  ${MANIFEST_FILE}`));
        if (line && !line.startsWith(manifestSha)) altered.push({ path: MANIFEST_FILE, expected: line.slice(0, 64), actual: manifestSha });
        else altered.push({ path: CHECKSUM_FILE, expected: '与 manifest.json 一致的校验清单', actual: '内容不一致' });
      }
    }
    const ok = missing.length === 0 && extra.length === 0 && altered.length === 0;
    if (store && ok) {
      // what was read now and found right is known from here on
      for (const [rel, info] of settledAfterRead) store.record(reader.pathOf!(rel), info, manifest.files.find((f) => f.path === rel)!.sha256, began);
      if (zipStat && !zipTrusted) {
        const after = await statExact(location);
        if (fingerprintOf(after) === fingerprintOf(zipStat)) store.record(location, after, manifestSha, began);
      }
    }
    const trusted = zipTrusted ? listedPresent.length : known;
    return {
      ok, location, bundle: reader.name, revision: manifest.revision, checked: manifest.files.length - omitted.size, trusted,
      contents: changesOnly ? 'changes' : 'complete', omitted: omitted.size, missing, extra, altered, manifest,
      ...(reader.pathOf ? { accepted } : {}), ...(reader.gbNames ? { gbNames: reader.gbNames } : {}),
    };
  } finally {
    await reader.close();
  }
}
