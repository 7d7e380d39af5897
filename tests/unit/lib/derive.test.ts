import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { derive, type ToyInputs } from '../../../src/lib/derive.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { expectClose, randomMaps, seededRandom } from './close.ts';

describe('derive with upsample', () => {
  it('upsamples M_c bilinearly (half-pixel centres) in the same read-back', async () => {
    // One 1 x 2 map A = [1, 3], w = 2: M = [2, 6]. Widened to 4 the samples fall at x = -0.25, 0.25, 0.75,
    // 1.25 of the input, clamped at the edges: 2, 0.75*2 + 0.25*6, 0.25*2 + 0.75*6, 6.
    const d = await derive({ A: [[[1, 3]]], w: [[2]], b: [0], c: 0, upsample: { width: 4, height: 1 } });
    expectClose(d.M, [2, 6]);
    expectClose(d.Mup!, [2, 3, 5, 6], 1e-6);
    expect((await derive({ A: [[[1, 3]]], w: [[2]], b: [0], c: 0 })).Mup).toBeNull();
  });
});

describe('derive on the talk’s example', () => {
  it('gives F = 50, 0, 2 and S_c = 56', async () => {
    const d = await derive(seedExample());
    expectClose(d.F, [50, 0, 2]);
    expect(d.S[0]).toBeCloseTo(56, 4);
  });
  it('gives dY/dA = w/Z at every position, so sum_ij dY/dA = 1, 2, 3 and alpha = w/25', async () => {
    const d = await derive(seedExample());
    for (let k = 0; k < 3; k++) expectClose(d.dYdA.subarray(k * 25, (k + 1) * 25), new Array(25).fill((k + 1) / 25), 1e-7);
    expectClose(d.sumGrad, [1, 2, 3], 1e-6);
    expectClose(d.check, [0, 0, 0], 1e-6);
    expectClose(d.alpha, [0.04, 0.08, 0.12], 1e-7);
  });
  it('draws Grad-CAM as M_c / Z when every M_c is positive', async () => {
    const d = await derive(seedExample());
    expectClose(d.gradCam, Array.from(d.M, (m) => m / 25), 1e-4);
  });
  it('flips alpha and the linear map for the counterfactual, and the ReLU then keeps nothing', async () => {
    const plain = await derive(seedExample());
    const flipped = await derive({ ...seedExample(), counterfactual: true });
    expectClose(flipped.alpha, Array.from(plain.alpha, (a) => -a), 1e-7);
    expectClose(flipped.gradCamLinear, Array.from(plain.gradCamLinear, (v) => -v), 1e-4);
    expectClose(flipped.gradCam, new Array(25).fill(0));
  });
});

describe('CAM is the special case of Grad-CAM for a GAP head', () => {
  const rand = seededRandom(2016);
  for (let trial = 0; trial < 8; trial++) {
    const [K, H, W, C] = [1 + (trial % 4), 2 + trial, 3 + ((trial * 5) % 7), 2 + (trial % 3)];
    const inputs: ToyInputs = {
      A: randomMaps(rand, K, H, W),
      w: Array.from({ length: C }, () => Array.from({ length: K }, () => rand() * 4 - 2)),
      b: Array.from({ length: C }, () => rand() - 0.5),
      c: trial % C,
    };
    it(`sum_ij dY^c/dA^k_ij = w_k^c within 1e-6 and alpha = w/Z (K=${K}, ${H}x${W}, C=${C})`, async () => {
      const d = await derive(inputs);
      const wc = inputs.w[inputs.c];
      expectClose(d.sumGrad, wc, 1e-6);
      expectClose(d.alpha, wc.map((x) => x / (H * W)), 1e-6);
    });
  }

  it('fails measurably for the probability instead of the score', async () => {
    const d = await derive({ ...seedExample(), c: 1, target: 'probability' });
    const largest = Math.max(...Array.from(d.check, Math.abs));
    expect(largest).toBeGreaterThan(0.1);
  });
});

describe('tensor discipline', () => {
  it('leaves the tensor count where it found it after repeated calls', async () => {
    await derive(seedExample()); // warm up kernels that cache their own tensors
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) await derive({ ...seedExample(), c: i % 3, counterfactual: i % 2 === 0, pooling: i % 4 === 0 ? 'sum' : 'mean' });
    expect(tf.memory().numTensors).toBe(before);
  });
  it('rejects mismatched shapes with a plain message', async () => {
    const bad = seedExample();
    bad.w[1] = [1, 2];
    await expect(derive(bad)).rejects.toThrow('one weight per class and channel');
  });
});
