import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGapNetwork, ModelLoadError } from '../../../src/model/gap-network.ts';
import { loadModel } from '../../../src/model/load.ts';
import { generateSample } from '../../../src/shapes/dataset.ts';
import { expectClose } from '../lib/close.ts';

describe('a trained GAP network for the widgets', () => {
  it('loads shapes-gap: its feature maps in the store layout [K][H][W], and w, b from its Dense layer', async () => {
    const network = await loadGapNetwork('models/shapes-gap', 4);
    expect(network.size).toBe(64);
    expect(network.featureShape).toEqual([16, 16, 64]);
    const image = generateSample(9001, 0).image;
    const A = await network.features(image);
    expect([A.length, A[0].length, A[0][0].length]).toEqual([64, 16, 16]);
    // Checked against the whole model's prediction: softmax(w F + b), with F the mean of each map.
    const F = A.map((map) => map.flat().reduce((s, v) => s + v, 0) / 256);
    const S = network.w.map((row, c) => row.reduce((s, wk, k) => s + wk * F[k], network.b[c]));
    const model = await loadModel('models/shapes-gap');
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(image, [1, 64, 64, 3])) as tf.Tensor).dataSync());
    const e = S.map(Math.exp);
    expectClose(e.map((v) => v / e.reduce((a, b) => a + b, 0)), expected, 1e-5);
    await expect(network.features(new Float32Array(10))).rejects.toThrow(/64 x 64 RGB/);
  });

  it('refuses a model whose head is not GAP and one linear layer, a wrong class count, and a broken folder, each with a reason', async () => {
    await expect(loadGapNetwork('models/shapes-fc', 4)).rejects.toThrow(/does not end in global average pooling/);
    await expect(loadGapNetwork('models/shapes-gap', 10)).rejects.toThrow(/4 classes, not 10/);
    const broken = mkdtempSync(join(tmpdir(), 'cam-lab-broken-'));
    try {
      writeFileSync(join(broken, 'model.json'), '{"modelTopology": ');
      await expect(loadGapNetwork(broken, 4)).rejects.toThrow(ModelLoadError);
      await expect(loadGapNetwork(join(broken, 'absent'), 4)).rejects.toThrow(/no model.json/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
