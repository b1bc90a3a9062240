import type { GeoPoint, Site } from './shared.ts';
import { clock, DEFAULT_TRAVEL, roadKm, travelMinutes, type TravelModel } from './geo.ts';
import { isSymmetric, shortTour, tourLength, type Matrix } from './tour.ts';

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
  /** 全天: a whole-day route with lunch on the way (districts where sites lie too far for half a day) */
  readonly half: '上午' | '下午' | '全天';
  /** minutes since midnight */
  readonly start: number;
  readonly end: number;
  /** minutes kept for lunch inside a 全天 slot */
  readonly lunch?: number;
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
  /** told what the planner is doing, for a large list (progress on standard error) */
  readonly onProgress?: (message: string) => void;
}

/** Minutes kept for lunch on a whole-day route. */
export const LUNCH_MINUTES = 60;

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
  /** lunch on a whole-day route, after the stop where the morning ends (minutes since midnight) */
  readonly lunch?: { readonly after: number; readonly start: number; readonly end: number };
  readonly drivingMinutes: number;
  readonly siteMinutes: number;
  readonly distanceKm: number;
}

export interface LeftOut {
  readonly site: Site;
  /** 'too-far': even alone it does not fit any half-day (nor a whole day); 'no-room': the days are full */
  readonly reason: 'too-far' | 'no-room';
  /** driving there and back plus the minutes on site, alone from the start point */
  readonly aloneMinutes: number;
  /** the longest time a route could have (a half-day, or a whole day less lunch) */
  readonly longestMinutes: number;
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

/** The slots with the first `fullDays` field days as whole-day routes (lunch on the way). */
export function slotsWithFullDays(options: RouteOptions, fullDays: number): HalfDay[] {
  const t = { ...DEFAULT_TIMES, ...definedOnly(options) };
  return halfDays(options).flatMap((slot): HalfDay[] => {
    if (slot.day >= (options.firstDay ?? 1) + fullDays) return [slot];
    return slot.half === '上午' ? [{ day: slot.day, half: '全天', start: t.morningStart, end: t.afternoonEnd, lunch: LUNCH_MINUTES }] : [];
  });
}

const budgetOf = (slot: HalfDay) => slot.end - slot.start - (slot.lunch ?? 0);

function definedOnly(o: RouteOptions) {
  const keys = new Set(['morningStart', 'morningEnd', 'afternoonStart', 'afternoonEnd']);
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && keys.has(k))) as Partial<typeof DEFAULT_TIMES>;
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
  // driving along the tour and minutes on site, summed from its start: a stretch's time in constant time
  const along = new Float64Array(Math.max(1, n));
  const onSite = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) along[i] = along[i - 1]! + m[tour[i - 1]!]![tour[i]!]!;
  for (let i = 0; i < n; i++) onSite[i + 1] = onSite[i]! + minutes[tour[i]!]!;
  // the stretch tour[i..j-1] as one route, and the part of it that only grows with j (a lower bound)
  const inner = (i: number, j: number) => along[j - 1]! - along[i]! + onSite[j]! - onSite[i]!;
  const cost = (i: number, j: number) => (i === j ? 0 : m[0]![tour[i]!]! + inner(i, j) + m[tour[j - 1]!]![0]!);
  const best: number[][] = Array.from({ length: K + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: K + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= K; k++) {
    for (let i = 0; i <= n; i++) {
      if (best[k - 1]![i] === Infinity) continue;
      for (let j = i; j <= n; j++) {
        if (j > i && inner(i, j) > budgets[k - 1]!) break;
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
 * used only to decide which sites to leave out first when not everything fits. When some site is too far
 * for half a day but not for a whole one, plans with the first 1, 2 … field days as whole days are made
 * too, and the one leaving out the fewest sites (those showing a binding indicator first) is taken.
 */
export function planRoutes(start: GeoPoint, sites: readonly Site[], binding: ReadonlySet<number>, options: RouteOptions): RoutePlan {
  const travel = options.travel ?? DEFAULT_TRAVEL;
  const say = options.onProgress ?? (() => {});
  const m = travelMatrix(start, sites, travel);
  const minutes = [0, ...sites.map((s) => s.minutes ?? 0)];
  const alone = (n: number) => m[0]![n]! + minutes[n]! + m[n]![0]!;
  const halves = halfDays(options);
  const halfLongest = Math.max(0, ...halves.map(budgetOf));
  const dayLongest = Math.max(0, ...slotsWithFullDays(options, 1).map(budgetOf));
  const variants = [halves];
  if (sites.some((_, k) => alone(k + 1) > halfLongest && alone(k + 1) <= dayLongest)) {
    for (let f = 1; f <= options.days; f++) variants.push(slotsWithFullDays(options, f));
  }
  const essentialLeft = (p: { leftOut: readonly LeftOut[] }) => p.leftOut.filter((l) => l.site.indicators.some((i) => binding.has(i))).length;
  let chosen: ReturnType<typeof planWith> | undefined;
  for (const [k, slots] of variants.entries()) {
    if (variants.length > 1) say(`试排方案 ${k + 1}/${variants.length}（${k === 0 ? '每天分上午、下午' : `前 ${k} 天为全天路线`}）`);
    const plan = planWith(slots, sites, binding, m, minutes, say);
    const better = !chosen || essentialLeft(plan) < essentialLeft(chosen) || (essentialLeft(plan) === essentialLeft(chosen) && plan.leftOut.length < chosen.leftOut.length);
    if (better) chosen = plan;
  }
  const { slots, parts } = chosen!;
  // a site too far is too far for a whole day as well (else a whole-day plan was tried): say so
  const leftOut = chosen!.leftOut.map((l) => (l.reason === 'too-far' ? { ...l, longestMinutes: Math.max(l.longestMinutes, dayLongest) } : l));
  const routes = parts.map((order, k) => schedule(slots[k]!, order, sites, start, m, minutes, travel));
  return { start, travel, slots, routes, leftOut };
}

/** Above this many sites the list is first thinned by fast estimates before the exact search. */
const THIN_ABOVE = 30;

function planWith(slots: readonly HalfDay[], sites: readonly Site[], binding: ReadonlySet<number>, m: Matrix, minutes: readonly number[], say: (message: string) => void) {
  const budgets = slots.map(budgetOf);
  const longest = Math.max(0, ...budgets);
  const leftOut: LeftOut[] = [];
  const alone = (n: number) => m[0]![n]! + minutes[n]! + m[n]![0]!;
  const leave = (n: number, reason: LeftOut['reason']) => leftOut.push({ site: sites[n - 1]!, reason, aloneMinutes: alone(n), longestMinutes: longest });
  let active = sites.map((_, i) => i + 1);
  // a site that does not fit even alone in the longest slot
  for (const n of [...active]) {
    if (alone(n) > longest) {
      leave(n, 'too-far');
      active = active.filter((a) => a !== n);
    }
  }
  const symmetric = isSymmetric(m);
  active = thin(active, sites, binding, m, minutes, budgets, symmetric, (n) => leave(n, 'no-room'), say);
  let parts: number[][] | undefined;
  for (;;) {
    parts = active.length === 0 ? budgets.map(() => []) : bestCut(shortTour(active, m, symmetric), m, minutes, budgets);
    if (parts) break;
    const drop = chooseToLeaveOut(active, sites, binding, m, minutes, symmetric);
    leave(drop, 'no-room');
    active = active.filter((a) => a !== drop);
  }
  return { slots, parts, leftOut };
}

/**
 * A long list thinned to about what the slots can hold, many sites at a time, before sites are left out
 * one by one: (1) while even the least time the sites need (each its minutes and its shortest way on)
 * exceeds all the slots' time together; (2) while the tour cut greedily into the slots (from its best rotation) leaves sites over,
 * a quarter of those over at a time. The order of leaving out is chooseToLeaveOut's.
 */
function thin(
  active: number[], sites: readonly Site[], binding: ReadonlySet<number>, m: Matrix, minutes: readonly number[], budgets: readonly number[],
  symmetric: boolean, leave: (n: number) => void, say: (message: string) => void,
): number[] {
  if (active.length <= THIN_ABOVE) return active;
  const total = sites.length;
  const capacity = budgets.reduce((a, b) => a + b, 0);
  const nearest = (n: number, among: readonly number[]) => Math.min(m[n]![0]!, ...among.filter((o) => o !== n).map((o) => m[n]![o]!));
  for (;;) {
    const need = active.reduce((s, n) => s + minutes[n]! + nearest(n, active), 0);
    if (need <= capacity) break;
    // the cheapest estimate of what a site costs: its minutes and twice its way to the nearest other
    const cost = (n: number) => minutes[n]! + 2 * nearest(n, active);
    const ranked = rankToLeaveOut(active, sites, binding, cost);
    let over = need - capacity;
    const dropped = new Set<number>();
    for (const n of ranked) {
      if (over <= 0 || dropped.size >= Math.max(1, Math.ceil(active.length / 4))) break;
      dropped.add(n);
      over -= minutes[n]! + nearest(n, active);
    }
    for (const n of ranked.filter((x) => dropped.has(x))) leave(n);
    active = active.filter((a) => !dropped.has(a));
    say(`排定路线：${total} 个点位中 ${total - active.length} 个在核查时间内排不下，余 ${active.length} 个`);
  }
  while (active.length > THIN_ABOVE) {
    const tour = shortTour(active, m, symmetric);
    let fits = 0;
    for (const v of [tour, [...tour].reverse()]) for (let r = 0; r < v.length; r++) fits = Math.max(fits, greedyFit([...v.slice(r), ...v.slice(0, r)], m, minutes, budgets));
    const over = active.length - fits;
    if (over <= 0) break;
    const ranked = chooseOrder(active, sites, binding, m, minutes, tour);
    const dropped = new Set(ranked.slice(0, Math.max(1, Math.floor(over / 4))));
    for (const n of ranked.filter((x) => dropped.has(x))) leave(n);
    active = active.filter((a) => !dropped.has(a));
    say(`排定路线：${total} 个点位中 ${total - active.length} 个在核查时间内排不下，余 ${active.length} 个`);
  }
  return active;
}

/** How many stops of `tour` fit when it is cut greedily, in order, into the slots (a quick lower bound of what fits). */
function greedyFit(tour: readonly number[], m: Matrix, minutes: readonly number[], budgets: readonly number[]): number {
  let at = 0;
  for (const budget of budgets) {
    let used = 0;
    let prev = 0;
    while (at < tour.length) {
      const n = tour[at]!;
      const next = used + m[prev]![n]! + minutes[n]!;
      if (next + m[n]![0]! > budget) break;
      used = next;
      prev = n;
      at++;
    }
  }
  return at;
}

/**
 * The order of leaving out: first the sites costing the most time; last those that keep a binding indicator
 * on the routes (for each binding indicator, its least costly site among `active`: the only one, if alone).
 */
function rankToLeaveOut(active: readonly number[], sites: readonly Site[], binding: ReadonlySet<number>, cost: (n: number) => number): number[] {
  const costs = new Map(active.map((n) => [n, cost(n)]));
  const keeper = new Map<number, number>();
  for (const n of active) {
    for (const ind of sites[n - 1]!.indicators) {
      if (!binding.has(ind)) continue;
      const k = keeper.get(ind);
      if (k === undefined || costs.get(n)! < costs.get(k)! || (costs.get(n) === costs.get(k) && n < k)) keeper.set(ind, n);
    }
  }
  const kept = new Set(keeper.values());
  return [...active].sort((a, b) => Number(kept.has(a)) - Number(kept.has(b)) || costs.get(b)! - costs.get(a)! || b - a);
}

/** Sites in the order they are left out: costing the most time (minutes plus the detour in `tour`) first. */
function chooseOrder(active: readonly number[], sites: readonly Site[], binding: ReadonlySet<number>, m: Matrix, minutes: readonly number[], tour: readonly number[]): number[] {
  const t = [0, ...tour, 0];
  const detour = new Map<number, number>();
  for (let k = 1; k < t.length - 1; k++) detour.set(t[k]!, m[t[k - 1]!]![t[k]!]! + m[t[k]!]![t[k + 1]!]! - m[t[k - 1]!]![t[k + 1]!]!);
  return rankToLeaveOut(active, sites, binding, (n) => minutes[n]! + detour.get(n)!);
}

function chooseToLeaveOut(active: readonly number[], sites: readonly Site[], binding: ReadonlySet<number>, m: Matrix, minutes: readonly number[], symmetric: boolean): number {
  return chooseOrder(active, sites, binding, m, minutes, shortTour(active, m, symmetric))[0]!;
}

/** On a whole-day route, lunch is taken after the first stop left at or after this time (else before driving back). */
const LUNCH_FROM = 11 * 60 + 30;

function schedule(slot: HalfDay, order: readonly number[], sites: readonly Site[], start: GeoPoint, m: Matrix, minutes: readonly number[], travel: TravelModel): PlannedRoute {
  let time = slot.start;
  let prev = 0;
  let driving = 0;
  let km = 0;
  let lunch: PlannedRoute['lunch'];
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
    if (slot.lunch && !lunch && (leave >= LUNCH_FROM || i === order.length - 1)) {
      lunch = { after: i + 1, start: leave, end: leave + slot.lunch };
      time = lunch.end;
    }
    return { site: sites[n - 1]!, order: i + 1, travelMinutes: t, distanceKm: d, arrive, leave };
  });
  const returnMinutes = order.length ? m[prev]![0]! : 0;
  const returnKm = order.length ? roadKm(point(prev), start, travel) : 0;
  return {
    slot, stops, returnMinutes, returnKm, back: order.length ? time + returnMinutes : slot.start,
    drivingMinutes: driving + returnMinutes, siteMinutes: order.reduce((s, n) => s + minutes[n]!, 0), distanceKm: km + returnKm,
    ...(lunch ? { lunch } : {}),
  };
}

/** 第1天上午 */
export function slotLabel(slot: HalfDay): string {
  return `第${slot.day}天${slot.half}`;
}

export function routeSummary(route: PlannedRoute): string {
  return `${slotLabel(route.slot)} ${clock(route.slot.start)}—${clock(route.back)}：${route.stops.map((s) => s.site.name).join(' → ') || '（无点位）'}`;
}

