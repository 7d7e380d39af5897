import type { ToyInputs } from '../lib/derive.ts';
import { seedExample } from './seed-example.ts';

/**
 * Toy scenes for comparing CAM and Grad-CAM (lesson 9): 5x5x3 feature maps drawn like tiny images,
 * with class weights that make some regions count against a class, so the ReLU has something to remove.
 */
export type SceneName = 'talk' | 'twoObjects' | 'clutter';
export const sceneNames: readonly SceneName[] = ['talk', 'twoObjects', 'clutter'];

export function toyScene(name: SceneName): ToyInputs {
  if (name === 'talk') return seedExample();
  if (name === 'twoObjects') {
    // Channel 1 fires on a dog at the top left, channel 2 on a cat at the bottom right, channel 3 on the floor.
    return {
      A: [
        [
          [6, 9, 5, 1, 0],
          [9, 14, 8, 1, 0],
          [5, 8, 4, 0, 0],
          [1, 1, 0, 0, 0],
          [0, 0, 0, 0, 0],
        ],
        [
          [0, 0, 0, 0, 0],
          [0, 0, 0, 1, 1],
          [0, 0, 3, 7, 5],
          [0, 1, 7, 12, 8],
          [0, 1, 5, 8, 6],
        ],
        [
          [1, 1, 1, 1, 1],
          [1, 1, 1, 1, 1],
          [2, 2, 2, 2, 2],
          [3, 3, 3, 3, 3],
          [3, 3, 3, 3, 3],
        ],
      ],
      w: [
        [2, -1, 0.5],
        [-1, 2, 0.5],
        [0, 0, 1],
      ],
      b: [0, 0, 0],
      c: 0,
      pooling: 'mean',
      target: 'score',
      counterfactual: false,
    };
  }
  // One object in the centre on a cluttered ring that counts against the class.
  return {
    A: [
      [
        [0, 0, 1, 0, 0],
        [0, 4, 8, 4, 0],
        [1, 8, 16, 8, 1],
        [0, 4, 8, 4, 0],
        [0, 0, 1, 0, 0],
      ],
      [
        [6, 5, 4, 5, 6],
        [5, 1, 0, 1, 5],
        [4, 0, 0, 0, 4],
        [5, 1, 0, 1, 5],
        [6, 5, 4, 5, 6],
      ],
      [
        [2, 2, 2, 2, 2],
        [2, 2, 2, 2, 2],
        [2, 2, 2, 2, 2],
        [2, 2, 2, 2, 2],
        [2, 2, 2, 2, 2],
      ],
    ],
    w: [
      [1.5, -0.8, 0.3],
      [-0.5, 1.2, 0.2],
      [0.2, 0.2, 1],
    ],
    b: [0, 0, 0],
    c: 0,
    pooling: 'mean',
    target: 'score',
    counterfactual: false,
  };
}
