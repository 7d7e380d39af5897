/**
 * Ready-made feature maps for the editor, and the resizing that keeps a toy state consistent
 * when the learner changes K, H or W. Pure functions on plain arrays.
 */
import type { ToyInputs } from '../lib/derive.ts';
import { seededRandom } from '../lib/random.ts';

export const LIMITS = { K: 8, H: 16, W: 16, C: 8 } as const;

/** K maps of H x W whole numbers in 0..9, from a seed. */
export function randomMaps(K: number, H: number, W: number, seed: number): number[][][] {
  const rand = seededRandom(seed);
  return Array.from({ length: K }, () => Array.from({ length: H }, () => Array.from({ length: W }, () => Math.floor(rand() * 10))));
}

/**
 * The same maps with everything moved by (di, dj) cells, wrapping round the edges. No value is lost,
 * so every F^k is unchanged: the object moved, and GAP cannot tell.
 */
export function rollMaps(A: number[][][], di: number, dj: number): number[][][] {
  return A.map((map) => {
    const H = map.length;
    const W = map[0].length;
    return map.map((_, i) => map[0].map((__, j) => map[(((i - di) % H) + H) % H][(((j - dj) % W) + W) % W]));
  });
}

/** Moves an image by (di, dj) pixels, filling with zeros what comes in and dropping what goes out. */
export function shiftGrid(grid: number[][], di: number, dj: number): number[][] {
  const H = grid.length;
  const W = grid[0].length;
  return grid.map((row, i) => row.map((_, j) => {
    const si = i - di;
    const sj = j - dj;
    return si >= 0 && sj >= 0 && si < H && sj < W ? grid[si][sj] : 0;
  }));
}

/** Resizes maps to K x H x W, keeping the overlapping cells and filling new ones with 0. */
export function resizeMaps(A: number[][][], K: number, H: number, W: number): number[][][] {
  return Array.from({ length: K }, (_, k) => Array.from({ length: H }, (_, i) => Array.from({ length: W }, (_, j) => A[k]?.[i]?.[j] ?? 0)));
}

/** Resizes a whole toy state to K channels of H x W: weights of new channels start at 0. */
export function resizeToy<T extends Pick<ToyInputs, 'A' | 'w'>>(inputs: T, K: number, H: number, W: number): T {
  return {
    ...inputs,
    A: resizeMaps(inputs.A, K, H, W),
    w: inputs.w.map((row) => Array.from({ length: K }, (_, k) => row[k] ?? 0)),
  };
}

/** Clamps a requested size to the editor's bounds (at least 1). */
export function clampSize(value: number, max: number): number {
  return Math.min(max, Math.max(1, Math.round(Number.isFinite(value) ? value : 1)));
}
