import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../common/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { sha256, sha256File } from '../files/index.ts';
import type { Issue } from '../model/index.ts';
import { Submission, submissionFileName } from '../model/index.ts';
import { readManifestBytes } from '../package/index.ts';
import { verifyBundle } from '../package/index.ts';
import { bundleZipName } from '../package/index.ts';

/**
 * Drafts and sent revisions. A revision in out/ is a draft until `eco-dossier submit` records it as sent
 * in `<材料包>.已报送.json` beside it (outside the bundle, so its checksums stay as they were): `build`
 * replaces a draft, keeping the one before it as `<材料包>-上一稿`, and never overwrites a sent revision.
 */

export const PREVIOUS_DRAFT_SUFFIX = '-上一稿';

/** The names the replaced draft is kept under: the folder `…-r1-上一稿`, its zip `…-r1-上一稿.zip` (`…-r2-变更部分-上一稿.zip`). */
export function previousDraftNames(bundle: string, zipName: string): { dir: string; zip: string } {
  return { dir: `${bundle}${PREVIOUS_DRAFT_SUFFIX}`, zip: zipName.replace(/\.zip$/i, `${PREVIOUS_DRAFT_SUFFIX}.zip`) };
}

export type SentState = { readonly sent: false } | { readonly sent: true; readonly submission?: Submission; readonly file: string };

/**
 * Whether revision `bundle` in `outDir` was recorded as sent. A record that cannot be read still counts
 * as sent (without its details): a sent revision must not be overwritten because its note was damaged.
 */
export async function sentState(outDir: string, bundle: string): Promise<SentState> {
  const file = path.join(outDir, submissionFileName(bundle));
  if (!existsSync(file)) return { sent: false };
  try {
    const parsed = Submission.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? { sent: true, submission: parsed.data, file } : { sent: true, file };
  } catch {
    return { sent: true, file };
  }
}

/** The refusal of build and revise for a revision already sent: never overwritten, whatever the options. */
export function sentIssue(outDir: string, bundle: string, revision: number, state: SentState & { sent: true }): Issue {
  const s = state.submission;
  return {
    code: 'bundle-submitted', severity: 'error', file: path.join(outDir, bundle), path: [],
    message: `第${revision}版（${bundle}）${s ? `已于${s.date}报送${s.to}` : '已记录为报送'}（见 ${displayPath(state.file)}），报送过的材料包不会被覆盖；原材料包保持不变，项目数据没有错误`,
    hint: `修改后的材料请作为新一版报送：eco-dossier revise --from ${displayPath(path.join(outDir, bundleZipName(bundle, 'complete')))}`,
  };
}

export interface SubmitRequest {
  /** the bundle folder or its zip in out/ */
  readonly location: string;
  /** 接收单位 */
  readonly to: string;
  /** YYYY-MM-DD */
  readonly date: string;
}

export interface SubmitResult {
  readonly ok: boolean;
  readonly issues: readonly Issue[];
  readonly submission?: Submission;
  /** the note beside the bundle */
  readonly file?: string;
  /** the same submission was recorded before: nothing written */
  readonly unchanged?: boolean;
}

const refuse = (issues: Issue[]): SubmitResult => ({ ok: false, issues });

/**
 * submit: checks the bundle against its manifest (only a complete, unaltered bundle is recorded), then
 * writes `<材料包>.已报送.json` beside it. The location must be the revision under its own name in out/ (not
 * a kept previous draft or a copy elsewhere under another name). A revision already recorded keeps its record.
 */
export async function submitBundle(request: SubmitRequest): Promise<SubmitResult> {
  const location = path.resolve(request.location);
  const verified = await verifyBundle(location);
  if (!verified.ok || !verified.manifest) return refuse([...verified.issues]);
  const manifest = verified.manifest;
  const bundle = manifest.bundle;
  const outDir = path.dirname(location);
  const base = path.basename(location);
  const isDir = (await stat(location)).isDirectory();
  const inPlace = isDir ? base === bundle : base === bundleZipName(bundle, 'complete') || base === bundleZipName(bundle, 'changes');
  if (!inPlace) {
    return refuse([{
      code: 'submit-not-in-place', severity: 'error', file: displayPath(location), path: [],
      message: `${displayPath(location)} 是第${manifest.revision}版材料包 ${bundle} 的副本（名称不同），未记录为已报送`,
      hint: `请对 ${displayPath(path.join(outDir, bundle))} 或 ${bundleZipName(bundle, 'complete')} 运行 submit`,
    }]);
  }
  const manifestSha256 = sha256((await readManifestBytes(location)).bytes);
  const zipName = isDir ? [bundleZipName(bundle, 'complete'), bundleZipName(bundle, 'changes')].find((z) => existsSync(path.join(outDir, z))) : base;
  const submission: Submission = {
    bundle, revision: manifest.revision, to: request.to.trim(), date: request.date, manifestSha256,
    ...(zipName ? { zip: zipName, zipSha256: await sha256File(path.join(outDir, zipName)) } : {}),
  };
  const file = path.join(outDir, submissionFileName(bundle));
  const before = await sentState(outDir, bundle);
  if (before.sent) {
    const s = before.submission;
    if (s && s.to === submission.to && s.date === submission.date && s.manifestSha256 === manifestSha256) return { ok: true, issues: [], submission: s, file, unchanged: true };
    return refuse([{
      code: 'bundle-submitted', severity: 'error', file: displayPath(file), path: [],
      message: `第${manifest.revision}版${s ? `已于${s.date}记录为报送${s.to}` : '已记录为报送'}，报送记录不会更改${s && s.manifestSha256 !== manifestSha256 ? '；而且现在的材料包与当时报送的不同' : ''}`,
      hint: '报送记录确有错误时，请在文件夹中手动删除该记录文件后重新运行 submit',
    }]);
  }
  await writeFileAtomic(file, `${JSON.stringify(submission, null, 2)}\n`);
  return { ok: true, issues: [], submission, file };
}
