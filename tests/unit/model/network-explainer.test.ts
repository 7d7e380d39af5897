/**
 * The explainer the Grad-CAM widgets of lessons 7 and 9 run (src/model/network-explainer.ts): hand-worked
 * numbers on the tiny networks of tiny-models.ts, the activations kept per image without leaking tensors,
 * and the shipped networks: on shapes-gap alpha_k^c Z = w_k^c, on shapes-fc the gradient changes over positions.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { camWeights, cutModel } from '../../../src/model/cut.ts';
import { networkExplainer } from '../../../src/model/network-explainer.ts';
import { loadTrainedNetwork, ModelLoadError, type TrainedNetwork } from '../../../src/model/trained-network.ts';
import { shapesSample } from '../../../src/state/shapes-samples.ts';
import { expectClose } from '../lib/close.ts';
import { TINY_PIXELS, tinyFlattenModel, tinyGapModel } from './tiny-models.ts';
import type * as tfl from '@tensorflow/tfjs-layers';

const network = (model: tfl.LayersModel): TrainedNetwork => {
  const cut = cutModel(model);
  return { source: model.name, cut, size: 2, cam: camWeights(cut) };
};
const image = { key: 'tiny', pixels: TINY_PIXELS };

describe('the explainer on a GAP head', () => {
  it('gives alpha = w / Z, CAM beside Grad-CAM, and flat gradients: S = (-0.75, 4.25), M_2 = A^1 + 3 A^2', async () => {
    const explain = networkExplainer(network(tinyGapModel()));
    const x = await explain(image);
    expectClose(x.S, [-0.75, 4.25]);
    expect(x.c).toBe(1);
    expectClose(x.alpha, [0.25, 0.75]);
    expectClose(x.cam!.w, [1, 3]);
    expectClose(x.cam!.M, [7, 2, 3, 6]);
    expectClose(x.gradCam, [1.75, 0.5, 0.75, 1.5]);
    expectClose(x.gradCamUp, x.gradCam); // 2 x 2 onto a 2 x 2 image: nothing to interpolate
    expectClose(x.gradMin, x.gradMax);
    expect(x.topChannel).toBe(1);
    expectClose(x.topGradient, [0.75, 0.75, 0.75, 0.75]);
  });

  it('explains a chosen class: the ReLU cuts the negative half of M_1 / Z', async () => {
    const explain = networkExplainer(network(tinyGapModel()));
    const x = await explain(image, { c: 0 });
    expect(x.c).toBe(0);
    expectClose(x.cam!.M, [-6, 4, -4, 2]);
    expectClose(x.linear, [-1.5, 1, -1, 0.5]);
    expectClose(x.gradCam, [0, 1, 0, 0.5]);
  });
});

describe('the explainer on a flatten head', () => {
  it('has no CAM, and a gradient that differs between the cells of a channel', async () => {
    const explain = networkExplainer(network(tinyFlattenModel()));
    const x = await explain(image, { c: 0 });
    expect(x.cam).toBeNull();
    expectClose(x.alpha, [0.5, -0.25]);
    expectClose(x.gradMin, [-1, -2]);
    expectClose(x.gradMax, [2, 1]);
    expect(x.topChannel).toBe(0);
    expectClose(x.topGradient, [1, 2, -1, 0]);
    expectClose(x.gradCam, [0, 1, 0, 1.25]);
  });

  it('keeps one image’s activations: the tensor count stays put over images, classes, targets and signs', async () => {
    const explain = networkExplainer(network(tinyFlattenModel()));
    await explain(image);
    const baseline = tf.memory().numTensors;
    const other = { key: 'other', pixels: TINY_PIXELS.map((v, i) => (i % 3 === 2 ? v : 3 - v)) };
    for (let i = 0; i < 6; i++) {
      await explain(i % 2 ? other : image, { c: i % 2, target: i % 3 ? 'score' : 'probability', counterfactual: i > 3 });
      expect(tf.memory().numTensors).toBe(baseline);
    }
    // The other image's maps differ: its A is not the first image's, kept by mistake.
    expectClose((await explain(other, { c: 1 })).gradCam, [1.5, 2, 2.5, 1]);
  });

  it('refuses an image of the wrong size with a message naming both sizes', async () => {
    const explain = networkExplainer(network(tinyFlattenModel()));
    await expect(explain({ key: 'short', pixels: new Float32Array(5) })).rejects.toThrow(/must be 2 x 2 RGB, not 5 values/);
  });
});

describe('the shipped networks', () => {
  it('shapes-gap: Grad-CAM’s alpha_k^c times Z is w_k^c on a test image, every gradient map flat', async () => {
    const net = await loadTrainedNetwork('models/shapes-gap', 4);
    expect(net.cam).not.toBeNull();
    const sample = shapesSample('one', 2);
    const x = await networkExplainer(net)({ key: 'one:2', pixels: sample.image });
    const Z = x.H * x.W;
    for (let k = 0; k < x.K; k++) {
      expect(Math.abs(x.alpha[k] * Z - x.cam!.w[k])).toBeLessThan(1e-5);
      expect(x.gradMax[k] - x.gradMin[k]).toBeLessThan(1e-7);
    }
  }, 60_000);

  it('shapes-fc: no CAM, and the gradient of a channel changes over positions', async () => {
    const net = await loadTrainedNetwork('models/shapes-fc', 4);
    expect(net.cam).toBeNull();
    const x = await networkExplainer(net)({ key: 'one:2', pixels: shapesSample('one', 2).image });
    expect(Math.max(...x.gradMax.map((v, k) => v - x.gradMin[k]))).toBeGreaterThan(1e-3);
    await expect(loadTrainedNetwork('models/shapes-fc', 10)).rejects.toThrow(ModelLoadError);
  }, 60_000);
});
