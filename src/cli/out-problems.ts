import { SaveProblem, writeProblem } from '../files/index.ts';
import type { Issue } from '../model/index.ts';

/**
 * A failed write into a command's output folder as one located issue in Chinese (read-only disk, no
 * permission, a broken link or a file in the way, a full disk), or undefined when it is none of these
 * (then it is the tool's own failure).
 */
export async function outProblemIssue(e: unknown, outDir: string): Promise<Issue | undefined> {
  const problem = await writeProblem(e, outDir);
  if (!(problem instanceof SaveProblem)) return undefined;
  return { code: problem.code, severity: 'error', file: problem.file, path: [], message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}
