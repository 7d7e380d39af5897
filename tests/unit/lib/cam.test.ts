import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { classActivationMap } from '../../../src/lib/cam.ts';
import { classScores } from '../../../src/lib/scores.ts';
import { globalAveragePool, globalSumPool } from '../../../src/lib/pooling.ts';
import { expectClose, randomMaps, seededRandom } from './close.ts';

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe('class activation map', () => {
  it('weights each channel by w_k^c: 1*[[1,2],[3,4]] + 2*[[-1,0],[5,-2]] = [[-1,2],[13,0]]', () => {
    const A = tf.tensor3d([[[1, -1], [2, 0]], [[3, 5], [4, -2]]]);
    expectClose(classActivationMap(A, tf.tensor1d([1, 2])).dataSync(), [-1, 2, 13, 0]);
  });

  const rand = seededRandom(7);
  for (let trial = 0; trial < 5; trial++) {
    const [K, H, W] = [2 + trial, 3 + trial, 4 + (trial % 3)];
    const A = tf.transpose(tf.tensor3d(randomMaps(rand, K, H, W)), [1, 2, 0]) as tf.Tensor3D;
    const wc = tf.tensor1d(Array.from({ length: K }, () => rand() * 4 - 2));
    const bc = rand() * 2 - 1;

    it(`sums to S_c with the plain-sum GAP (K=${K}, ${H}x${W})`, () => {
      const S = classScores(globalSumPool(A), tf.expandDims(wc, 0) as tf.Tensor2D, tf.tensor1d([0]));
      expectClose([sum(classActivationMap(A, wc).dataSync())], S.dataSync(), 1e-3);
    });
    it(`sums to Z (S_c - b_c) with the mean GAP (K=${K}, ${H}x${W})`, () => {
      const S = classScores(globalAveragePool(A), tf.expandDims(wc, 0) as tf.Tensor2D, tf.tensor1d([bc]));
      expectClose([sum(classActivationMap(A, wc).dataSync())], [H * W * (S.dataSync()[0] - bc)], 1e-3);
    });
  }
});
