import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { displayPath } from '../common/index.ts';
import { collectDir, locateWorkbook } from './layout.ts';
import path from 'node:path';
import { parseYaml } from '../load/index.ts';
import { schemaIssues } from '../load/index.ts';
import { PROJECT_FILES } from '../load/index.ts';
import { hasErrors, type Issue } from '../model/index.ts';
import { Results } from '../model/index.ts';
import { writeFileAtomic } from '../files/index.ts';
import { checkProject } from '../load/index.ts';
import { checkResults } from '../validate/index.ts';
import { conflictIssue, planImport, type Change, type Conflict } from './merge.ts';
import { readFilledWorkbook, type CellEntry } from './read.ts';
import { editResultsYaml } from './results-yaml.ts';

/**
 * import: filled workbooks → results.yaml. Every bad cell is an issue at its file, sheet and cell; a value
 * that differs from the project's is a conflict and nothing changes unless `overwrite`; results.yaml is
 * edited in place (comments and order kept), written atomically, and the project must still validate.
 */

export interface ImportOptions {
  /** let the workbooks' values replace different ones already in results.yaml */
  readonly overwrite: boolean;
  /** check everything and report what would change, but write nothing (serve: a unit's upload waits for the office) */
  readonly dryRun?: boolean;
  /** told the text results.yaml has and the text about to replace it, before it is written (serve journals both) */
  readonly beforeWrite?: (before: string | undefined, after: string) => Promise<void>;
}

export interface ImportFileSummary {
  readonly file: string;
  readonly unit?: string;
  readonly cells: number;
}

export interface ImportOutcome {
  /** bad cells, refused workbooks, conflicts, and the project's own issues after writing */
  readonly issues: readonly Issue[];
  readonly files: readonly ImportFileSummary[];
  /** fields that differ from results.yaml before the import (written when `written`) */
  readonly changes: readonly Change[];
  readonly conflicts: readonly Conflict[];
  readonly written: boolean;
  readonly resultsFile: string;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The edited text must still be a valid results.yaml before it replaces the file. */
function checkEdited(file: string, text: string, indicators: Parameters<typeof checkResults>[1]): Issue[] {
  const parsed = parseYaml(file, text);
  if (!parsed.source) return parsed.issues;
  const result = Results.safeParse(parsed.source.data, { reportInput: true });
  if (!result.success) return schemaIssues(result.error, parsed.source);
  return checkResults(result.data.results, indicators, parsed.source);
}

export async function importWorkbooks(dir: string, files: readonly string[], options: ImportOptions): Promise<ImportOutcome> {
  const resultsFile = path.join(path.resolve(dir), PROJECT_FILES.results);
  const done = (rest: Omit<ImportOutcome, 'resultsFile'>): ImportOutcome => ({ ...rest, resultsFile });
  const before = await checkProject(dir);
  if (!before.data) return done({ issues: before.issues, files: [], changes: [], conflicts: [], written: false });
  const data = before.data;

  const issues: Issue[] = [];
  const entries: CellEntry[] = [];
  const summaries: ImportFileSummary[] = [];
  for (const given of files) {
    const file = locateWorkbook(given, dir, data.project.units, existsSync) ?? given;
    const label = path.basename(file);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      issues.push({ code: 'workbook-missing', severity: 'error', path: [], file, message: missing ? `找不到文件 ${file}，${displayPath(collectDir(dir))} 中也没有这个文件或这个单位的填报表` : `无法读取文件 ${file}：${(e as Error).message}`, ...(missing ? { hint: '核对文件名；各单位的填报表由 eco-dossier collect 生成在项目的 out/填报表/ 中' } : {}) });
      continue;
    }
    const read = await readFilledWorkbook(label, bytes, data);
    issues.push(...read.issues);
    entries.push(...read.entries);
    summaries.push({ file, ...(read.unit ? { unit: read.unit } : {}), cells: read.entries.length });
  }
  if (hasErrors(issues)) return done({ issues, files: summaries, changes: [], conflicts: [], written: false });

  const plan = planImport(data.results, entries);
  const conflictIssues = plan.conflicts.map((c) => conflictIssue(c, options.overwrite));
  if (plan.conflicts.length && !options.overwrite) {
    return done({ issues: [...issues, ...conflictIssues], files: summaries, changes: plan.changes, conflicts: plan.conflicts, written: false });
  }
  if (plan.changes.length === 0) return done({ issues: [...issues, ...conflictIssues], files: summaries, changes: [], conflicts: plan.conflicts, written: false });

  const oldText = await readOptional(resultsFile);
  const newText = editResultsYaml(oldText, plan.changes);
  const edited = checkEdited(PROJECT_FILES.results, newText, data.indicators);
  if (hasErrors(edited)) return done({ issues: [...issues, ...conflictIssues, ...edited], files: summaries, changes: plan.changes, conflicts: plan.conflicts, written: false });

  if (options.dryRun) return done({ issues: [...issues, ...conflictIssues], files: summaries, changes: plan.changes, conflicts: plan.conflicts, written: false });
  await options.beforeWrite?.(oldText, newText);
  await writeFileAtomic(resultsFile, newText);
  const after = await checkProject(dir);
  if (hasErrors(after.issues)) {
    // the project no longer validates: put the old file back, change nothing
    if (oldText === undefined) await rm(resultsFile, { force: true });
    else await writeFileAtomic(resultsFile, oldText);
    return done({ issues: [...issues, ...conflictIssues, ...after.issues], files: summaries, changes: plan.changes, conflicts: plan.conflicts, written: false });
  }
  return done({ issues: [...issues, ...conflictIssues], files: summaries, changes: plan.changes, conflicts: plan.conflicts, written: true });
}
