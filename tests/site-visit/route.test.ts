import { describe, expect, it } from 'vitest';
import {
  coverageText, DEFAULT_TRAVEL, optimalTourLength, planRoutes, prepareSiteVisit, shortTour, tourLength, travelMinutes,
} from '../../src/site-visit/index.ts';
import { travelMatrix } from '../../src/site-visit/route.ts';
import { coverage } from '../../src/site-visit/coverage.ts';
import type { Site } from '../../src/model/sites.ts';
import { SAMPLE } from './helpers.ts';

const start = { name: '出发点', lon: 116.783, lat: 35.553 };

/** Deterministic pseudo-random sites inside the sample district's bounds. */
function randomSites(seed: number, n: number): Site[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) => ({
    id: `R${i + 1}`, name: `点${i + 1}`, address: '—', lon: 116.63 + next() * 0.35, lat: 35.45 + next() * 0.27, indicators: [1],
    unit: '区水务局', contact: { name: '甲' }, guide: { name: '乙' }, minutes: 10 + Math.floor(next() * 20), evidence: [],
  }));
}

function bruteForce(nodes: number[], m: number[][]): number {
  let best = Infinity;
  const permute = (rest: number[], order: number[]) => {
    if (!rest.length) {
      best = Math.min(best, tourLength(order, m));
      return;
    }
    rest.forEach((n, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...order, n]));
  };
  permute(nodes, []);
  return best;
}

describe('visiting order (nearest neighbour + 2-opt/Or-opt)', () => {
  it('is within 10 % of the shortest order found by brute force over 8 sites (20 random sets)', () => {
    let worst = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const sites = randomSites(seed, 8);
      const m = travelMatrix(start, sites);
      const nodes = sites.map((_, i) => i + 1);
      const heuristic = tourLength(shortTour(nodes, m), m);
      const optimum = bruteForce(nodes, m);
      expect(optimalTourLength(nodes, m)).toBe(optimum);
      worst = Math.max(worst, heuristic / optimum - 1);
    }
    console.log(`8 个点位、20 组随机数据：启发式路线比最短路线最多长 ${(worst * 100).toFixed(2)}%`);
    expect(worst).toBeLessThanOrEqual(0.1);
  });

  it('is within 10 % of the optimum (Held–Karp) over the 12 sample sites and over 12 random sites', async () => {
    const prepared = await prepareSiteVisit(SAMPLE, { days: 1, outDir: '/nonexistent' });
    const sets = [prepared.plan!.sites.sites, ...[1, 2, 3, 4, 5].map((s) => randomSites(100 + s, 12))];
    for (const sites of sets) {
      const m = travelMatrix(start, sites);
      const nodes = sites.map((_, i) => i + 1);
      const gap = tourLength(shortTour(nodes, m), m) / optimalTourLength(nodes, m) - 1;
      console.log(`12 个点位：启发式路线比最短路线长 ${(gap * 100).toFixed(2)}%`);
      expect(gap).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('half-day routes on the sample', () => {
  it('adds up: arrival = previous departure + driving, departure = arrival + minutes on site, back within the budget', async () => {
    const { plan, issues } = await prepareSiteVisit(SAMPLE, { days: 1, outDir: '/nonexistent' });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const routes = plan!.routes.routes;
    expect(routes.map((r) => `${r.slot.day}${r.slot.half}`)).toEqual(['2上午', '2下午']);
    const seen = new Set<string>();
    for (const r of routes) {
      let time = r.slot.start;
      let prev: { lon: number; lat: number } = plan!.routes.start;
      let driving = 0;
      for (const [i, s] of r.stops.entries()) {
        expect(s.order).toBe(i + 1);
        expect(s.travelMinutes).toBe(travelMinutes(prev, s.site, DEFAULT_TRAVEL));
        expect(s.arrive).toBe(time + s.travelMinutes);
        expect(s.leave - s.arrive).toBe(s.site.minutes);
        expect(seen.has(s.site.id)).toBe(false);
        seen.add(s.site.id);
        driving += s.travelMinutes;
        time = s.leave;
        prev = s.site;
      }
      expect(r.returnMinutes).toBe(travelMinutes(prev, plan!.routes.start));
      expect(r.back).toBe(time + r.returnMinutes);
      expect(r.drivingMinutes).toBe(driving + r.returnMinutes);
      expect(r.back - r.slot.start).toBe(r.drivingMinutes + r.siteMinutes);
      expect(r.back).toBeLessThanOrEqual(r.slot.end);
    }
    expect(seen.size).toBe(12);
    expect(plan!.routes.leftOut).toEqual([]);
  });

  it('lists every covered indicator once, and covers every 约束性 indicator that has a site', async () => {
    const { plan } = await prepareSiteVisit(SAMPLE, { days: 1, outDir: '/nonexistent' });
    const cov = plan!.coverage;
    const nos = cov.covered.map((c) => c.no);
    expect(new Set(nos).size).toBe(nos.length);
    const shown = new Set(plan!.sites.sites.flatMap((s) => s.indicators));
    expect([...nos].sort((a, b) => a - b)).toEqual([...shown].sort((a, b) => a - b));
    expect(cov.required).toEqual([4, 7, 8, 12, 14, 15, 23, 24, 25, 27, 29]);
    expect(cov.uncovered).toEqual([]);
    // the sites show 11 of the 19 约束性 indicators; the other 8 have no site, and the sentence says so
    expect(cov.binding).toHaveLength(19);
    expect(cov.shown).toEqual(cov.required);
    expect(coverageText(cov)).toBe('点位展示的约束性指标 11 项（共 19 项），路线覆盖其中 11 项；其余 8 项没有点位');
    for (const c of cov.covered) for (const id of c.sites) expect(plan!.sites.sites.find((s) => s.id === id)!.indicators).toContain(c.no);
  });

  it('counts the 约束性 indicators the project applies: one judged 不涉及 is in neither count', async () => {
    const { plan } = await prepareSiteVisit(SAMPLE, { days: 1, outDir: '/nonexistent' });
    const noSite = plan!.coverage.binding.find((no) => !plan!.coverage.shown.includes(no))!;
    const cov = coverage(plan!.sites, plan!.data.indicators, plan!.routes, new Set([noSite]));
    expect(cov.binding).toHaveLength(18);
    expect(coverageText(cov)).toBe('点位展示的约束性指标 11 项（共 18 项），路线覆盖其中 11 项；其余 7 项没有点位');
  });

  it('leaves out what does not fit, keeping sites that alone show a required 约束性 indicator, and says so', () => {
    const sites = randomSites(7, 12).map((s, i) => ({ ...s, minutes: 30, indicators: [i < 3 ? 4 + i : 50 + i] }));
    const plan = planRoutes(start, sites, new Set([4, 5, 6]), { days: 1, morningStart: 10 * 60 });
    expect(plan.leftOut.length).toBeGreaterThan(0);
    expect(plan.leftOut.every((l) => l.reason === 'no-room')).toBe(true);
    const planned = plan.routes.flatMap((r) => r.stops.map((s) => s.site.id));
    for (const id of ['R1', 'R2', 'R3']) expect(planned).toContain(id);
    for (const r of plan.routes) expect(r.back).toBeLessThanOrEqual(r.slot.end);
    expect(planned.length + plan.leftOut.length).toBe(12);
  });

  it('reports 约束性 indicators not covered, with the reason, as warnings', async () => {
    const { plan, issues } = await prepareSiteVisit(SAMPLE, { days: 1, outDir: '/nonexistent', morningStart: 11 * 60 + 30 });
    expect(plan!.routes.leftOut.length).toBeGreaterThan(0);
    const messages = issues.filter((i) => i.code === 'site-indicator-not-fitting' || i.code === 'site-left-out').map((i) => i.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const u of plan!.coverage.uncovered) expect(messages).toContain(`指标${u.no}（${u.name}）的点位 ${u.sites.join('、')} 在核查时间内排不下`);
    const reached = 11 - plan!.coverage.uncovered.length;
    expect(coverageText(plan!.coverage)).toBe(`点位展示的约束性指标 11 项（共 19 项），路线覆盖其中 ${reached} 项；其余 8 项没有点位`);
  });
});
