import type { GeoPoint, Site } from './shared.ts';
import { clock, DEFAULT_TRAVEL, roadKm, travelMinutes, type TravelModel } from './geo.ts';
import { shortTour, tourLength, type Matrix } from './tour.ts';

/**
 * Half-day routes for the 现场组: which sites in which half-day, in which order, arriving when. Pure.
 *
 * 1. One short closed tour through every site from the start point (tour.ts).
 * 2. That tour is cut into consecutive stretches, one per half-day, by dynamic programming over every
 *    rotation and both directions of the tour: each stretch, driven from the start point and back, must fit its
 *    half-day's time budget (driving + minutes on site), and the total time is the least possible.
 * 3. Each stretch is reordered on its own (tour.ts) if that is shorter.
 * 4. If no cut fits, sites are left out one at a time until one does: first a site that shows no 约束性
 *    indicator of the physical list that no other remaining site shows, the one costing the most time
 *    (its minutes plus the detour it causes); only then others. Left-out sites are reported as not fitting.
 */
export interface HalfDay {
  /** 1-based day of the field visit */
  readonly day: number;
  readonly half: '上午' | '下午';
  /** minutes since midnight */
  readonly start: number;
  readonly end: number;
}

export interface RouteOptions {
  readonly days: number;
  /** the number of the first field day (default 1; the visit plan starts at 2: day 1 is the 座谈会) */
  readonly firstDay?: number;
  /** morning departure, minutes since midnight (default 08:30) */
  readonly morningStart?: number;
  readonly morningEnd?: number;
  readonly afternoonStart?: number;
  readonly afternoonEnd?: number;
  readonly travel?: TravelModel;
}

export const DEFAULT_TIMES = { morningStart: 8 * 60 + 30, morningEnd: 12 * 60, afternoonStart: 14 * 60, afternoonEnd: 17 * 60 + 30 } as const;

export interface PlannedStop {
  readonly site: Site;
  /** 1-based within the route */
  readonly order: number;
  /** driving from the previous stop (or the start point) */
  readonly travelMinutes: number;
  readonly distanceKm: number;
  /** minutes since midnight */
  readonly arrive: number;
  readonly leave: number;
}

export interface PlannedRoute {
  readonly slot: HalfDay;
  readonly stops: readonly PlannedStop[];
  readonly returnMinutes: number;
  readonly returnKm: number;
  /** back at the start point */
  readonly back: number;
  readonly drivingMinutes: number;
  readonly siteMinutes: number;
  readonly distanceKm: number;
}

export interface LeftOut {
  readonly site: Site;
  /** 'too-far': even alone it does not fit any half-day; 'no-room': the half-days are full */
  readonly reason: 'too-far' | 'no-room';
}

export interface RoutePlan {
  readonly start: GeoPoint;
  readonly travel: TravelModel;
  readonly slots: readonly HalfDay[];
  /** one per half-day, in time order (a half-day with no stops has an empty route) */
  readonly routes: readonly PlannedRoute[];
  readonly leftOut: readonly LeftOut[];
}

export function halfDays(options: RouteOptions): HalfDay[] {
  const t = { ...DEFAULT_TIMES, ...definedOnly(options) };
  const slots: HalfDay[] = [];
  const first = options.firstDay ?? 1;
  for (let day = first; day < first + options.days; day++) {
    slots.push({ day, half: '上午', start: t.morningStart, end: t.morningEnd });
    slots.push({ day, half: '下午', start: t.afternoonStart, end: t.afternoonEnd });
  }
  return slots;
}

function definedOnly(o: RouteOptions) {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'days' && k !== 'travel' && k !== 'firstDay')) as Partial<typeof DEFAULT_TIMES>;
}

/** Travel-minute matrix: index 0 the start point, 1…n the sites. */
export function travelMatrix(start: GeoPoint, sites: readonly Site[], travel: TravelModel = DEFAULT_TRAVEL): number[][] {
  const points = [start, ...sites];
  return points.map((a) => points.map((b) => (a === b ? 0 : travelMinutes(a, b, travel))));
}

/** Driving + site minutes of the closed route 0 → order → 0. */
function routeTime(order: readonly number[], m: Matrix, minutes: readonly number[]): number {
  return tourLength(order, m) + order.reduce((s, n) => s + minutes[n]!, 0);
}

/** Cuts `tour` into consecutive stretches, one per slot, each fitting its budget, least total time; undefined if impossible. */
function cutTour(tour: readonly number[], m: Matrix, minutes: readonly number[], budgets: readonly number[]): number[][] | undefined {
  const n = tour.length;
  const K = budgets.length;
  // cost[i][j]: the stretch tour[i..j-1] as one route
  const cost = (i: number, j: number) => (i === j ? 0 : routeTime(tour.slice(i, j), m, minutes));
  const best: number[][] = Array.from({ length: K + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: K + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= K; k++) {
    for (let j = 0; j <= n; j++) {
      for (let i = 0; i <= j; i++) {
        if (best[k - 1]![i] === Infinity) continue;
        const c = cost(i, j);
        if (c > budgets[k - 1]!) continue;
        const total = best[k - 1]![i]! + c;
        if (total < best[k]![j]! - 1e-9) {
          best[k]![j] = total;
          from[k]![j] = i;
        }
      }
    }
  }
  if (best[K]![n] === Infinity) return undefined;
  const parts: number[][] = [];
  let j = n;
  for (let k = K; k >= 1; k--) {
    const i = from[k]![j]!;
    parts.unshift(tour.slice(i, j));
    j = i;
  }
  return parts;
}

/** The best cut over every rotation and both directions of the tour. */
function bestCut(tour: readonly number[], m: Matrix, minutes: readonly number[], budgets: readonly number[]) {
  let best: { parts: number[][]; total: number } | undefined;
  const variants = [tour, [...tour].reverse()];
  for (const v of variants) {
    for (let r = 0; r < Math.max(1, v.length); r++) {
      const rotated = [...v.slice(r), ...v.slice(0, r)];
      const parts = cutTour(rotated, m, minutes, budgets);
      if (!parts) continue;
      const improved = parts.map((p) => {
        const again = shortTour(p, m);
        return routeTime(again, m, minutes) < routeTime(p, m, minutes) ? again : p;
      });
      const total = improved.reduce((s, p) => s + routeTime(p, m, minutes), 0);
      if (!best || total < best.total - 1e-9) best = { parts: improved, total };
    }
  }
  return best?.parts;
}

/**
 * Plans the routes. `binding` is the set of 约束性 indicators that must be seen on site (the physical list):
 * used only to decide which sites to leave out first when not everything fits.
 */
export function planRoutes(start: GeoPoint, sites: readonly Site[], binding: ReadonlySet<number>, options: RouteOptions): RoutePlan {
  const travel = options.travel ?? DEFAULT_TRAVEL;
  const slots = halfDays(options);
  const budgets = slots.map((s) => s.end - s.start);
  const m = travelMatrix(start, sites, travel);
  const minutes = [0, ...sites.map((s) => s.minutes ?? 0)];
  const leftOut: LeftOut[] = [];
  let active = sites.map((_, i) => i + 1);
  // a site that does not fit even alone in the longest half-day
  const longest = Math.max(0, ...budgets);
  for (const n of [...active]) {
    if (m[0]![n]! + minutes[n]! + m[n]![0]! > longest) {
      leftOut.push({ site: sites[n - 1]!, reason: 'too-far' });
      active = active.filter((a) => a !== n);
    }
  }
  let parts: number[][] | undefined;
  for (;;) {
    parts = active.length === 0 ? budgets.map(() => []) : bestCut(shortTour(active, m), m, minutes, budgets);
    if (parts) break;
    const drop = chooseToLeaveOut(active, sites, binding, m, minutes);
    leftOut.push({ site: sites[drop - 1]!, reason: 'no-room' });
    active = active.filter((a) => a !== drop);
  }
  const routes = parts.map((order, k) => schedule(slots[k]!, order, sites, start, m, minutes, travel));
  return { start, travel, slots, routes, leftOut };
}

function chooseToLeaveOut(active: readonly number[], sites: readonly Site[], binding: ReadonlySet<number>, m: Matrix, minutes: readonly number[]): number {
  const tour = shortTour(active, m);
  const full = tourLength(tour, m);
  const cost = (n: number) => minutes[n]! + full - tourLength(tour.filter((x) => x !== n), m);
  const essential = (n: number) =>
    sites[n - 1]!.indicators.some((ind) => binding.has(ind) && !active.some((o) => o !== n && sites[o - 1]!.indicators.includes(ind)));
  const ranked = [...active].sort((a, b) => Number(essential(a)) - Number(essential(b)) || cost(b) - cost(a) || b - a);
  return ranked[0]!;
}

function schedule(slot: HalfDay, order: readonly number[], sites: readonly Site[], start: GeoPoint, m: Matrix, minutes: readonly number[], travel: TravelModel): PlannedRoute {
  let time = slot.start;
  let prev = 0;
  let driving = 0;
  let km = 0;
  const point = (n: number) => (n === 0 ? start : sites[n - 1]!);
  const stops = order.map((n, i): PlannedStop => {
    const t = m[prev]![n]!;
    const d = roadKm(point(prev), point(n), travel);
    const arrive = time + t;
    const leave = arrive + minutes[n]!;
    driving += t;
    km += d;
    time = leave;
    prev = n;
    return { site: sites[n - 1]!, order: i + 1, travelMinutes: t, distanceKm: d, arrive, leave };
  });
  const returnMinutes = order.length ? m[prev]![0]! : 0;
  const returnKm = order.length ? roadKm(point(prev), start, travel) : 0;
  return {
    slot, stops, returnMinutes, returnKm, back: order.length ? time + returnMinutes : slot.start,
    drivingMinutes: driving + returnMinutes, siteMinutes: order.reduce((s, n) => s + minutes[n]!, 0), distanceKm: km + returnKm,
  };
}

/** 第1天上午 */
export function slotLabel(slot: HalfDay): string {
  return `第${slot.day}天${slot.half}`;
}

export function routeSummary(route: PlannedRoute): string {
  return `${slotLabel(route.slot)} ${clock(route.slot.start)}—${clock(route.back)}：${route.stops.map((s) => s.site.name).join(' → ') || '（无点位）'}`;
}

