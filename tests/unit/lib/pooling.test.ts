import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { globalAveragePool, globalMaxPool, globalSumPool } from '../../../src/lib/pooling.ts';
import { expectClose } from './close.ts';

// Two 2x2 channels, laid out [H, W, K]: channel 1 is [[1, 2], [3, 4]], channel 2 is [[-1, 0], [5, -2]].
const A = () => tf.tensor3d([[[1, -1], [2, 0]], [[3, 5], [4, -2]]]);

describe('global pooling', () => {
  it('GAP is the mean of each channel: (1+2+3+4)/4 = 2.5 and (-1+0+5-2)/4 = 0.5', () => {
    expectClose(globalAveragePool(A()).dataSync(), [2.5, 0.5]);
  });
  it('the CAM paper’s plain sum drops the 1/Z: 10 and 2', () => {
    expectClose(globalSumPool(A()).dataSync(), [10, 2]);
  });
  it('GMP keeps the largest value: 4 and 5', () => {
    expectClose(globalMaxPool(A()).dataSync(), [4, 5]);
  });
  it('gives K numbers whatever the map size', () => {
    const big = tf.ones([16, 9, 3]) as tf.Tensor3D;
    expect(globalAveragePool(big).shape).toEqual([3]);
    expectClose(globalAveragePool(big).dataSync(), [1, 1, 1]);
  });
});
