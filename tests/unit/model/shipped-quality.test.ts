import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useTrainingBackend } from '../../../src/train/backend.ts';
import { loadModel } from '../../../src/model/load.ts';
import { activations, camWeights, cutModel } from '../../../src/model/cut.ts';
import { generateSet } from '../../../src/shapes/dataset.ts';
import { scoreSet } from '../../../src/train/fit.ts';
import { TEST_SETS, TEST_SET_SIZE } from '../../../src/shapes/test-sets.ts';
import { shapesSample } from '../../../src/state/shapes-samples.ts';

// What the shipped models were trained to do, checked on the test sets they never saw. The models and the
// test sets are deterministic, so each check gives the same number on every run (models/localization.json).
describe('the shipped models do what their cards say', () => {
  beforeAll(() => useTrainingBackend('wasm'));
  afterAll(() => tf.setBackend('cpu'));

  const clean = () => generateSet(TEST_SETS.clean.seed, TEST_SET_SIZE, TEST_SETS.clean.options);

  for (const name of ['shapes-gap', 'shapes-gmp', 'shapes-fc']) {
    it(`${name}: at least 97% top-1 on the clean test set (${TEST_SET_SIZE} images)`, async () => {
      const { accuracy } = await scoreSet(await loadModel(`models/${name}`), clean());
      expect(accuracy).toBeGreaterThanOrEqual(0.97);
    }, 60_000);
  }

  it('shapes-biased is well below shapes-debiased where the corner mark tells nothing', async () => {
    const cueFree = generateSet(TEST_SETS.cueFree.seed, TEST_SET_SIZE, TEST_SETS.cueFree.options);
    const cued = generateSet(TEST_SETS.cued.seed, TEST_SET_SIZE, TEST_SETS.cued.options);
    const biased = await loadModel('models/shapes-biased');
    const debiased = await loadModel('models/shapes-debiased');
    const [b, d] = [(await scoreSet(biased, cueFree)).accuracy, (await scoreSet(debiased, cueFree)).accuracy];
    expect(d - b).toBeGreaterThan(0.2);
    // The biased model does better where the mark agrees with the class: it learned the mark.
    expect((await scoreSet(biased, cued)).accuracy - b).toBeGreaterThan(0.2);
  }, 120_000);

  it('shapes-gap, on two shapes: the CAM of each shape\'s class peaks on that shape (100 images)', async () => {
    const cut = cutModel(await loadModel('models/shapes-gap'));
    const { w } = camWeights(cut)!;
    const W = w.arraySync();
    let hits = 0;
    let total = 0;
    for (let n = 0; n < 100; n++) {
      const sample = shapesSample('two', n);
      const A = tf.tidy(() => activations(cut, tf.tensor3d(sample.image, [64, 64, 3])).arraySync()).flat(); // [256][64]
      for (const { label, box } of sample.objects) {
        const M = A.map((cell) => cell.reduce((s, a, k) => s + a * W[label][k], 0));
        const at = M.indexOf(Math.max(...M));
        const [x, y] = [(at % 16) * 4, Math.floor(at / 16) * 4]; // the peak cell, 4 x 4 pixels
        // On the box, or touching it (one cell of slack for the map's coarseness).
        if (x + 4 > box.x0 - 4 && x < box.x1 + 4 && y + 4 > box.y0 - 4 && y < box.y1 + 4) hits++;
        total++;
      }
    }
    expect(hits / total).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
