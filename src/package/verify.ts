import { createHash } from 'node:crypto';
import { CHECKSUM_FILE, MANIFEST_FILE, Manifest } from '../model/manifest.ts';
import { hashFilesOnThreads } from '../plan/hash-workers.ts';
import { checksumText } from './manifest.ts';
import { openBundle, readAll, type BundleReader } from './bundle-reader.ts';

export interface VerifyResult {
  readonly ok: boolean;
  readonly location: string;
  readonly bundle?: string;
  readonly revision?: number;
  readonly checked: number;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly altered: readonly { readonly path: string; readonly expected: string; readonly actual: string }[];
  /** a manifest that cannot be read, or a checksum file that disagrees with it */
  readonly problems: readonly string[];
  readonly manifest?: Manifest;
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
 * verify: completeness (every listed file present, nothing unlisted) and validity (every hash matches),
 * for a bundle folder or its zip. Reads every file once, streamed.
 */
export async function verifyBundle(location: string, onProgress: (done: number, total: number) => void = () => {}): Promise<VerifyResult> {
  let reader: BundleReader;
  try {
    reader = await openBundle(location);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `找不到 ${location}` : (e as Error).message;
    return { ok: false, location, checked: 0, missing: [], extra: [], altered: [], problems: [reason] };
  }
  try {
    const present = new Map(reader.files.map((f) => [f.path, f.bytes]));
    if (!present.has(MANIFEST_FILE)) {
      return { ok: false, location, bundle: reader.name, checked: 0, missing: [MANIFEST_FILE], extra: [], altered: [], problems: [`缺少 ${MANIFEST_FILE}，无法校验`] };
    }
    let manifestBytes: Buffer;
    let manifest: Manifest;
    try {
      manifestBytes = await readAll(await reader.open(MANIFEST_FILE));
      const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
      manifest = parsed.data;
    } catch (e) {
      return { ok: false, location, bundle: reader.name, checked: 0, missing: [], extra: [], altered: [], problems: [`${MANIFEST_FILE} 无法读取：${(e as Error).message}`] };
    }
    const problems: string[] = [];
    const listed = new Set(manifest.files.map((f) => f.path));
    const missing = manifest.files.filter((f) => !present.has(f.path)).map((f) => f.path);
    const extra = reader.files.map((f) => f.path).filter((p) => !listed.has(p) && p !== MANIFEST_FILE && p !== CHECKSUM_FILE);
    if (!present.has(CHECKSUM_FILE)) missing.push(CHECKSUM_FILE);
    const altered: { path: string; expected: string; actual: string }[] = [];
    const listedPresent = manifest.files.filter((f) => present.has(f.path));
    const total = listedPresent.reduce((n, f) => n + f.bytes, 0);
    let actuals: string[];
    try {
      actuals = reader.pathOf
        ? await hashFilesOnThreads(listedPresent.map((f) => reader.pathOf!(f.path)), listedPresent.map((f) => f.bytes), (done) => onProgress(done, total))
        : await hashSequentially(reader, listedPresent, (done) => onProgress(done, total));
    } catch {
      // a file that cannot be read (a damaged zip entry, a permissions problem): find which, one by one
      actuals = [];
      for (const f of listedPresent) actuals.push(await sha256Of(reader, f.path).catch((e: Error) => `无法读取：${e.message}`));
    }
    listedPresent.forEach((f, k) => {
      if (actuals[k] !== f.sha256) altered.push({ path: f.path, expected: f.sha256, actual: actuals[k]! });
    });
    if (present.has(CHECKSUM_FILE)) {
      const text = (await readAll(await reader.open(CHECKSUM_FILE))).toString('utf8').replace(/\r\n/g, '\n');
      const manifestSha = createHash('sha256').update(manifestBytes).digest('hex');
      if (text !== checksumText(manifest, manifestSha)) {
        const line = text.split('\n').find((l) => l.endsWith(`  ${MANIFEST_FILE}`));
        if (line && !line.startsWith(manifestSha)) altered.push({ path: MANIFEST_FILE, expected: line.slice(0, 64), actual: manifestSha });
        else altered.push({ path: CHECKSUM_FILE, expected: '与 manifest.json 一致的校验清单', actual: '内容不一致' });
      }
    }
    const ok = missing.length === 0 && extra.length === 0 && altered.length === 0 && problems.length === 0;
    return { ok, location, bundle: reader.name, revision: manifest.revision, checked: manifest.files.length, missing, extra, altered, problems, manifest };
  } finally {
    await reader.close();
  }
}
