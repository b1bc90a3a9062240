import type { Eligibility } from '../judge/index.ts';
import type { Verdict } from '../judge/index.ts';
import { eligibilityOf, type CheckedProject } from '../load/index.ts';
import type { Issue } from '../model/index.ts';
import type { ProjectData } from '../model/index.ts';
import { readiness, type Readiness } from '../status/index.ts';

/** What every office page is drawn from: one checked project, its readiness and its 申报条件 by the catalogue's rule. */
export interface Dashboard {
  readonly data: ProjectData;
  readonly verdicts: readonly Verdict[];
  readonly issues: readonly Issue[];
  readonly readiness: Readiness;
  readonly eligibility: Eligibility;
}

/** Today's date in China (UTC+8): the office's calendar, whatever the machine's time zone. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function dashboardOf(checked: CheckedProject, today: string): Dashboard | undefined {
  if (!checked.data) return undefined;
  return {
    data: checked.data, verdicts: checked.verdicts, issues: checked.issues,
    readiness: readiness(checked.data, checked.verdicts, today),
    eligibility: checked.eligibility ?? eligibilityOf(checked.data, checked.verdicts),
  };
}
