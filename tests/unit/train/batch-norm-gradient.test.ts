import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { registerBatchNormGradient, restoreBatchNormGradient } from '../../../src/train/batch-norm-gradient.ts';
import { expectClose, seededRandom } from '../lib/close.ts';

/** Gradients of a loss through batch norm with batch statistics, as tfjs-layers trains it. */
function gradients(xs: Float32Array, shape: [number, number, number, number], scaleValues: number[], offsetValues: number[], weights: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, shape);
    const scale = tf.tensor1d(scaleValues);
    const offset = tf.tensor1d(offsetValues);
    const r = tf.tensor4d(weights, shape);
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      return tf.sum(tf.mul(tf.square(tf.batchNorm(a as tf.Tensor4D, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3)), r));
    };
    return tf.grads(f)([x, scale, offset]).map((t) => t.dataSync() as Float32Array);
  });
}

describe('batch-norm gradient without Tile', () => {
  afterAll(() => restoreBatchNormGradient());

  it("gives tfjs's own gradients for x, scale and offset", () => {
    const rand = seededRandom(11);
    const shape: [number, number, number, number] = [3, 4, 5, 6];
    const n = shape.reduce((a, b) => a * b);
    const xs = Float32Array.from({ length: n }, () => rand() * 4 - 1);
    const ws = Float32Array.from({ length: n }, () => rand() - 0.5);
    const scale = Array.from({ length: 6 }, () => 0.5 + rand());
    const offset = Array.from({ length: 6 }, () => rand() - 0.5);
    const before = gradients(xs, shape, scale, offset, ws);
    registerBatchNormGradient();
    const after = gradients(xs, shape, scale, offset, ws);
    expect(after.length).toBe(3);
    for (let i = 0; i < 3; i++) expectClose(after[i], before[i], 1e-4);
    expect(Math.max(...before[0].map(Math.abs))).toBeGreaterThan(1e-3); // a real, non-zero gradient
  });
});
