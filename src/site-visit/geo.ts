/**
 * Distances and travel times between sites, offline: no road network, no map service.
 *
 * Travel time = great-circle (haversine) distance × ROAD_FACTOR ÷ SPEED_KMH, rounded up to whole minutes.
 * The road factor 1.3 is the usual ratio of road to straight-line distance in a plain with a dense road grid
 * (studies of Chinese and European counties give 1.2–1.4); 35 km/h is a minibus's average over county and
 * town roads, crossings and villages included. Both are stated here and printed in the handbook, and a district
 * that knows better passes its own (TravelModel).
 */
export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

export interface TravelModel {
  /** road distance ÷ straight-line distance */
  readonly roadFactor: number;
  /** average speed on the road, km/h */
  readonly speedKmh: number;
  /** a second road kind: beyond `beyondKm` road km a leg runs on faster roads (国道、省道、高速) at `speedKmh` */
  readonly fast?: { readonly speedKmh: number; readonly beyondKm: number };
}

/** County and town roads before a long leg reaches the faster roads, road km (when sites.yaml gives a fast speed only). */
export const FAST_BEYOND_KM = 15;

export const ROAD_FACTOR = 1.3;
export const SPEED_KMH = 35;
export const DEFAULT_TRAVEL: TravelModel = { roadFactor: ROAD_FACTOR, speedKmh: SPEED_KMH };

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two WGS-84 points. */
export function haversineKm(a: LonLat, b: LonLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Estimated road distance in km. */
export function roadKm(a: LonLat, b: LonLat, model: TravelModel = DEFAULT_TRAVEL): number {
  return haversineKm(a, b) * model.roadFactor;
}

/** Estimated driving time in whole minutes (rounded up, so that a schedule in minutes adds up exactly). */
export function travelMinutes(a: LonLat, b: LonLat, model: TravelModel = DEFAULT_TRAVEL): number {
  const km = roadKm(a, b, model);
  const slow = model.fast ? Math.min(km, model.fast.beyondKm) : km;
  const hours = slow / model.speedKmh + (model.fast ? (km - slow) / model.fast.speedKmh : 0);
  return Math.ceil(hours * 60 - 1e-9);
}

/** The travel model of sites.yaml's `travel` settings, the defaults where it says nothing. */
export function travelModelOf(settings: { speedKmh?: number; roadFactor?: number; fastSpeedKmh?: number; fastBeyondKm?: number } | undefined): TravelModel {
  const base = { roadFactor: settings?.roadFactor ?? ROAD_FACTOR, speedKmh: settings?.speedKmh ?? SPEED_KMH };
  return settings?.fastSpeedKmh ? { ...base, fast: { speedKmh: settings.fastSpeedKmh, beyondKm: settings.fastBeyondKm ?? FAST_BEYOND_KM } } : base;
}

/**
 * How the times were estimated, as a clause without its full stop: the one wording of the command, the
 * handbook and the site list, with the faster roads' speed where sites.yaml gives one.
 */
export function travelBasis(model: TravelModel): string {
  const fast = model.fast ? `，单程超过 ${model.fast.beyondKm} 公里的部分按国道、省道或高速 ${model.fast.speedKmh} 公里/小时` : '';
  return `车程按两点间直线距离 × 道路系数 ${model.roadFactor} ÷ 平均车速 ${model.speedKmh} 公里/小时估算${fast}`;
}

/** How the times were estimated, in a sentence (printed by the command). */
export function travelText(model: TravelModel): string {
  return `${travelBasis(model)}。`;
}

/** 510 → 08:30 */
export function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** 08:30 → 510; undefined for anything else */
export function parseClock(text: string): number | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}
