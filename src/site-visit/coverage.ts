import type { PlacedIndicator, SiteList } from './shared.ts';
import type { RoutePlan } from './route.ts';

/**
 * Which indicators the planned routes show. Every 约束性 indicator with a physical site (sites.yaml
 * `physicalIndicators`, by default every 约束性 indicator some site shows) must be covered by a planned
 * stop; those that are not are listed with the reason. Pure.
 */
export interface CoveredIndicator {
  readonly no: number;
  readonly name: string;
  readonly attribute: PlacedIndicator['attribute'];
  /** planned sites showing it, in visiting order */
  readonly sites: readonly string[];
}

export interface UncoveredIndicator {
  readonly no: number;
  readonly name: string;
  /** 'no-site': no site in sites.yaml shows it; 'not-fitting': its sites did not fit the half-days */
  readonly reason: 'no-site' | 'not-fitting';
  /** for not-fitting: the sites that show it */
  readonly sites: readonly string[];
}

export interface Coverage {
  /** the 约束性 indicators that must be seen on site */
  readonly required: readonly number[];
  /** every indicator shown by a planned stop, once each, in 附件1 order */
  readonly covered: readonly CoveredIndicator[];
  readonly uncovered: readonly UncoveredIndicator[];
  /** 约束性 indicators without a physical site (documents only), for information */
  readonly documentsOnly: readonly number[];
  /** every 约束性 indicator the project applies (not 不涉及), in 附件1 order */
  readonly binding: readonly number[];
  /** of those, the ones some site in sites.yaml shows */
  readonly shown: readonly number[];
}

export function requiredIndicators(list: SiteList, indicators: readonly PlacedIndicator[]): number[] {
  const binding = indicators.filter((i) => i.attribute === '约束性').map((i) => i.no);
  const physical = new Set(list.physicalIndicators ?? list.sites.flatMap((s) => s.indicators));
  return binding.filter((no) => physical.has(no));
}

/** `notApplicable`: the indicators judged 不涉及, left out of the counts of 约束性 indicators. */
export function coverage(list: SiteList, indicators: readonly PlacedIndicator[], plan: RoutePlan, notApplicable: ReadonlySet<number> = new Set()): Coverage {
  const required = requiredIndicators(list, indicators);
  const visited = plan.routes.flatMap((r) => r.stops.map((s) => s.site));
  const covered = indicators.flatMap((ind): CoveredIndicator[] => {
    const sites = visited.filter((s) => s.indicators.includes(ind.no)).map((s) => s.id);
    return sites.length ? [{ no: ind.no, name: ind.name, attribute: ind.attribute, sites }] : [];
  });
  const coveredNos = new Set(covered.map((c) => c.no));
  const byNo = new Map(indicators.map((i) => [i.no, i]));
  const uncovered = required
    .filter((no) => !coveredNos.has(no))
    .map((no): UncoveredIndicator => {
      const sites = list.sites.filter((s) => s.indicators.includes(no)).map((s) => s.id);
      return { no, name: byNo.get(no)?.name ?? '', reason: sites.length ? 'not-fitting' : 'no-site', sites };
    });
  const requiredSet = new Set(required);
  const documentsOnly = indicators.filter((i) => i.attribute === '约束性' && !requiredSet.has(i.no)).map((i) => i.no);
  const binding = indicators.filter((i) => i.attribute === '约束性' && !notApplicable.has(i.no)).map((i) => i.no);
  const onSites = new Set(list.sites.flatMap((s) => s.indicators));
  return { required, covered, uncovered, documentsOnly, binding, shown: binding.filter((no) => onSites.has(no)) };
}

/**
 * The one sentence on coverage the command, the handbook and the slides print: how many 约束性 indicators the
 * sites show, of how many the project applies, how many of those the routes reach, and how many have no site.
 */
export function coverageText(cov: Pick<Coverage, 'binding' | 'shown' | 'covered'>): string {
  const covered = new Set(cov.covered.map((c) => c.no));
  const reached = cov.shown.filter((no) => covered.has(no)).length;
  const rest = cov.binding.length - cov.shown.length;
  return `点位展示的约束性指标 ${cov.shown.length} 项（共 ${cov.binding.length} 项），路线覆盖其中 ${reached} 项；${rest ? `其余 ${rest} 项没有点位` : '每项都有点位'}`;
}

export function uncoveredText(u: UncoveredIndicator): string {
  return u.reason === 'no-site'
    ? `指标${u.no}（${u.name}）需现场核查，但 sites.yaml 中没有展示它的点位`
    : `指标${u.no}（${u.name}）的点位 ${u.sites.join('、')} 在核查时间内排不下`;
}
