import { expect } from 'vitest';

/** Element-wise closeness of two number lists, with a readable failure. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length, 'length').toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  }
}

export { seededRandom } from '../../../src/lib/random.ts';

export function randomMaps(rand: () => number, K: number, H: number, W: number, scale = 10): number[][][] {
  return Array.from({ length: K }, () => Array.from({ length: H }, () => Array.from({ length: W }, () => (rand() - 0.3) * scale)));
}
