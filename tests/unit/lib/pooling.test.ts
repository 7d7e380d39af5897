import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { cellsReached, globalAveragePool, globalMaxPool, globalPool, globalSumPool, poolingGradient } from '../../../src/lib/pooling.ts';
import { derive } from '../../../src/lib/derive.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
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
  it('globalPool picks by name: mean 2.5 and 0.5, sum 10 and 2, max 4 and 5', () => {
    expectClose(globalPool(A(), 'mean').dataSync(), [2.5, 0.5]);
    expectClose(globalPool(A(), 'sum').dataSync(), [10, 2]);
    expectClose(globalPool(A(), 'max').dataSync(), [4, 5]);
  });
  it('a GMP head in derive(): S_c = w^c . max(A) + b_c, and M_c is still sum_k w_k^c A^k', async () => {
    // Maps [K][H][W]: channel 1 [[1, 2], [3, 4]], channel 2 [[-1, 0], [5, -2]]; max = (4, 5).
    // w^1 = (1, 2), w^2 = (0, -1), b = (0.5, 0): S_1 = 4 + 10 + 0.5 = 14.5, S_2 = -5.
    const d = await derive({ A: [[[1, 2], [3, 4]], [[-1, 0], [5, -2]]], w: [[1, 2], [0, -1]], b: [0.5, 0], c: 0, pooling: 'max', compareHeads: false });
    expectClose(d.F, [4, 5]);
    expectClose(d.S, [14.5, -5]);
    // M_1 = 1*A^1 + 2*A^2 cell by cell: [[-1, 2], [13, 0]]; its mean plus b_1 (3.5) is not S_1, as it is for GAP.
    expectClose(d.M, [-1, 2, 13, 0]);
    // dS_1/dA reaches only each channel's largest cell: w_1^1 = 1 at (1,1) of channel 1, w_2^1 = 2 at (1,0) of channel 2.
    expectClose(d.dYdA, [0, 0, 0, 1, 0, 0, 2, 0]);
  });
  it('gives K numbers whatever the map size', () => {
    const big = tf.ones([16, 9, 3]) as tf.Tensor3D;
    expect(globalAveragePool(big).shape).toEqual([3]);
    expectClose(globalAveragePool(big).dataSync(), [1, 1, 1]);
  });
});

describe('where each pooling’s gradient goes', () => {
  // Laid out [H, W, K] like A: cells (0,0) (0,1) (1,0) (1,1) of channel 1, then of channel 2.
  const perChannel = (g: tf.Tensor3D) => {
    const [c1, c2] = [0, 1].map((k) => Array.from(tf.tidy(() => tf.reshape(tf.slice(g, [0, 0, k], [2, 2, 1]), [4])).dataSync()));
    return [...c1, ...c2];
  };
  it('GAP: 1/Z = 0.25 at every cell; the plain sum: 1 at every cell', () => {
    expectClose(perChannel(poolingGradient(A(), 'mean')), Array(8).fill(0.25));
    expectClose(perChannel(poolingGradient(A(), 'sum')), Array(8).fill(1));
  });
  it('GMP: 1 at the largest cell only, (1,1) for channel 1 and (1,0) for channel 2', () => {
    expectClose(perChannel(poolingGradient(A(), 'max')), [0, 0, 0, 1, 0, 0, 1, 0]);
  });
  it('counts the cells a gradient reaches, per channel', () => {
    expect(cellsReached([0.25, 0.25, 0.25, 0.25, 0, 1, 0, 0], 2)).toEqual([4, 1]);
  });
  it('derive returns both, [K][H][W], on the talk’s example: GAP reaches 25 cells with 0.04, GMP the centre of map 1', async () => {
    const d = await derive({ ...seedExample(), poolGradients: true });
    expect(cellsReached(d.dFdA!, 3)).toEqual([25, 25, 25]);
    expectClose(d.dFdA!, Array(75).fill(0.04), 1e-7);
    // Map 1 peaks at 130 in the centre (cell 12); map 3 at 12 in the top-right corner (cell 4); map 2 is all zeros,
    // a 25-way tie, where tfjs gives every tied cell the gradient.
    expect(cellsReached(d.dFmaxdA!, 3)).toEqual([1, 25, 1]);
    expect(d.dFmaxdA![12]).toBe(1);
    expect(d.dFmaxdA![50 + 4]).toBe(1);
    const plain = await derive(seedExample());
    expect(plain.dFdA).toBeNull();
  });
  it('keeps the tensor count', async () => {
    await derive({ ...seedExample(), poolGradients: true });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await derive({ ...seedExample(), poolGradients: true, pooling: i % 2 ? 'sum' : 'mean' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
