import path from 'node:path';
import { renderArchiveCatalog, ARCHIVE_CATALOG_FILE } from './archive-catalog.ts';
import { HANDBOOK_FILE, renderHandbook } from './handbook/index.ts';
import { MEETING_PLAN_FILE, renderMeetingPlan } from './meeting-plan.ts';
import type { SiteVisitPlan } from './plan.ts';
import { renderSiteList, SITE_LIST_FILE } from './site-list.ts';
import { renderSlides, SLIDES_FILE } from './slides.ts';
import { writeFileAtomic } from './shared.ts';

/**
 * 现场核查 preparation (issue 15): sites.yaml → half-day routes → five documents under out/现场核查/.
 * `prepareSiteVisit` loads, checks and plans (never throws on bad input); `writeSiteVisit` renders and writes.
 */
export { prepareSiteVisit, type SiteVisitPlan, type SiteVisitOptions, type Prepared } from './plan.ts';
export { loadSites, SITES_FILE } from './load-sites.ts';
export { planRoutes, halfDays, slotLabel, DEFAULT_TIMES, type RoutePlan, type PlannedRoute, type PlannedStop } from './route.ts';
export { shortTour, optimalTourLength, tourLength } from './tour.ts';
export { haversineKm, travelBasis, travelMinutes, travelModelOf, travelText, clock, parseClock, ROAD_FACTOR, SPEED_KMH, DEFAULT_TRAVEL } from './geo.ts';
export { suggestCoordinates, formatSuggestions, type Suggestion } from './suggest.ts';
export { readJpegGps } from './exif-gps.ts';
export { resultCounts } from './slides.ts';
export { coverageText } from './coverage.ts';

/** The folder inside the output folder. */
export const SITE_VISIT_DIR = '现场核查';

export const SITE_VISIT_FILES = [SITE_LIST_FILE, HANDBOOK_FILE, MEETING_PLAN_FILE, SLIDES_FILE, ARCHIVE_CATALOG_FILE] as const;

export interface WrittenOutput {
  readonly file: string;
  readonly bytes: number;
}

/** Renders the five documents (all in memory first: a failure writes none of them), then writes each atomically. */
export async function writeSiteVisit(plan: SiteVisitPlan, outDir: string): Promise<WrittenOutput[]> {
  const rendered: [string, Uint8Array][] = [
    [SITE_LIST_FILE, await renderSiteList(plan)],
    [HANDBOOK_FILE, await renderHandbook(plan)],
    [MEETING_PLAN_FILE, await renderMeetingPlan(plan)],
    [SLIDES_FILE, await renderSlides(plan)],
    [ARCHIVE_CATALOG_FILE, await renderArchiveCatalog(plan)],
  ];
  const dir = path.join(outDir, SITE_VISIT_DIR);
  const written: WrittenOutput[] = [];
  for (const [name, bytes] of rendered) {
    const file = path.join(dir, name);
    await writeFileAtomic(file, bytes);
    written.push({ file, bytes: bytes.length });
  }
  return written;
}
