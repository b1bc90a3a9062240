import path from 'node:path';
import { annexPlaces, type AnnexPlaces } from './annex-places.ts';
import { coverage, requiredIndicators, uncoveredText, type Coverage } from './coverage.ts';
import { travelModelOf, type TravelModel } from './geo.ts';
import { loadSites, SITES_FILE, visitDateOf } from './load-sites.ts';
import { planRoutes, type RoutePlan } from './route.ts';
import { differencesFromBundle, findPresented, type PresentedRevision } from './revision.ts';
import { assessEligibility, checkProject, displayPath, hasErrors, judgeProject, revisionState, type Issue, type ProjectData, type SiteList, type Verdict } from './shared.ts';

/** The field visits start on day 2 of the visit: day 1 is the 座谈会 and the 资料查阅. */
export const FIRST_FIELD_DAY = 2;

export interface SiteVisitOptions {
  /** days of field visits (each a morning and an afternoon route) */
  readonly days: number;
  /** morning departure, minutes since midnight */
  readonly morningStart?: number;
  readonly travel?: TravelModel;
  /** progress of planning a long list of sites */
  readonly onProgress?: (message: string) => void;
  /** the output folder (default out/): the newest bundle of the project found there is the revision presented */
  readonly outDir: string;
  /** the bundle (folder or zip) to present instead of the newest in `outDir` */
  readonly from?: string;
}

/** Everything the five outputs are drawn from: plain data. */
export interface SiteVisitPlan {
  /** the judged state presented: the project with the rounds the presented revision answers laid over it */
  readonly data: ProjectData;
  /** the revision presented (its number and date on the covers); absent: the project as `build` would make it */
  readonly presented?: PresentedRevision;
  readonly verdicts: readonly Verdict[];
  readonly sites: SiteList;
  readonly routes: RoutePlan;
  readonly coverage: Coverage;
  readonly places: AnnexPlaces;
  readonly days: number;
}

export interface Prepared {
  readonly plan?: SiteVisitPlan;
  readonly issues: readonly Issue[];
}

/**
 * load → judge → sites.yaml → routes → coverage → where the evidence sits. Never throws on bad input: the
 * plan is absent when the project or sites.yaml has errors. A 约束性 indicator the routes do not cover is a
 * warning (the plan is still made, and lists it).
 */
export async function prepareSiteVisit(dir: string, options: SiteVisitOptions): Promise<Prepared> {
  const checked = await checkProject(dir);
  if (!checked.data || hasErrors(checked.issues)) return { issues: checked.issues };
  // one judged state: the revision presented (the rounds it answers laid over the project), or the project
  // the newest bundle made by the visit's date (a later one answers the visit); sites.yaml is checked below
  const found = await findPresented(checked.data, options.outDir, options.from, await visitDateOf(checked.data));
  if (hasErrors(found.issues)) return { issues: [...checked.issues, ...found.issues] };
  const presented = found.presented;
  const state = presented ? await revisionState(checked.data, presented.manifest) : { data: checked.data, issues: [] };
  if (hasErrors(state.issues)) return { issues: [...checked.issues, ...state.issues] };
  const data = state.data;
  const verdicts = presented ? judgeProject(data) : checked.verdicts;
  const loaded = await loadSites(data, presented);
  const issues = [...checked.issues, ...state.issues, ...(presented ? differencesFromBundle(presented, verdicts) : []), ...loaded.issues];
  // a visit follows an application, and an application needs the 申报条件: the pack is still made (for a rehearsal)
  const eligibility = assessEligibility(data.indicators, verdicts, data.eligibilityRule);
  if (!eligibility.eligible) {
    issues.push({
      code: 'site-visit-not-eligible', severity: 'warning', file: data.dir, path: [],
      message: `${presented ? `所介绍的第${presented.revision}版申报材料` : '项目当前数据'}尚未达到申报条件，现场核查材料照常生成，汇报中如实列出未达标的指标：${eligibility.line.replace(/^申报条件：/, '')}`,
    });
  }
  if (!loaded.sites) return { issues };
  const sites = loaded.sites;
  const start = data.project.district.startPoint!;
  const binding = new Set(requiredIndicators(sites, data.indicators));
  const routes = planRoutes(start, sites.sites, binding, {
    // day 1 of the visit is the 座谈会 and the start of the 资料查阅; the field days follow (see meeting-plan.ts)
    days: options.days, firstDay: FIRST_FIELD_DAY, travel: options.travel ?? travelModelOf(sites.travel),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.morningStart !== undefined ? { morningStart: options.morningStart } : {}),
  });
  const cov = coverage(sites, data.indicators, routes, new Set(verdicts.filter((v) => v.verdict === '不涉及').map((v) => v.no)));
  const file = displayPath(path.join(data.dir, SITES_FILE));
  for (const u of cov.uncovered) {
    issues.push({ code: u.reason === 'no-site' ? 'site-indicator-no-site' : 'site-indicator-not-fitting', severity: 'warning', file, path: [], message: uncoveredText(u), hint: u.reason === 'no-site' ? '在 sites.yaml 中添加展示该指标的点位' : '增加核查天数（--days）、缩短停留时间或提前出发（--start）' });
  }
  for (const left of routes.leftOut) {
    issues.push({
      code: 'site-left-out', severity: 'warning', file, path: [],
      message: left.reason === 'too-far'
        ? `点位 ${left.site.id}（${left.site.name}）单独前往也排不下：往返车程加停留约 ${left.aloneMinutes} 分钟，超过一条路线最多可用的 ${left.longestMinutes} 分钟`
        : `点位 ${left.site.id}（${left.site.name}）在 ${options.days} 天的核查时间内排不下：其他点位已占满各条路线`,
      hint: left.reason === 'too-far'
        ? '核对该点位的经纬度；路程确实较远时，在 sites.yaml 的 travel 中写上本地的车速（speedKmh，国道、高速用 fastSpeedKmh）'
        : '增加核查天数（--days）、缩短停留时间（minutes）或提前出发（--start）',
    });
  }
  const places = await annexPlaces({ data, verdicts }, sites.sites, presented?.manifest);
  return { plan: { data, verdicts, sites, routes, coverage: cov, places, days: options.days, ...(presented ? { presented } : {}) }, issues };
}
