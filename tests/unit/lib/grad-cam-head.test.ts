/**
 * Grad-CAM on the head of a real LayersModel (src/lib/grad-cam-head.ts), against numbers worked out by hand
 * on a tiny network: a 1 x 1 conv that copies two input channels (A = ReLU(x), 2 x 2 x 2), then a flatten
 * head, Dense(2) with a softmax. Its score is linear in A, so every gradient is an entry of the Dense kernel.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ClassRangeError, headGradCam } from '../../../src/lib/grad-cam-head.ts';
import { activations, cutModel } from '../../../src/model/cut.ts';
import { expectClose } from './close.ts';
import { tinyFlattenModel, tinyImage } from '../model/tiny-models.ts';

/** Runs headGradCam on the tiny model's activations and reads every part back. */
function run(options: Parameters<typeof headGradCam>[2]) {
  const cut = cutModel(tinyFlattenModel());
  return tf.tidy(() => {
    const A = activations(cut, tinyImage());
    const g = headGradCam(cut.head, A, options);
    return {
      S: g.S.dataSync(), p: g.p.dataSync(), c: g.c.dataSync()[0], dYdA: g.dYdA.dataSync(),
      alpha: g.alpha.dataSync(), linear: g.linear.dataSync(), map: g.map.dataSync(),
    };
  });
}

// By hand: A^1 = [[1, 2], [0, 3]], A^2 = [[2, 0], [1, 1]]; S = (4.5, 6.5).
const p1 = 1 / (1 + Math.exp(-2));

describe('Grad-CAM of a flatten head', () => {
  it('explains the predicted class when none is given: S = (4.5, 6.5), class 2 (index 1), alpha = (0.5, 0.5)', () => {
    const r = run({});
    expectClose(r.S, [4.5, 6.5]);
    expectClose(r.p, [1 - p1, p1]);
    expect(r.c).toBe(1);
    expectClose(r.alpha, [0.5, 0.5]);
    expectClose(r.map, [1.5, 1, 0.5, 2]);
  });

  it('gives a gradient that changes from cell to cell, its mean per channel, and the ReLU of the weighted sum', () => {
    const r = run({ c: 0 });
    expect(r.c).toBe(0);
    // dS_1/dA laid out [H, W, K]: the first column of the Dense kernel.
    expectClose(r.dYdA, [1, 0, 2, 0, -1, 1, 0, -2]);
    expectClose(r.alpha, [0.5, -0.25]);
    expectClose(r.linear, [0, 1, -0.25, 1.25]);
    expectClose(r.map, [0, 1, 0, 1.25]);
  });

  it('negates alpha for the counterfactual map: what would lower the score', () => {
    expectClose(run({ c: 0, counterfactual: true }).map, [0, 0, 0.25, 0]);
    // Every cell supports class 2: its counterfactual map is empty.
    expectClose(run({ c: 1, counterfactual: true }).map, [0, 0, 0, 0]);
  });

  it('differentiates the probability: dp_2/dA = p_1 p_2 (dS_2/dA - dS_1/dA), whose mean over channel 1 is zero', () => {
    const r = run({ c: 1, target: 'probability' });
    const scale = p1 * (1 - p1);
    expectClose(r.alpha, [0, 0.75 * scale], 1e-6);
    expectClose(r.map, [2 * 0.75 * scale, 0, 0.75 * scale, 0.75 * scale], 1e-6);
  });

  it('refuses a class the network does not have, with the range in the message, and leaves no tensor behind', () => {
    const cut = cutModel(tinyFlattenModel());
    const A = activations(cut, tinyImage());
    const before = tf.memory().numTensors;
    const explainClass2 = () => tf.tidy(() => void headGradCam(cut.head, A, { c: 2 }));
    expect(explainClass2).toThrow(ClassRangeError);
    expect(explainClass2).toThrow(/class 2 is out of range: this network has 2 classes \(0-1\)/);
    for (let i = 0; i < 3; i++) tf.tidy(() => headGradCam(cut.head, A, { c: i % 2, target: i ? 'probability' : 'score' }).map.dataSync());
    expect(tf.memory().numTensors).toBe(before);
    A.dispose();
  });
});
