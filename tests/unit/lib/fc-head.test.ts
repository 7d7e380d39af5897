import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fcHead, headParameterCounts, toyFcParams, toyFcParamsFor } from '../../../src/lib/fc-head.ts';
import { derive } from '../../../src/lib/derive.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { expectClose } from './close.ts';

/** The FC head by hand, in plain loops: flatten [H][W][K], dense + ReLU, dense. */
function byHand(A: number[][][], c: number) {
  const K = A.length;
  const H = A[0].length;
  const W = A[0][0].length;
  const p = toyFcParams(K, H, W, 3);
  const x: number[] = [];
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) for (let k = 0; k < K; k++) x.push(A[k][i][j]);
  const pre = p.W1.map((row, d) => row.reduce((s, v, n) => s + v * x[n], p.b1[d]));
  const hidden = pre.map((v) => Math.max(0, v));
  const S = p.W2.map((row, cc) => row.reduce((s, v, d) => s + v * hidden[d], p.b2[cc]));
  // dS_c/dx_n = sum_d W2[c][d] [pre_d > 0] W1[d][n]
  const grad = x.map((_, n) => p.W2[c].reduce((s, v, d) => s + (pre[d] > 0 ? v * p.W1[d][n] : 0), 0));
  return { S, grad, K, H, W, pre };
}

describe('the toy fully connected head', () => {
  it('is deterministic for a shape and has FC-sized parameter counts', () => {
    expect(toyFcParams(3, 5, 5, 3)).toEqual(toyFcParams(3, 5, 5, 3));
    expect(toyFcParamsFor(3, 5, 5, 3)).toBe(toyFcParamsFor(3, 5, 5, 3));
    const p = toyFcParams(3, 5, 5, 3);
    expect(p.W1.length).toBe(p.D);
    expect(p.W1[0].length).toBe(75);
    // Flatten of 5x5x3 = 75 numbers; 75*5 + 5 + 5*3 + 3 = 398 against GAP's 3*3 + 3 = 12.
    expect(headParameterCounts(3, 5, 5, 3, p.D)).toEqual({ gap: 12, fc: 398, flat: 75 });
    // VGG16's classifier: 7x7x512 flattened, 4096, 4096, 1000 — its first dense layer alone.
    expect(headParameterCounts(512, 7, 7, 4096, 0).flat * 4096).toBe(102_760_448);
  });

  it('scores the talk’s maps as the loops do, and its gradient matches the hand-computed one', async () => {
    const inputs = { ...seedExample(), head: 'fc' as const };
    const hand = byHand(inputs.A, 0);
    expect(hand.pre.some((v) => v > 0)).toBe(true);
    const d = await derive(inputs);
    expectClose(d.S, hand.S, 1e-3);
    expectClose(d.Sfc, hand.S, 1e-3);
    // d.dYdA is [K][H][W]; hand.grad is in flatten order (i*W + j)*K + k.
    const { K, H, W } = hand;
    const reordered: number[] = [];
    for (let k = 0; k < K; k++) for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) reordered.push(hand.grad[(i * W + j) * K + k]);
    expectClose(d.dYdA, reordered, 1e-6);
  });

  it('applies to a [H, W, K] tensor directly and leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => fcHead(toyFcParams(2, 3, 4, 2))(tf.ones([3, 4, 2]) as tf.Tensor3D).arraySync());
    expect(out).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
