import { describe, expect, it } from 'vitest';
import { camIdentity, countChanged } from '../../../src/lib/cam-identity.ts';
import { derive } from '../../../src/lib/derive.ts';
import { seedExample } from '../../../src/state/seed-example.ts';

describe('the identity between M_c and S_c', () => {
  it('by hand: M = [1, 2, 3, 6] sums to 12; the plain sum gives S = 12 + b, the mean 12 / 4 + b', () => {
    expect(camIdentity([1, 2, 3, 6], 'sum', 1, 13)).toEqual({ sumM: 12, predicted: 13, holds: true });
    expect(camIdentity([1, 2, 3, 6], 'mean', 1, 4)).toEqual({ sumM: 12, predicted: 4, holds: true });
    expect(camIdentity([1, 2, 3, 6], 'mean', 0, 4).holds).toBe(false);
  });
  it('holds for the talk’s example with both poolings: sum M_c = 56 x 25 = 1400', async () => {
    for (const pooling of ['mean', 'sum'] as const) {
      const d = await derive({ ...seedExample(), pooling, b: [2, 0, 0] });
      const id = camIdentity(d.M, pooling, 2, d.S[0]);
      expect(id.sumM).toBeCloseTo(1400, 3);
      expect(id.holds).toBe(true);
      expect(id.predicted).toBeCloseTo(pooling === 'mean' ? 58 : 1402, 3);
    }
  });
  it('counts changed entries', () => {
    expect(countChanged([1, 2, 3], [1, 0, 4])).toBe(2);
    expect(() => countChanged([1], [1, 2])).toThrow();
  });
});
