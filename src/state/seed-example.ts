import type { ToyInputs } from '../lib/derive.ts';

/**
 * The talk's worked example: three 5x5 feature maps whose GAP values are 50, 0 and 2,
 * and class weights 1, 2, 3 for the first class, so S_c = 50*1 + 0*2 + 2*3 = 56.
 * Map 1 is a blob in the centre, map 2 is silent, map 3 a faint patch in a corner.
 */
export function seedExample(): ToyInputs {
  return {
    A: [
      [
        [20, 30, 40, 30, 20],
        [30, 70, 90, 70, 30],
        [40, 90, 130, 90, 40],
        [30, 70, 90, 70, 30],
        [20, 30, 40, 30, 20],
      ],
      [
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ],
      [
        [0, 0, 0, 8, 12],
        [0, 0, 0, 6, 8],
        [0, 0, 0, 4, 6],
        [0, 0, 0, 0, 4],
        [0, 0, 0, 0, 2],
      ],
    ],
    w: [
      [1, 2, 3],
      [0.5, 1, -1],
      [-1, 0, 2],
    ],
    b: [0, 0, 0],
    c: 0,
    pooling: 'mean',
    target: 'score',
    counterfactual: false,
  };
}
