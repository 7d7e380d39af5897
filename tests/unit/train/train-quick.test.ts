import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useTrainingBackend } from '../../../src/train/backend.ts';
import { RECIPES, quick } from '../../../src/train/recipes.ts';
import { trainRecipes } from '../../../src/train/train-models.ts';
import { buildNetworks } from '../../../src/train/architectures.ts';
import { generateSet } from '../../../src/shapes/dataset.ts';
import { fit } from '../../../src/train/fit.ts';
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

  it('learns: one quick epoch lowers the loss on its own training images', async () => {
    const recipe = quick(RECIPES.find((r) => r.name === 'shapes-gap')!);
    const networks = buildNetworks('gap', recipe.seed);
    // The epoch's first 64 images, scored as training sees them (batch statistics): early in training the
    // saved model's moving averages still lag behind, so its own loss says little after ten steps.
    const images = generateSet(recipe.seed, 64, { easyFraction: recipe.curriculum[0] });
    const x = tf.tensor4d(images.images, [64, 64, 64, 3]);
    const y = tf.oneHot(tf.tensor1d(images.labels, 'int32'), 4);
    const lossOf = () => tf.tidy(() => {
      const p = networks.trainer.apply(x, { training: true }) as tf.Tensor2D;
      return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1))), 1))).dataSync()[0];
    });
    const before = lossOf();
    await fit(networks, { ...recipe, data: recipe.data, testSet: generateSet(9001, 40) });
    const after = lossOf();
    expect(after).toBeLessThan(before - 0.05);
    tf.dispose([x, y]);
  }, 120_000);

  it('saves files that load, with the saved model under 1 MB, and repeats itself exactly', async () => {
    const recipe = quick(RECIPES.find((r) => r.name === 'shapes-gap')!);
    const [record] = await trainRecipes([recipe], { out, command: 'test', testSize: 40, log: () => {} });
    const folder = join(out, 'shapes-gap');
    for (const f of ['model.json', 'weights.bin', 'training.json', 'README.md']) expect(existsSync(join(folder, f)), f).toBe(true);
    expect(record.history).toHaveLength(1);
    expect(record.weightBytes).toBeLessThan(1024 * 1024);

    const loaded = await loadModel(folder);
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
