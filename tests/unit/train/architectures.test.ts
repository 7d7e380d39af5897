import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { BODY, LAST_CONV, LAST_FILTERS, buildNetworks } from '../../../src/train/architectures.ts';
import { generateSet } from '../../../src/shapes/dataset.ts';
import { RECIPES } from '../../../src/train/recipes.ts';
import { expectClose, seededRandom } from '../lib/close.ts';

describe('the trained and the saved network', () => {
  for (const architecture of ['gap', 'gmp', 'fc'] as const) {
    it(`${architecture}: the saved last_conv, with batch norm folded in, computes what the trainer's conv -> batch norm -> ReLU computes`, () => {
      const networks = buildNetworks(architecture, 7);
      // Batch-norm statistics far from their starting values (mean 0, variance 1, gamma 1, beta 0), in every
      // training-only batch norm: last_conv's, and fc1's in the fc head.
      const rand = seededRandom(3);
      const savedNames = new Set(networks.model.layers.map((l) => l.name));
      const folded = networks.trainer.layers.filter((l) => l.name.endsWith('_bn') && !savedNames.has(l.name));
      expect(folded.map((l) => l.name)).toEqual(architecture === 'fc' ? [`${LAST_CONV}_bn`, 'fc1_bn'] : [`${LAST_CONV}_bn`]);
      const values: tf.Tensor[] = [];
      for (const norm of folded) {
        const n = norm.getWeights()[0].shape[0];
        const vector = (lo: number, hi: number) => tf.tensor1d(Array.from({ length: n }, () => lo + (hi - lo) * rand()));
        const v = [vector(0.5, 2), vector(-1, 1), vector(-0.5, 0.5), vector(0.2, 3)];
        norm.setWeights(v);
        values.push(...v);
      }
      networks.sync();
      const images = tf.tensor4d(generateSet(5, 4).images, [4, 64, 64, 3]);
      const fromTrainer = tf.tidy(() => (networks.trainer.predict(images) as tf.Tensor).dataSync());
      const fromSaved = tf.tidy(() => (networks.model.predict(images) as tf.Tensor).dataSync());
      expectClose(fromSaved, fromTrainer, 1e-5);
      // The saved model has no trace of the training-only layers, and last_conv is a Conv2D with a ReLU.
      const names = networks.model.layers.map((l) => l.name);
      expect(names.filter((n) => n.endsWith('_linear') || n === `${LAST_CONV}_bn` || n === 'fc1_bn')).toEqual([]);
      if (architecture === 'fc') expect((networks.model.getLayer('fc1').getConfig() as { activation: string }).activation).toBe('relu');
      const last = networks.model.getLayer(LAST_CONV);
      expect(last.getClassName()).toBe('Conv2D');
      expect((last.getConfig() as { activation: string }).activation).toBe('relu');
      expect(last.outputShape).toEqual([null, 16, 16, LAST_FILTERS]);
      tf.dispose([images, ...values]);
    });
  }

  it('shares every weight but last_conv between the trainer and the saved model, and the same seed builds the same network', () => {
    const a = buildNetworks('gap', 3);
    const b = buildNetworks('gap', 3);
    for (const spec of BODY.keys()) {
      const name = `block${spec + 1}_conv`;
      expect(a.model.getLayer(name)).toBe(a.trainer.getLayer(name));
      expectClose(a.model.getLayer(name).getWeights()[0].dataSync(), b.model.getLayer(name).getWeights()[0].dataSync(), 0);
    }
    expect(a.model.getLayer('class_scores')).toBe(a.trainer.getLayer('class_scores'));
  });

  it('builds the GMP twin with the GAP network\'s initial weights from the same seed: only the pooling differs', () => {
    const gap = buildNetworks('gap', 1);
    const gmp = buildNetworks('gmp', 1);
    expect(gap.model.getLayer('gap').getClassName()).toBe('GlobalAveragePooling2D');
    expect(gmp.model.getLayer('gmp').getClassName()).toBe('GlobalMaxPooling2D');
    const weights = (n: typeof gap) => n.trainer.weights.map((w) => [w.name.replace(/_\d+$/, ''), w.read()] as const);
    const [a, b] = [weights(gap), weights(gmp)];
    expect(b.map(([name]) => name)).toEqual(a.map(([name]) => name));
    a.forEach(([name, value], i) => {
      expect(b[i][1].shape, name).toEqual(value.shape);
      expectClose(b[i][1].dataSync(), value.dataSync(), 0);
    });
    // And the recipes train them alike: same seed (so the same images in the same order), data and schedule.
    const recipe = (name: string) => {
      const { name: _, architecture: __, description: ___, ...rest } = RECIPES.find((r) => r.name === name)!;
      return rest;
    };
    expect(recipe('shapes-gmp')).toEqual(recipe('shapes-gap'));
  });
});
