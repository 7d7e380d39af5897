import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { normalizeForDisplay, upsampleBilinear } from '../../../src/lib/display.ts';
import { expectClose } from './close.ts';

describe('normalisation for display', () => {
  it('min-max stretches 2, 4, 6 to 0, 0.5, 1', () => {
    expectClose(normalizeForDisplay(tf.tensor1d([2, 4, 6]), 'minmax').dataSync(), [0, 0.5, 1]);
  });
  it('divide-by-max maps 2, 4, 8 to 0.25, 0.5, 1', () => {
    expectClose(normalizeForDisplay(tf.tensor1d([2, 4, 8]), 'max').dataSync(), [0.25, 0.5, 1]);
  });
  it('turns a flat map into zeros, not NaN', () => {
    expectClose(normalizeForDisplay(tf.tensor1d([3, 3, 3]), 'minmax').dataSync(), [0, 0, 0]);
    expectClose(normalizeForDisplay(tf.tensor1d([0, 0]), 'max').dataSync(), [0, 0]);
  });
});

describe('bilinear upsampling', () => {
  it('takes [0, 1] to [0, 0.25, 0.75, 1] with half-pixel centres', () => {
    expectClose(upsampleBilinear(tf.tensor2d([[0, 1]]), [1, 4]).dataSync(), [0, 0.25, 0.75, 1]);
  });
  it('keeps a constant map constant at any size', () => {
    const up = upsampleBilinear(tf.fill([3, 3], 7) as tf.Tensor2D, [64, 48]);
    expectClose(Array.from(new Set(up.dataSync())), [7]);
  });
});
