import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useTrainingBackend } from '../../../src/train/backend.ts';
import { RECIPES, quick } from '../../../src/train/recipes.ts';
import { trainRecipes } from '../../../src/train/train-models.ts';
import { buildNetworks } from '../../../src/train/architectures.ts';
import { generateSet } from '../../../src/train/dataset.ts';
import { loadModel } from '../../../src/model/load.ts';

const out = mkdtempSync(join(tmpdir(), 'cam-lab-train-'));

describe('npm run train --quick (a few hundred images, one epoch)', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await tf.setBackend('cpu');
  });

  it('learns (the loss on its training images falls), saves files that load, and repeats itself exactly', async () => {
    const recipe = quick(RECIPES.find((r) => r.name === 'shapes-gap')!);
    const images = generateSet(recipe.seed, 64, { easyFraction: recipe.curriculum[0] });
    const lossOf = (model: Awaited<ReturnType<typeof loadModel>>) => tf.tidy(() => {
      const p = model.predict(tf.tensor4d(images.images, [64, 64, 64, 3])) as tf.Tensor2D;
      const y = tf.oneHot(tf.tensor1d(images.labels, 'int32'), 4);
      return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1))), 1))).dataSync()[0];
    });
    const untrained = lossOf(buildNetworks('gap', recipe.seed).model);

    const [record] = await trainRecipes([recipe], { out, command: 'test', testSize: 40, log: () => {} });
    const folder = join(out, 'shapes-gap');
    for (const f of ['model.json', 'weights.bin', 'training.json', 'README.md']) expect(existsSync(join(folder, f)), f).toBe(true);
    expect(record.history).toHaveLength(1);
    expect(record.weightBytes).toBeLessThan(1024 * 1024);

    const loaded = await loadModel(folder);
    const trained = lossOf(loaded);
    // Ten steps move a GAP head only a little (the untrained model says 1/4 for every class: ln 4 = 1.386);
    // the run is deterministic, so even a small fall is a real one.
    expect(untrained).toBeCloseTo(Math.log(4), 4);
    expect(trained).toBeLessThan(untrained - 0.003);
    expect(record.history[0].trainLoss).toBeLessThan(1.5);
    expect(loaded.getLayer('last_conv').getClassName()).toBe('Conv2D');

    // Same seed, same recipe: byte-identical weights.
    const again = mkdtempSync(join(tmpdir(), 'cam-lab-train-'));
    try {
      await trainRecipes([recipe], { out: again, command: 'test', testSize: 40, log: () => {} });
      expect(readFileSync(join(again, 'shapes-gap', 'weights.bin')).equals(readFileSync(join(folder, 'weights.bin')))).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 120_000);
});
