import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeOp, FileChange } from '../model/index.ts';
import { readManifest } from '../package/index.ts';
import { roundOf } from '../revise/index.ts';
import { sentState } from '../bundle/index.ts';
import type { Submission } from '../model/index.ts';

/**
 * What the 材料包 page offers for a revision, read from the folders themselves: the bundles in out/ (each
 * revision with the changes its manifest records) to revise from, and the project's review rounds
 * (feedback/round-K.yaml) to answer, as `eco-dossier revise --from … --feedback …` takes them.
 */

export interface BundleRevision {
  /** the bundle folder's name in out/ */
  readonly folder: string;
  readonly revision: number;
  /** the rounds of review this revision answers */
  readonly answeredRounds: readonly number[];
  /** files added, replaced or removed since the previous revision (none for r1) */
  readonly changes: readonly FileChange[];
  readonly unchanged: number;
  /** recorded as sent (eco-dossier submit, or 已报送 on the page): never rebuilt; `true` when the record is unreadable */
  readonly sent?: Submission | true;
}

export const CHANGE_LABEL: Readonly<Record<ChangeOp, string>> = { new: '新增', replace: '替换', delete: '删除', unchanged: '未变' };

/** The bundle folders in out/ with a readable manifest, latest revision first (a staging or damaged folder is left out). */
export async function listRevisions(outDir: string): Promise<BundleRevision[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const found: BundleRevision[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const manifest = await readManifest(path.join(outDir, e.name)).catch(() => undefined);
    if (!manifest || manifest.bundle !== e.name) continue;
    const changes = manifest.changes ?? [];
    const sent = await sentState(outDir, e.name);
    found.push({
      ...(sent.sent ? { sent: sent.submission ?? true } : {}),
      folder: e.name, revision: manifest.revision, answeredRounds: manifest.answeredRounds ?? [],
      changes: changes.filter((c) => c.op !== 'unchanged'), unchanged: changes.filter((c) => c.op === 'unchanged').length,
    });
  }
  return found.sort((a, b) => b.revision - a.revision || (a.folder < b.folder ? -1 : 1));
}

/** feedback/round-K.yaml of the project, by round. */
export async function feedbackRounds(projectDir: string): Promise<string[]> {
  const names = await readdir(path.join(projectDir, 'feedback')).catch(() => [] as string[]);
  return names.filter((n) => roundOf(n) !== undefined).sort((a, b) => roundOf(a)! - roundOf(b)!);
}

/** The round revise reads by default after revision `previous`: round-<previous>.yaml when the project has it. */
export function defaultRound(rounds: readonly string[], previous: number | undefined): string | undefined {
  return rounds.find((r) => roundOf(r) === previous);
}

/** round-2.yaml → 第2轮审查意见 (how a page names a review round's file) */
export function roundLabel(file: string): string {
  const k = /^round-(\d+)\.ya?ml$/.exec(file)?.[1];
  return k ? `第${k}轮审查意见` : file;
}
