import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Issue } from '../model/index.ts';
import type { ProjectData } from '../model/index.ts';
import { displayPath } from '../common/index.ts';
import { applyFeedback, loadFeedback } from './feedback.ts';

/**
 * Review rounds across revisions: feedback/round-K.yaml answers round K. Each manifest records the rounds
 * its revision answers; a later revision applies them again so their answers stay.
 */

/** The round number in feedback/round-2.yaml. */
export function roundOf(file: string): number | undefined {
  const m = /^round-(\d+)\.yaml$/.exec(path.basename(file));
  return m ? Number(m[1]) : undefined;
}

/** feedback/round-K.yaml files neither answered before nor answered now: said, so none is skipped unnoticed. */
export async function unusedRounds(dir: string, used: readonly number[], previousRevision: number): Promise<Issue[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  return names
    .filter((name) => roundOf(name) !== undefined && !used.includes(roundOf(name)!))
    .map((name) => ({
      code: 'feedback-round-unused', severity: 'warning' as const, file: path.join(dir, name), path: [],
      message: `feedback/${name} 未被采用：第${previousRevision}版没有答复第${roundOf(name)}轮，本次也不答复它（本次默认读取 round-${previousRevision}.yaml）`,
      hint: `如要答复这一轮，请加 --feedback feedback/${name}`,
    }));
}

/**
 * A revision made without a review round to answer (no feedback/round-<previous revision>.yaml, no
 * --feedback): allowed, as the office may revise on its own, but said, since it writes no response document
 * and the earlier answers (`carried`, their paths) go on unchanged. Located at the file it looked for.
 */
export function revisionWithoutRound(expectedFile: string, revision: number, carried: readonly string[]): Issue {
  const name = path.basename(expectedFile);
  return {
    code: 'revise-without-round', severity: 'warning', file: displayPath(expectedFile), path: [],
    message: `第${revision}版不答复任何一轮审查意见：没有 feedback/${name}，本版不生成答复审查意见的说明`
      + (carried.length ? `，上一版的 ${carried.join('、')} 原样沿用` : ''),
    hint: `本版如是答复第${roundOf(name)}轮审查意见，请把审查意见和答复写进 feedback/${name}，或用 --feedback 指定文件，然后重新运行；办公室自行修订的，可不理会此提示`,
  };
}

/**
 * The project with the answers of the rounds an earlier revision answered applied again, in order: their
 * evidence, replacements and corrected values. A round file that is gone, or no longer valid, is an error.
 */
export async function applyAnsweredRounds(
  data: ProjectData, feedbackDir: string, rounds: readonly number[], previousRevision: number,
): Promise<{ data: ProjectData; rounds: readonly number[]; issues: Issue[]; failedFile?: string; latestDate?: string }> {
  const issues: Issue[] = [];
  let now = data;
  let latestDate: string | undefined;
  for (const k of rounds) {
    const file = path.join(feedbackDir, `round-${k}.yaml`);
    if (!existsSync(file)) {
      issues.push({
        code: 'feedback-round-missing', severity: 'error', file, path: [],
        message: `第${previousRevision}版采用了第${k}轮审查意见的答复，但找不到 feedback/round-${k}.yaml`,
        hint: '恢复该文件：其中新增的材料和更正的数值要在以后各版中保留',
      });
      return { data, rounds, issues, failedFile: file };
    }
    const earlier = await loadFeedback(file, now, { earlierRound: true });
    const errors = earlier.issues.filter((i) => i.severity === 'error');
    if (!earlier.feedback || errors.length) return { data, rounds, issues: [...issues, ...errors], failedFile: file };
    issues.push(...earlier.issues.filter((i) => i.severity === 'warning' && i.code !== 'feedback-open'));
    ({ data: now } = applyFeedback(now, earlier.feedback, earlier.added));
    const answered = earlier.feedback.responseDate ?? earlier.feedback.date;
    if (!latestDate || answered > latestDate) latestDate = answered;
  }
  return { data: now, rounds, issues, ...(latestDate ? { latestDate } : {}) };
}

/**
 * The one judged state a revision presents: the project with the rounds the revision answers laid over it,
 * in order (as a later revision applies them again). What site-visit presents of a bundle, and what every
 * document of that revision was made from while the project folder has not changed since.
 */
export async function revisionState(
  data: ProjectData, revision: { readonly revision: number; readonly answeredRounds?: readonly number[] | undefined },
): Promise<{ data: ProjectData; issues: Issue[] }> {
  const applied = await applyAnsweredRounds(data, path.join(data.dir, 'feedback'), revision.answeredRounds ?? [], revision.revision);
  return { data: applied.data, issues: applied.issues };
}
