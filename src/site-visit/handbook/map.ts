import { rgb, type PDFPage } from 'pdf-lib';
import { drawLine, lineHeightOf, wrap, type GeoPoint, type Site } from '../shared.ts';
import type { PlannedRoute } from '../route.ts';
import { BLUE, GREY, INK, LIGHT, RED, type HandbookStyles } from './page.ts';

/**
 * A schematic route map drawn from the coordinates alone (no map tiles: it works offline): every site as a
 * grey dot, the half-day's stops numbered in visiting order and joined by straight legs with arrows, the start
 * point, a north arrow and a scale bar. Straight legs show the order, not the roads.
 *
 * Projection: equirectangular around the middle latitude (x ∝ Δlon·cos φ₀, y ∝ Δlat), which over a county
 * (~30 km) distorts distances by well under 1 %; every map of the handbook uses the same extent and scale,
 * so maps of different half-days can be laid side by side.
 */
export interface MapBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** km per degree of latitude (and of longitude at the equator) on the mean sphere */
const KM_PER_DEGREE = 111.195;

export interface Projection {
  point(p: { lon: number; lat: number }): { x: number; y: number };
  /** points per km */
  readonly scale: number;
}

export function projection(points: readonly { lon: number; lat: number }[], box: MapBox, padding = 0.1): Projection {
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // at least 2 km across, so one site alone still gets a sensible scale
  const minDeg = 2 / KM_PER_DEGREE;
  if (east - west < minDeg / k) [west, east] = [(west + east) / 2 - minDeg / k / 2, (west + east) / 2 + minDeg / k / 2];
  if (north - south < minDeg) [south, north] = [(south + north) / 2 - minDeg / 2, (south + north) / 2 + minDeg / 2];
  const spanX = (east - west) * k * (1 + 2 * padding);
  const spanY = (north - south) * (1 + 2 * padding);
  const s = Math.min(box.width / spanX, box.height / spanY);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const midLon = (west + east) / 2;
  const midLat = (south + north) / 2;
  return {
    point: (p) => ({ x: cx + (p.lon - midLon) * k * s, y: cy + (p.lat - midLat) * s }),
    scale: s / KM_PER_DEGREE,
  };
}

/** A length for the scale bar near a quarter of the map's width: 1, 2 or 5 × 10^k km. */
export function scaleBarKm(pointsPerKm: number, mapWidth: number): number {
  const target = mapWidth / 4 / pointsPerKm;
  const pow = 10 ** Math.floor(Math.log10(target));
  const choices = [1, 2, 5, 10].map((c) => c * pow);
  return choices.reduce((best, c) => (Math.abs(Math.log(c / target)) < Math.abs(Math.log(best / target)) ? c : best));
}

interface Rect { x: number; y: number; w: number; h: number }

/** Widest line of a stop's label, in points: a longer name goes on to the next line, whole. */
const LABEL_WIDTH = 96;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function drawRouteMap(page: PDFPage, box: MapBox, proj: Projection, start: GeoPoint, all: readonly Site[], route: PlannedRoute, s: HandbookStyles): void {
  page.drawRectangle({ x: box.x, y: box.y, width: box.width, height: box.height, borderColor: INK, borderWidth: 0.8, color: rgb(0.97, 0.98, 0.99) });
  const taken: Rect[] = [];
  // a label is its lines (a long site name wrapped, never cut), placed beside its point where it overlaps nothing drawn
  const label = (text: string, at: { x: number; y: number }, r: number, style: HandbookStyles['mapLabel'], color = INK) => {
    const lines = wrap(text, LABEL_WIDTH, style);
    const lh = lineHeightOf(style);
    const w = Math.max(...lines.map((l) => style.font.widthOfTextAtSize(l, style.size)));
    const h = style.size + (lines.length - 1) * lh;
    const options: Rect[] = [
      { x: at.x + r + 2, y: at.y - h / 2 + 1, w, h },
      { x: at.x - r - 2 - w, y: at.y - h / 2 + 1, w, h },
      { x: at.x - w / 2, y: at.y + r + 2, w, h },
      { x: at.x - w / 2, y: at.y - r - 2 - h, w, h },
      { x: at.x + r + 2, y: at.y + r, w, h },
      { x: at.x + r + 2, y: at.y - r - h, w, h },
      { x: at.x - r - 2 - w, y: at.y + r, w, h },
      { x: at.x - r - 2 - w, y: at.y - r - h, w, h },
    ];
    const inBox = (o: Rect) => o.x >= box.x + 2 && o.x + o.w <= box.x + box.width - 2 && o.y >= box.y + 2 && o.y + o.h <= box.y + box.height - 2;
    const spot = options.find((o) => inBox(o) && !taken.some((t) => overlaps(t, o))) ?? options.find(inBox) ?? options[0]!;
    taken.push(spot);
    lines.forEach((line, k) => drawLine(page, line, spot.x, spot.y + 1 + h - style.size - k * lh, w, { ...style, color }));
  };
  const visiting = new Set(route.stops.map((st) => st.site.id));
  // context: the other sites, grey
  for (const site of all) {
    if (visiting.has(site.id)) continue;
    const p = proj.point(site);
    page.drawCircle({ x: p.x, y: p.y, size: 2.5, color: LIGHT, borderColor: GREY, borderWidth: 0.5 });
  }
  // legs with arrows at their middle
  const chain = [start, ...route.stops.map((st) => st.site), ...(route.stops.length ? [start] : [])].map((p) => proj.point(p));
  for (let i = 0; i + 1 < chain.length; i++) {
    const a = chain[i]!;
    const b = chain[i + 1]!;
    page.drawLine({ start: a, end: b, thickness: 1.6, color: BLUE, opacity: 0.85 });
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len < 24) continue;
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    const mx = (a.x + b.x) / 2 + ux * 4;
    const my = (a.y + b.y) / 2 + uy * 4;
    const back = { x: mx - ux * 8, y: my - uy * 8 };
    page.drawSvgPath(`M ${mx} ${-my} L ${back.x - uy * 4} ${-(back.y + ux * 4)} L ${back.x + uy * 4} ${-(back.y - ux * 4)} Z`, { x: 0, y: 0, color: BLUE });
  }
  // start point: a red square
  const sp = proj.point(start);
  page.drawRectangle({ x: sp.x - 5, y: sp.y - 5, width: 10, height: 10, color: RED, borderColor: rgb(1, 1, 1), borderWidth: 1 });
  taken.push({ x: sp.x - 6, y: sp.y - 6, w: 12, h: 12 });
  // stops: numbered discs
  const points = route.stops.map((st) => proj.point(st.site));
  points.forEach((p) => taken.push({ x: p.x - 8, y: p.y - 8, w: 16, h: 16 }));
  route.stops.forEach((st, i) => {
    const p = points[i]!;
    page.drawCircle({ x: p.x, y: p.y, size: 7.5, color: BLUE, borderColor: rgb(1, 1, 1), borderWidth: 1 });
    const n = String(st.order);
    const w = s.label.font.widthOfTextAtSize(n, 8);
    drawLine(page, n, p.x - w / 2, p.y - 2.8, w, { ...s.label, size: 8, color: rgb(1, 1, 1) });
  });
  label('出发点', sp, 6, { ...s.mapLabel, size: 8 }, RED);
  route.stops.forEach((st, i) => label(`${st.site.id} ${st.site.name}`, points[i]!, 8, s.mapLabel));
  for (const site of all) if (!visiting.has(site.id)) label(site.id, proj.point(site), 3, { ...s.mapLabel, size: 6.5 }, GREY);
  drawNorthArrow(page, box.x + 24, box.y + box.height - 50, s);
  drawScaleBar(page, box, proj.scale, s);
}

function drawNorthArrow(page: PDFPage, x: number, y: number, s: HandbookStyles): void {
  // a split arrowhead pointing up (north), N and 北 above it
  page.drawSvgPath(`M ${x} ${-(y + 30)} L ${x - 8} ${-y} L ${x} ${-(y + 8)} Z`, { x: 0, y: 0, color: INK });
  page.drawSvgPath(`M ${x} ${-(y + 30)} L ${x + 8} ${-y} L ${x} ${-(y + 8)} Z`, { x: 0, y: 0, color: rgb(1, 1, 1), borderColor: INK, borderWidth: 0.8 });
  const text = '北 N';
  const w = s.label.font.widthOfTextAtSize(text, 8);
  drawLine(page, text, x - w / 2, y + 34, w, { ...s.label, size: 8 });
}

function drawScaleBar(page: PDFPage, box: MapBox, pointsPerKm: number, s: HandbookStyles): void {
  const km = scaleBarKm(pointsPerKm, box.width);
  const length = km * pointsPerKm;
  const x = box.x + 14;
  const y = box.y + 16;
  const segments = 4;
  for (let i = 0; i < segments; i++) {
    page.drawRectangle({ x: x + (i * length) / segments, y, width: length / segments, height: 4, color: i % 2 ? rgb(1, 1, 1) : INK, borderColor: INK, borderWidth: 0.6 });
  }
  const small = { ...s.mapLabel, size: 7 };
  drawLine(page, '0', x - 2, y + 7, 10, small);
  const text = `${km} 公里`;
  drawLine(page, text, x + length - 4, y + 7, 60, small);
  drawLine(page, '比例尺（直线距离）', x, y - 10, 120, small);
}
