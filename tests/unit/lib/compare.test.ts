import { describe, expect, it } from 'vitest';
import { centreContrast, compareMaps, minMaxScale, pearson, shiftMaps } from '../../../src/lib/compare.ts';
import { expectClose } from './close.ts';

describe('comparing maps', () => {
  it('min-max scales, and a flat map becomes zeros', () => {
    expectClose(minMaxScale([-2, 0, 2, 6]), [0, 0.25, 0.5, 1]);
    expectClose(minMaxScale([3, 3, 3]), [0, 0, 0]);
  });
  it('correlates by hand-computed values', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
    // a = (1,2,3,4), b = (1,3,2,4): cov sum = 4, var sums 5 and 5 -> 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 10);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
  it('measures centre against surroundings', () => {
    // hot cells 1 and 0.5 (mean 0.75), the rest 0.25 and 0.25: contrast 0.5
    expect(centreContrast([1, 0.5, 0.25, 0.25])).toEqual({ centre: 0.75, surround: 0.25, contrast: 0.5 });
  });
  it('shows what a ReLU does: the negative surroundings fall to the floor and the contrast grows', () => {
    const M = [-4, 0, 0, 12, 0, 0, -4, 0, 0]; // a peak, a flat background and two negative cells
    const relu = M.map((v) => Math.max(0, v));
    const cmp = compareMaps(M, relu);
    // without the ReLU the background sits at 4/16 = 0.25; with it, at 0
    expectClose(cmp.a, [0, 0.25, 0.25, 1, 0.25, 0.25, 0, 0.25, 0.25]);
    expectClose(cmp.b, [0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(cmp.contrastB.contrast).toBeGreaterThan(cmp.contrastA.contrast);
    expectClose([cmp.contrastA.contrast, cmp.contrastB.contrast], [1 - 1.5 / 8, 1]);
    expectClose(cmp.diff, Array.from(cmp.b, (v, i) => v - cmp.a[i]));
  });
  it('shifts maps with wrap-around', () => {
    expect(shiftMaps([[[1, 2, 3], [4, 5, 6]]], 0, 1)).toEqual([[[3, 1, 2], [6, 4, 5]]]);
    expect(shiftMaps([[[1, 2], [3, 4]]], 1, 0)).toEqual([[[3, 4], [1, 2]]]);
  });
});
