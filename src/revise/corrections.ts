import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { chineseDate, circled, displayPath } from '../common/index.ts';
import type { Issue, ProjectData } from '../model/index.ts';
import { applyFeedback, loadFeedback } from './feedback.ts';
import { roundOf } from './rounds.ts';

/**
 * Values the review rounds corrected that results.yaml still has as before: `validate` judges results.yaml,
 * the revisions answering those rounds judge the corrected values, so after r3 the office would see figures no
 * bundle carries without knowing why. One warning per round file, naming each value (never an error: the
 * rounds' own problems are revise's to report).
 */
export async function correctionsNotInResults(data: ProjectData): Promise<Issue[]> {
  const dir = path.join(data.dir, 'feedback');
  const rounds = (await readdir(dir).catch(() => [] as string[]))
    .map((name) => ({ name, k: roundOf(name) }))
    .filter((r): r is { name: string; k: number } => r.k !== undefined)
    .sort((a, b) => a.k - b.k);
  const issues: Issue[] = [];
  let now = data;
  for (const { name, k } of rounds) {
    const file = path.join(dir, name);
    const loaded = await loadFeedback(file, now, { earlierRound: true });
    if (!loaded.feedback || loaded.issues.some((i) => i.severity === 'error')) continue;
    const applied = applyFeedback(now, loaded.feedback, loaded.added);
    now = applied.data;
    const stale = applied.valueChanges.filter((c) => {
      const own = data.results.find((r) => r.indicator === c.indicator && r.sub === c.sub);
      return own?.values[String(c.year)] !== c.to;
    });
    if (stale.length === 0) continue;
    const listed = stale.map((c) => `指标${c.indicator}${c.sub ? circled(c.sub) : ''} ${c.year}年 ${c.from ?? '（无）'} → ${c.to}`).join('；');
    issues.push({
      code: 'feedback-correction-not-in-results', severity: 'warning', file: displayPath(file), path: [],
      message: `第${k}轮审查意见的答复（${chineseDate(loaded.feedback.responseDate ?? loaded.feedback.date)}）更正了 ${stale.length} 个数值，results.yaml 中仍是原值：${listed}。这里按 results.yaml 判定，答复该轮的申报材料按更正后的数值判定`,
    });
  }
  return issues;
}
