import { describe, expect, it } from 'vitest';
import { applyMatrix, compose, fitInto, normalizeRotation, pageToVisual, visualSize } from '../../../src/documents/pdf/matrix.ts';

const box = { x: 10, y: 20, width: 600, height: 800 };
const corners = (m: ReturnType<typeof pageToVisual>) => ({
  bottomLeft: applyMatrix(m, 10, 20),
  topLeft: applyMatrix(m, 10, 820),
});

describe('page geometry', () => {
  it('normalises /Rotate values', () => {
    expect([0, 90, 180, 270, 360, -90, 450, -270].map(normalizeRotation)).toEqual([0, 90, 180, 270, 0, 270, 90, 90]);
  });

  it('maps user space to what a reader shows for every quarter turn', () => {
    expect(corners(pageToVisual(box, 0))).toEqual({ bottomLeft: { x: 0, y: 0 }, topLeft: { x: 0, y: 800 } });
    // /Rotate 90 turns the page clockwise: the left edge becomes the top
    expect(corners(pageToVisual(box, 90))).toEqual({ bottomLeft: { x: 0, y: 600 }, topLeft: { x: 800, y: 600 } });
    expect(corners(pageToVisual(box, 180))).toEqual({ bottomLeft: { x: 600, y: 800 }, topLeft: { x: 600, y: 0 } });
    expect(corners(pageToVisual(box, 270))).toEqual({ bottomLeft: { x: 800, y: 0 }, topLeft: { x: 0, y: 0 } });
    expect(visualSize(box, 90)).toEqual({ width: 800, height: 600 });
  });

  it('fits content centred and never enlarges past the limit', () => {
    const m = fitInto(100, 50, { x: 0, y: 0, width: 200, height: 200 }, 1);
    expect(m).toEqual([1, 0, 0, 1, 50, 75]);
    const shrink = compose(pageToVisual(box, 0), fitInto(600, 800, { x: 14, y: 30, width: 572, height: 740 }));
    const top = applyMatrix(shrink, 10, 820);
    expect(top.y).toBeCloseTo(770);
  });
});
