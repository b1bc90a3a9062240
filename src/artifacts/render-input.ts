import type { Verdict } from '../judge/index.ts';
import type { ProjectData } from '../model/index.ts';

/** What every renderer gets: plain data, never the project folder itself. Renderers never change it. */
export interface RenderInput {
  readonly data: ProjectData;
  /** one per indicator, in 附件1's order */
  readonly verdicts: readonly Verdict[];
  /** 1 for the first submission, 2 after the first review round … */
  readonly revision: number;
}
