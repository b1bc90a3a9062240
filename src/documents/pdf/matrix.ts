/**
 * Affine transformation matrices as PDF writes them: [a b c d e f] maps (x, y) to
 * (a·x + c·y + e, b·x + d·y + f).
 */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `first`, then `then` (PDF's row-vector order: first × then). */
export function compose(first: Matrix, then: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = first;
  const [a2, b2, c2, d2, e2, f2] = then;
  return [a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2, e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2];
}

export function translation(x: number, y: number): Matrix {
  return [1, 0, 0, 1, x, y];
}

export function scaling(sx: number, sy = sx): Matrix {
  return [sx, 0, 0, sy, 0, 0];
}

export function applyMatrix(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The axis-aligned box covering `box` after `m` (exact for rotations by multiples of 90°). */
export function transformBox(m: Matrix, box: Box): Box {
  const corners = [
    applyMatrix(m, box.x, box.y),
    applyMatrix(m, box.x + box.width, box.y),
    applyMatrix(m, box.x, box.y + box.height),
    applyMatrix(m, box.x + box.width, box.y + box.height),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export type QuarterTurn = 0 | 90 | 180 | 270;

/** A page /Rotate value (any multiple of 90, negative too) as 0, 90, 180 or 270. */
export function normalizeRotation(angle: number): QuarterTurn {
  const r = (((Math.round(angle / 90) * 90) % 360) + 360) % 360;
  return r as QuarterTurn;
}

/**
 * Maps a page's user space (its visible box `box`, shown turned clockwise by `rotation` as /Rotate does) to
 * what a reader shows: origin at the visual bottom-left, size `visualSize(box, rotation)`.
 */
export function pageToVisual(box: Box, rotation: QuarterTurn): Matrix {
  const origin = translation(-box.x, -box.y);
  const { width: w, height: h } = box;
  const turn: Record<QuarterTurn, Matrix> = {
    0: IDENTITY,
    90: [0, -1, 1, 0, 0, w],
    180: [-1, 0, 0, -1, w, h],
    270: [0, 1, -1, 0, h, 0],
  };
  return compose(origin, turn[rotation]);
}

export function visualSize(box: Box, rotation: QuarterTurn): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: box.height, height: box.width } : { width: box.width, height: box.height };
}

/** Uniform scale (never above `maxScale`) and offset that fit a `width`×`height` thing centred in `area`. */
export function fitInto(width: number, height: number, area: Box, maxScale = Infinity): Matrix {
  const s = Math.min(area.width / width, area.height / height, maxScale);
  return [s, 0, 0, s, area.x + (area.width - width * s) / 2, area.y + (area.height - height * s) / 2];
}
