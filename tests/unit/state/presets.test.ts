import { describe, expect, it } from 'vitest';
import { clampSize, randomMaps, resizeMaps, resizeToy, rollMaps, shiftGrid } from '../../../src/state/presets.ts';
import { seedExample } from '../../../src/state/seed-example.ts';

const mean = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0) / m.flat().length;

describe('presets', () => {
  it('draws the same random maps from the same seed, and others from another', () => {
    const a = randomMaps(2, 3, 4, 7);
    expect(randomMaps(2, 3, 4, 7)).toEqual(a);
    expect(randomMaps(2, 3, 4, 8)).not.toEqual(a);
    expect(a.length).toBe(2);
    expect(a[0].length).toBe(3);
    expect(a[0][0].length).toBe(4);
    expect(a.flat(2).every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
  });
  it('moves the object by rolling: the values land where expected and every mean stays', () => {
    const A = [[[1, 2, 3], [4, 5, 6]]];
    expect(rollMaps(A, 1, 1)).toEqual([[[6, 4, 5], [3, 1, 2]]]);
    const seed = seedExample().A;
    const moved = rollMaps(seed, 2, 2);
    expect(moved[0][4][4]).toBe(130);
    expect(moved.map(mean)).toEqual([50, 0, 2]);
  });
  it('shifts an image, dropping what leaves and filling with zeros', () => {
    expect(shiftGrid([[1, 2], [3, 4]], 0, 1)).toEqual([[0, 1], [0, 3]]);
    expect(shiftGrid([[1, 2], [3, 4]], -1, 0)).toEqual([[3, 4], [0, 0]]);
  });
  it('resizes maps and weights, keeping what overlaps', () => {
    expect(resizeMaps([[[1, 2], [3, 4]]], 2, 1, 3)).toEqual([[[1, 2, 0]], [[0, 0, 0]]]);
    const r = resizeToy(seedExample(), 2, 5, 5);
    expect(r.w).toEqual([[1, 2], [0.5, 1], [-1, 0]]);
    expect(r.A.length).toBe(2);
    expect(clampSize(20, 16)).toBe(16);
    expect(clampSize(0, 16)).toBe(1);
    expect(clampSize(Number.NaN, 8)).toBe(1);
  });
});
