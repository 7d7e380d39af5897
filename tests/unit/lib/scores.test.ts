import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { classScores, softmax } from '../../../src/lib/scores.ts';
import { expectClose } from './close.ts';

describe('class scores', () => {
  it('reproduces the talk’s example: F = 50, 0, 2 and w = 1, 2, 3 give S_c = 56', () => {
    const S = classScores(tf.tensor1d([50, 0, 2]), tf.tensor2d([[1, 2, 3]]), tf.tensor1d([0]));
    expectClose(S.dataSync(), [56]);
  });
  it('adds the bias of each class: 0.5*50 + 1*0 - 1*2 + 1 = 24', () => {
    const S = classScores(tf.tensor1d([50, 0, 2]), tf.tensor2d([[1, 2, 3], [0.5, 1, -1]]), tf.tensor1d([0, 1]));
    expectClose(S.dataSync(), [56, 24]);
  });
  it('softmax of (0, ln 3) is (1/4, 3/4)', () => {
    expectClose(softmax(tf.tensor1d([0, Math.log(3)])).dataSync(), [0.25, 0.75], 1e-6);
  });
});
