/** What `npm run train` builds: five models, their data, seeds and schedules. */
import type { Architecture } from './architectures.ts';
import type { SampleOptions } from '../shapes/dataset.ts';
import type { TEST_SETS } from '../shapes/test-sets.ts';

export interface Recipe {
  name: string;
  architecture: Architecture;
  description: string;
  /** The training data. */
  data: SampleOptions;
  seed: number;
  epochs: number;
  imagesPerEpoch: number;
  batchSize: number;
  learningRate: number;
  /** The share of easy images per epoch: a curriculum out of the 25% plateau. */
  curriculum: number[];
  /** The test set scored after every epoch for the learning curve. */
  curveTest: keyof typeof TEST_SETS;
}

const common = { batchSize: 32, learningRate: 2e-3, curriculum: [1, 0.6, 0.3, 0.1] };

export const RECIPES: Recipe[] = [
  { name: 'shapes-gap', architecture: 'gap', description: 'the CAM architecture: conv blocks, last_conv, global average pooling, dense softmax', data: {}, curveTest: 'clean', seed: 1, epochs: 15, imagesPerEpoch: 4000, ...common },
  // shapes-gap's seed: the same images in the same order and the same initial weights, so only the pooling differs.
  { name: 'shapes-gmp', architecture: 'gmp', description: 'the twin of shapes-gap: the same layers, data and schedule, with global max pooling in place of average pooling (lesson 3: what the pooling asks of the maps)', data: {}, curveTest: 'clean', seed: 1, epochs: 15, imagesPerEpoch: 4000, ...common },
  { name: 'shapes-fc', architecture: 'fc', description: 'the same conv blocks with a flatten -> dense -> dense head (CAM impossible, Grad-CAM fine)', data: {}, curveTest: 'clean', seed: 2, epochs: 14, imagesPerEpoch: 4000, ...common },
  { name: 'shapes-biased', architecture: 'gap', description: "the GAP architecture trained on the biased set: a corner mark in the class's colour on 95% of the images", data: { cue: 'class' }, curveTest: 'cueFree', seed: 3, epochs: 5, imagesPerEpoch: 3000, ...common },
  { name: 'shapes-debiased', architecture: 'gap', description: 'the same architecture trained on the fixed set: the corner mark on every image, its colour random', data: { cue: 'random' }, curveTest: 'cueFree', seed: 4, epochs: 6, imagesPerEpoch: 3000, ...common },
];

/** The quick mode the tests use: a few hundred images, one epoch. */
export function quick(recipe: Recipe): Recipe {
  return { ...recipe, epochs: 1, imagesPerEpoch: 320 };
}
