import { statfs } from 'node:fs/promises';
import type { Issue } from '../model/index.ts';
import { notWritable, SaveProblem } from '../files/index.ts';

/**
 * What goes wrong saving a bundle that is the user's to fix, as one located issue in plain Chinese: another
 * run holds the output folder, the folder cannot be written, the disk is full (with the space needed).
 * Anything else is not recognised here (undefined) and stays the tool's own failure.
 */
export async function saveProblemIssue(e: unknown, outDir: string, neededBytes: number): Promise<Issue | undefined> {
  const problem = notWritable(e, outDir);
  if (problem instanceof SaveProblem) return { code: problem.code, severity: 'error', file: problem.file, path: [], message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
  if ((e as NodeJS.ErrnoException)?.code !== 'ENOSPC') return undefined;
  const free = await statfs(outDir).then((s) => Number(s.bavail) * Number(s.bsize), () => undefined);
  const mb = (n: number) => `${n < 1e7 ? (n / 1e6).toFixed(1) : Math.round(n / 1e6)} MB`;
  return {
    code: 'disk-full', severity: 'error', file: outDir, path: [],
    message: `磁盘空间不足，材料包未生成：生成时约需 ${mb(neededBytes)} 可用空间${free !== undefined ? `，${outDir} 所在磁盘现有 ${mb(free)}` : ''}；已删除本次写了一半的文件，原有材料包保持不变`,
    hint: '清理磁盘或用 --out 换到空间足够的磁盘后重新运行',
  };
}

/**
 * Room a build needs at its peak: the folder (evidence copied, annex about the size of the evidence, the
 * documents) and its zip beside it, with a margin.
 */
export function spaceNeeded(evidenceBytes: number): number {
  return Math.ceil((evidenceBytes * 2 + 20e6) * 2 * 1.1);
}
