import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { applyFilters, flattenMaps, headParameters } from '../../../src/lib/convolve.ts';
import { localizeMap } from '../../../src/lib/localize-map.ts';
import { expectClose } from './close.ts';

describe('filters with tf.conv2d', () => {
  it('correlates (does not flip) with zero padding: one bright pixel copies the filter, mirrored about the centre', async () => {
    // out(i, j) = sum f(a, b) x(i + a - 1, j + b - 1); with x = 1 at the centre only, out(i, j) = f(2 - i, 2 - j).
    const image = [[0, 0, 0], [0, 1, 0], [0, 0, 0]];
    const [map] = await applyFilters(image, [[[1, 2, 0], [0, 0, 0], [0, 0, 5]]]);
    expect(map).toEqual([[5, 0, 0], [0, 0, 0], [0, 2, 1]]);
  });
  it('applies the ReLU, one map per filter', async () => {
    const image = [[1, 1], [1, 1]];
    // 'same' padding: at (0, 0) the 3x3 window covers the 2x2 image in its lower right.
    const maps = await applyFilters(image, [
      [[0, 0, 0], [0, 1, 1], [0, 1, 1]],
      [[0, 0, 0], [0, -1, 0], [0, 0, 0]],
    ]);
    expect(maps[0]).toEqual([[4, 2], [2, 1]]);
    expect(maps[1]).toEqual([[0, 0], [0, 0]]);
    expect((await applyFilters(image, [[[0, 0, 0], [0, -1, 0], [0, 0, 0]]], false))[0]).toEqual([[-1, -1], [-1, -1]]);
  });
  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await applyFilters([[1, 0], [0, 1]], [[[1, 0, 0], [0, 1, 0], [0, 0, 1]]]);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('flattens channel after channel, row after row', () => {
    expect(flattenMaps([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('counts a dense head’s parameters: 3 maps of 5x5 and 4 classes give 304 flattened against 16 after GAP', () => {
    expect(headParameters(3, 5, 5, 4)).toEqual({ flatten: 3 * 25 * 4 + 4, gap: 3 * 4 + 4 });
    expect(headParameters(1024, 14, 14, 1000)).toEqual({ flatten: 200_705_000, gap: 1_025_000 });
  });
});

describe('localizing with a class activation map', () => {
  // [[0, 4], [0, 4]] upsampled to 4x4 with half-pixel centres: source columns -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1),
  // so every row reads 0, 1, 3, 4.
  const M = [0, 4, 0, 4];
  it('upsamples bilinearly, thresholds at a fraction of the max and boxes the largest part', async () => {
    const r = await localizeMap(M, 2, 2, { width: 4, height: 4 }, 0.2, { x0: 2, y0: 0, x1: 4, y1: 4 });
    expectClose(r.up, [0, 1, 3, 4, 0, 1, 3, 4, 0, 1, 3, 4, 0, 1, 3, 4]);
    expect(r.max).toBeCloseTo(4, 6);
    expect(r.cut).toBeCloseTo(0.8, 6);
    expect(r.box).toEqual({ x0: 1, y0: 0, x1: 4, y1: 4 });
    // Predicted 3x4 = 12 pixels, true 2x4 = 8, overlap 8: IoU = 8 / 12.
    expect(r.iou).toBeCloseTo(2 / 3, 6);
    expect(r.correct).toBe(true);
  });
  it('a higher threshold shrinks the box: at 50% the cut is 2 and the box matches the truth', async () => {
    const r = await localizeMap(M, 2, 2, { width: 4, height: 4 }, 0.5, { x0: 2, y0: 0, x1: 4, y1: 4 });
    expect(r.box).toEqual({ x0: 2, y0: 0, x1: 4, y1: 4 });
    expect(r.iou).toBe(1);
  });
  it('finds nothing in a map with no positive value, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const r = await localizeMap([-1, -2, -3, -4], 2, 2, { width: 4, height: 4 }, 0.2, { x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(r.box).toBeNull();
    expect(r.iou).toBe(0);
    expect(r.correct).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
