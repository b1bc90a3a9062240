import { describe, expect, it } from 'vitest';
import { planRoutes, travelBasis, travelMinutes, travelModelOf, travelText } from '../../src/site-visit/index.ts';
import type { Site } from '../../src/model/sites.ts';

const seat = { name: '旗政府', lon: 116.0, lat: 44.0 };

function site(id: string, lon: number, lat: number, minutes = 30, indicators = [1]): Site {
  return { id, name: `点位${id}`, address: '—', lon, lat, indicators, unit: '旗水务局', contact: { name: '甲' }, guide: { name: '乙' }, minutes, evidence: [] };
}

/** `n` pseudo-random sites within about ±`km` of the seat. */
function spread(n: number, km: number, seed = 11): Site[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) => site(`S${i + 1}`, seat.lon + ((next() * 2 - 1) * km) / 80, seat.lat + ((next() * 2 - 1) * km) / 111, 10 + Math.floor(next() * 30), [1 + (i % 40)]));
}

describe('site-visit routes for a large list and a large district', () => {
  it('plans 500 sites, telling its progress, and names every site left out with the reason', () => {
    const sites = spread(500, 25);
    const progress: string[] = [];
    const plan = planRoutes(seat, sites, new Set([1, 2, 3, 4, 5]), { days: 7, onProgress: (m) => progress.push(m) });
    const planned = plan.routes.flatMap((r) => r.stops.map((s) => s.site.id));
    expect(planned.length).toBeGreaterThan(60);
    expect(new Set(planned).size).toBe(planned.length);
    expect(planned.length + plan.leftOut.length).toBe(500);
    for (const r of plan.routes) expect(r.back).toBeLessThanOrEqual(r.slot.end);
    for (const l of plan.leftOut) expect(['too-far', 'no-room']).toContain(l.reason);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(/500 个点位中 \d+ 个在核查时间内排不下/);
    // each binding indicator (1–5, shown by a dozen sites each) keeps a site on the routes
    for (const no of [1, 2, 3, 4, 5]) expect(plan.routes.some((r) => r.stops.some((s) => s.site.indicators.includes(no)))).toBe(true);
  }, 240_000);

  it('plans whole-day routes, lunch included, where sites lie 59 and 93 km from the seat', () => {
    const sites = [site('N', 116.03, 44.02), site('E', 116.0, 44.0 + 59 / 111), site('W', 116.0, 44.0 - 93 / 111)];
    const plan = planRoutes(seat, sites, new Set([1]), { days: 2 });
    expect(plan.leftOut).toEqual([]);
    const full = plan.routes.filter((r) => r.slot.half === '全天' && r.stops.length);
    expect(full.map((r) => r.stops.map((s) => s.site.id).join()).sort()).toEqual(expect.arrayContaining(['W']));
    for (const r of plan.routes) {
      expect(r.back).toBeLessThanOrEqual(r.slot.end);
      if (r.slot.half === '全天' && r.stops.length) {
        expect(r.lunch).toBeDefined();
        expect(r.lunch!.end - r.lunch!.start).toBe(60);
        // arrival after lunch = lunch end + driving; back = last departure (or lunch end) + the drive back
        const lastLeave = Math.max(r.stops.at(-1)!.leave, r.lunch!.after === r.stops.length ? r.lunch!.end : 0);
        expect(r.back).toBe(lastLeave + r.returnMinutes);
      }
    }
  });

  it('still names a site too far even for a whole day, with the minutes it would take and those available', () => {
    const sites = [site('N', 116.03, 44.02), site('FAR', 116.0, 44.0 + 200 / 111)];
    const plan = planRoutes(seat, sites, new Set([1]), { days: 1 });
    expect(plan.leftOut).toHaveLength(1);
    expect(plan.leftOut[0]).toMatchObject({ reason: 'too-far', longestMinutes: 480 });
    expect(plan.leftOut[0]!.aloneMinutes).toBeGreaterThan(480);
  });

  it('takes speeds per road kind from sites.yaml: the part of a leg beyond 15 km on faster roads', () => {
    const model = travelModelOf({ speedKmh: 40, fastSpeedKmh: 80 });
    expect(model).toEqual({ roadFactor: 1.3, speedKmh: 40, fast: { speedKmh: 80, beyondKm: 15 } });
    const far = { lon: 116.0, lat: 44.0 + 93 / 111 };
    const km = 93 * 1.3; // about
    expect(travelMinutes(seat, far, model)).toBeLessThan(travelMinutes(seat, far, travelModelOf(undefined)));
    expect(Math.abs(travelMinutes(seat, far, model) - (15 / 40 + (km - 15) / 80) * 60)).toBeLessThan(3);
    // with them the 93 km site fits a half-day
    const plan = planRoutes(seat, [site('W', 116.0, 44.0 - 93 / 111, 20)], new Set([1]), { days: 1, travel: travelModelOf({ speedKmh: 60, fastSpeedKmh: 100 }) });
    expect(plan.leftOut).toEqual([]);
    // and the handbook, the site list and the command say so in one wording
    expect(travelBasis(model)).toBe('车程按两点间直线距离 × 道路系数 1.3 ÷ 平均车速 40 公里/小时估算，单程超过 15 公里的部分按国道、省道或高速 80 公里/小时');
    expect(travelText(model)).toBe(`${travelBasis(model)}。`);
  });
});
