import { judge, type Verdict } from '../judge/index.ts';
import { loadProject } from './project.ts';
import type { Issue } from '../model/issue.ts';
import type { ProjectData } from '../model/project-data.ts';

export interface CheckedProject {
  readonly data?: ProjectData;
  readonly issues: readonly Issue[];
  /** one per indicator, in 附件1's order; empty when the project could not be loaded */
  readonly verdicts: readonly Verdict[];
}

/** load → validate → judge: what every command starts with. */
export async function checkProject(dir: string): Promise<CheckedProject> {
  const { data, issues } = await loadProject(dir);
  if (!data) return { issues, verdicts: [] };
  return { data, issues, verdicts: judgeProject(data) };
}

export function judgeProject(data: ProjectData): Verdict[] {
  return judge({
    indicators: data.indicators,
    results: data.results,
    evidence: data.evidence,
    baselineYear: data.project.programme.baselineYear,
    currentYear: data.project.programme.currentYear,
  });
}
