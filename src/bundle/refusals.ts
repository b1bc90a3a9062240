import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Verdict } from '../judge/index.ts';
import type { WrittenFile } from '../artifacts/index.ts';
import { annexTexts, officeText, officialTextIssues } from '../artifacts/official-text/index.ts';
import { chineseDate, displayPath } from '../common/index.ts';
import type { Issue, ProjectData } from '../model/index.ts';

/**
 * What validate only warns about but no bundle may carry: a 待填写 left in project.yaml or evidence.yaml
 * (it would be printed, or stand for a fact the documents rely on) and an evidence date still 待核对.
 */
const REFUSED_IN_BUILD = new Set(['placeholder-unfilled', 'evidence-date-unchecked']);

export function asBuildError(issue: Issue): Issue {
  if (!REFUSED_IN_BUILD.has(issue.code) || issue.severity === 'error') return issue;
  return { ...issue, severity: 'error', message: `${issue.message}（生成材料包前必须填写、核对）` };
}

/**
 * Evidence dated after the documents of the revision that carries it: a bundle cannot cite what did not
 * exist on its date. Each item named by its id and title, at its entry.
 */
export function evidenceAfterDocument(data: ProjectData): Issue[] {
  const date = data.project.generatedAt;
  return data.evidence
    .filter((e) => e.date > date)
    .map((e) => {
      const fromRound = /(^|[\\/])feedback[\\/]/.test(path.relative(data.dir, e.absPath));
      return {
        code: 'evidence-after-document', severity: 'error', file: displayPath(path.join(data.dir, fromRound ? 'feedback' : 'evidence.yaml')), path: [],
        message: `佐证材料 ${e.id}（${e.title}）的日期 ${chineseDate(e.date)} 晚于本版材料的成文日期 ${chineseDate(date)}`,
        expected: `不晚于 ${date}`, actual: e.date,
        hint: fromRound ? '本轮答复的材料不能晚于答复日期：核对材料日期，或在该轮答复文件中写更晚的 responseDate' : '核对 evidence.yaml 中该条的 date，或把 project.yaml 的 generatedAt 改为报送日期',
      } satisfies Issue;
    });
}

/** The roles of the bundle's official documents: what a reviewer reads as the district's word. */
const OFFICIAL_ROLES = new Set(['request', 'report', 'task-table', 'response']);

/**
 * Nothing meant for the office in an official document: every .docx/.xlsx of an official role read back
 * from the staging folder, and the text the annex volumes draw, through one checker (artifacts/official-text).
 */
export async function checkOfficialText(data: ProjectData, verdicts: readonly Verdict[], bundleDir: string, written: readonly WrittenFile[]): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const w of written) {
    if (!OFFICIAL_ROLES.has(w.artifact.role) || !/\.(docx|xlsx)$/.test(w.artifact.path)) continue;
    const bytes = await readFile(path.join(bundleDir, ...w.artifact.path.split('/')));
    issues.push(...officialTextIssues(w.artifact.path, await officeText(bytes), data));
  }
  if (written.some((w) => w.artifact.role === 'annex')) issues.push(...officialTextIssues('佐证材料汇编', annexTexts(data, verdicts), data));
  return issues;
}
