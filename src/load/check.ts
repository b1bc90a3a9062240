import { assessEligibility, judge, type DistrictPlace, type Eligibility, type Verdict } from '../judge/index.ts';
import { terrainClass } from '../model/index.ts';
import { wordsOf } from '../common/index.ts';
import { loadProject } from './project.ts';
import type { Issue } from '../model/index.ts';
import type { ProjectData } from '../model/index.ts';

export interface CheckedProject {
  readonly data?: ProjectData;
  readonly issues: readonly Issue[];
  /** one per indicator, in 附件1's order; empty when the project could not be loaded */
  readonly verdicts: readonly Verdict[];
  /** 申报条件, when the project could be judged */
  readonly eligibility?: Eligibility;
}

/** load → validate → judge: what every command starts with. */
export async function checkProject(dir: string): Promise<CheckedProject> {
  const { data, issues } = await loadProject(dir);
  if (!data) return { issues, verdicts: [] };
  const verdicts = judgeProject(data);
  return { data, issues, verdicts, eligibility: eligibilityOf(data, verdicts) };
}

/** 申报条件 by the rule of the project's catalogue. */
export function eligibilityOf(data: ProjectData, verdicts: readonly Verdict[]): Eligibility {
  return assessEligibility(data.indicators, verdicts, data.eligibilityRule);
}

export function judgeProject(data: ProjectData): Verdict[] {
  return judge({
    indicators: data.indicators,
    results: data.results,
    evidence: data.evidence,
    baselineYear: data.project.programme.baselineYear,
    currentYear: data.project.programme.currentYear,
    district: placeOf(data),
  });
}

/** The district's terrain class (normalised: 平原 → 平原地区) and coastal position, from project.yaml. */
export function placeOf(data: ProjectData): DistrictPlace {
  const { terrain, coastal } = data.project.district;
  const cls = terrain === undefined ? undefined : terrainClass(terrain);
  return { ...(cls ? { terrain: cls } : {}), coastal, own: wordsOf(data.project.district).own };
}
