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
}

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
  return Math.ceil((roadKm(a, b, model) / model.speedKmh) * 60 - 1e-9);
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
