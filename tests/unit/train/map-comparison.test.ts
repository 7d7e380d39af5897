import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  CAM_MISSING, compareOnSet, forEachImageMaps, measureImage, quantile, roundSignificant, summarise, summariseImages, type ImageMaps,
} from '../../../src/train/map-comparison.ts';
import { expectClose } from '../lib/close.ts';

describe('summaries over images', () => {
  it('interpolates quantiles between neighbours, by hand', () => {
    // sorted 1, 2, 3, 4: q = 0.1 sits at 0.3 of the way from 1 to 2; q = 0.9 at 0.7 of the way from 3 to 4
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([7], 0.9)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow('no values');
    expect(() => quantile([1], 1.5)).toThrow('outside [0, 1]');
  });
  it('summarises unsorted values and leaves out NaN', () => {
    const s = summarise([4, 1, NaN, 3, 2]);
    expect(s.n).toBe(4);
    expect(s.mean).toBeCloseTo(2.5, 12);
    expect(s.median).toBeCloseTo(2.5, 12);
    expect([s.p10, s.p90, s.min, s.max].map((v) => Number(v.toFixed(12)))).toEqual([1.3, 3.7, 1, 4]);
    // a skewed set: the mean is pulled by one value, the median is not
    const skewed = summarise([0.1, 0.9, 0.9, 0.9, 0.9]);
    expect(skewed.mean).toBeCloseTo(0.74, 12);
    expect(skewed.median).toBeCloseTo(0.9, 12);
    expect(() => summarise([NaN])).toThrow('nothing to summarise');
  });
  it('rounds non-integers to four significant digits and keeps counts exact', () => {
    expect(roundSignificant({ a: 0.123456, n: 12345, s: [2.4e-7, 1], t: 'x' })).toEqual({ a: 0.1235, n: 12345, s: [2.4e-7, 1], t: 'x' });
  });
});

describe('one image: CAM, Grad-CAM without its ReLU, Grad-CAM', () => {
  // A peak of 12, a flat background of 0 and two cells of -4: what a GAP network's M_c looks like in small.
  const M = [-4, 0, 0, 12, 0, 0, -4, 0, 0];
  const linear = M.map((v) => v / 9); // Grad-CAM before its ReLU on a GAP network: M_c / Z

  it('measures by hand-computed numbers', () => {
    const m = measureImage(M, linear);
    expect(m.negativeShare).toBeCloseTo(2 / 9, 12);
    expect(m.gradCamFlat).toBe(false);
    // Scaled CAM: the background at 4/16 = 0.25; scaled Grad-CAM: the background at 0.
    // Correlation of M and ReLU(M): mean 4/9 and 4/3, cov sum 144 - 16/3 = 416/3, var sums 1568/9 and 128 -> 416/448 = 13/14.
    expect(m.cam!.correlation).toBeCloseTo(13 / 14, 6);
    expect(m.cam!.largestDifference).toBeCloseTo(0.25, 6);
    // CAM: centre {1}, surroundings six cells of 0.25 and two of 0 -> 1 - 1.5/8; Grad-CAM: 1 - 0.
    expectClose([m.cam!.contrastA, m.cam!.surroundA, m.cam!.contrastB, m.cam!.surroundB], [1 - 1.5 / 8, 1.5 / 8, 1, 0]);
    // Grad-CAM without its ReLU is CAM / 9: the same numbers, and no gap once both are scaled.
    expectClose([m.relu.correlation, m.relu.largestDifference, m.relu.contrastA, m.relu.contrastB], [13 / 14, 0.25, 1 - 1.5 / 8, 1]);
    expect(m.camToLinear).toBeLessThan(1e-6);
  });

  it('a map with no negative cell: the ReLU changes nothing', () => {
    const m = measureImage([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(m.negativeShare).toBe(0);
    expect(m.relu.correlation).toBeCloseTo(1, 12);
    expect(m.relu.largestDifference).toBe(0);
    expect(m.relu.contrastB).toBeCloseTo(m.relu.contrastA, 12);
  });

  it('a Grad-CAM that is zero everywhere is flat, its correlation undefined', () => {
    const m = measureImage(null, [-1, -2, 0, -3]);
    expect(m.gradCamFlat).toBe(true);
    expect(m.negativeShare).toBe(0.75);
    expect(m.relu.correlation).toBeNaN();
    expect(m.cam).toBeNull();
    expect(m.camToLinear).toBeNull();
    // a constant map is as flat: min-max scaling sends it to zeros
    expect(measureImage(null, [0.25, 0.25, 0.25, 0.25]).gradCamFlat).toBe(true);
  });

  it('refuses maps of different sizes', () => {
    expect(() => measureImage([1, 2, 3], [1, 2])).toThrow('must be the same map size');
  });
});

describe('summarising images', () => {
  const peaked = measureImage([-4, 0, 0, 12, 0, 0, -4, 0, 0], [-4, 0, 0, 12, 0, 0, -4, 0, 0].map((v) => v / 9));
  const positive = measureImage([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('counts where the ReLU acts and what it does to the contrast', () => {
    const s = summariseImages([peaked, positive], [3, 3], CAM_MISSING);
    expect(s.images).toBe(2);
    expect(s.imagesWithNegativeCells).toBe(0.5);
    expect(s.negativeShare.mean).toBeCloseTo(1 / 9, 12);
    // the peaked map gains 1.5/8 = 0.1875 of contrast; the positive one gains nothing
    expect(s.relu.contrastGain.mean).toBeCloseTo(0.1875 / 2, 6);
    expect(s.relu.raisesContrast).toBe(0.5);
    expect(s.relu.lowersContrast).toBe(0);
    expect(s.cam.exists).toBe(true);
    if (s.cam.exists) expect(s.cam.correlation.mean).toBeCloseTo((13 / 14 + 1) / 2, 6);
    expect(s.flatGradCam).toBe(0);
  });

  it('says why there is no CAM instead of a number', () => {
    const s = summariseImages([measureImage(null, [1, -1, 2, 0])], [2, 2], CAM_MISSING);
    expect(s.cam).toEqual({ exists: false, why: CAM_MISSING });
    expect(() => summariseImages([], [2, 2], CAM_MISSING)).toThrow('no images');
    expect(() => summariseImages([peaked, measureImage(null, [1, 2])], [3, 3], CAM_MISSING)).toThrow('some images have a CAM');
  });
});

describe('maps of a network over a set of images, by hand', () => {
  // 2x2 images of 2 channels; last_conv is the identity (1x1 kernel, ReLU): A^k is the image's channel k.
  function network(head: 'gap' | 'flatten'): tfl.LayersModel {
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ inputShape: [2, 2, 2], filters: 2, kernelSize: 1, useBias: false, activation: 'relu', name: 'last_conv' }));
    if (head === 'gap') {
      m.add(tfl.layers.globalAveragePooling2d({}));
      m.add(tfl.layers.dense({ units: 2, activation: 'softmax' }));
      // w^0 = (1, -2), w^1 = (-1, 1); biases (0.1, 0) stay out of the maps
      m.layers[2].setWeights([tf.tensor2d([[1, -1], [-2, 1]]), tf.tensor1d([0.1, 0])]);
    } else {
      m.add(tfl.layers.flatten({}));
      m.add(tfl.layers.dense({ units: 2, activation: 'softmax', useBias: false }));
      // inputs ordered (y, x, k): class 0 weighs channel 0 at the top-left cell only; class 1 weighs channel 1 by 0.25 everywhere
      const kernel = [[1, 0], [0, 0.25], [0, 0], [0, 0.25], [0, 0], [0, 0.25], [0, 0], [0, 0.25]];
      m.layers[2].setWeights([tf.tensor2d(kernel)]);
    }
    m.layers[0].setWeights([tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2])]);
    return m;
  }
  // Image 0: A^1 = [[1, 0], [0, 3]], A^2 = [[0, 2], [0, 0]]. Image 1: A^1 = [[0, 0], [0, 2]], A^2 = all 1.
  const images = { images: Float32Array.from([1, 0, 0, 2, 0, 0, 3, 0, 0, 1, 0, 1, 0, 1, 2, 1]), count: 2 };

  it('GAP head: M_c by hand, Grad-CAM before its ReLU is M_c / Z, one batch or several', () => {
    for (const batchSize of [1, 2]) {
      const seen: ImageMaps[] = [];
      const live: number[] = [];
      const { hasCam, mapSize } = forEachImageMaps(network('gap'), images, (maps) => {
        seen.push(maps);
        live.push(tf.memory().numTensors);
      }, { batchSize });
      // No tensor survives an image or a batch: the count is the same at every image.
      expect(new Set(live).size).toBe(1);
      expect([hasCam, mapSize]).toEqual([true, [2, 2]]);
      // Image 0: F = (1, 0.5), S = (1 - 1 + 0.1, -1 + 0.5) = (0.1, -0.5) -> class 0, M_0 = A^1 - 2 A^2.
      // Image 1: F = (0.5, 1), S = (0.5 - 2 + 0.1, -0.5 + 1) = (-1.4, 0.5) -> class 1, M_1 = -A^1 + A^2.
      expect(seen.map((s) => s.predicted)).toEqual([0, 1]);
      expectClose(seen[0].cam!, [1, -4, 0, 3]);
      expectClose(seen[0].linear, [0.25, -1, 0, 0.75]);
      expectClose(seen[1].cam!, [1, 1, 1, -1]);
      expectClose(seen[1].linear, [0.25, 0.25, 0.25, -0.25]);
    }
  });

  it('GAP head, image 0 summarised: contrast 16/21 for CAM and 8/9 for Grad-CAM', () => {
    const s = compareOnSet(network('gap'), { images: images.images.slice(0, 8), count: 1 });
    // CAM scaled by its range 7: (5/7, 0, 4/7, 1), centre (5/7 + 4/7 + 1) / 3 = 16/21, surroundings 0.
    // Grad-CAM (0.25, 0, 0, 0.75) scaled: (1/3, 0, 0, 1), centre 1, surroundings 1/9.
    if (!s.cam.exists) throw new Error('the GAP network must have a CAM');
    expectClose([s.cam.contrast.mean, s.gradCam.contrast.mean, s.gradCam.surround.mean], [16 / 21, 8 / 9, 1 / 9]);
    // the largest change: the cell of 0 goes from 4/7 to 0
    expect(s.cam.largestDifference.mean).toBeCloseTo(4 / 7, 6);
    expect(s.gradCamWithoutRelu.contrast.mean).toBeCloseTo(16 / 21, 6);
    expect(s.cam.largestGapToGradCamWithoutRelu).toBeLessThan(1e-6);
    expect(s.negativeShare.mean).toBe(0.25);
  });

  it('flatten head: no CAM, and alpha is the mean of the position-dependent gradient', () => {
    const seen: ImageMaps[] = [];
    const { hasCam } = forEachImageMaps(network('flatten'), images, (maps) => seen.push(maps));
    expect(hasCam).toBe(false);
    // Image 0: S = (1, 0.5) -> class 0; dS_0/dA^1 = (1, 0, 0, 0), alpha = (0.25, 0): the map is A^1 / 4.
    expect(seen[0].predicted).toBe(0);
    expect(seen[0].cam).toBeNull();
    expectClose(seen[0].linear, [0.25, 0, 0, 0.75]);
    // Image 1: S = (0, 1) -> class 1; alpha = (0, 0.25): the map is A^2 / 4.
    expect(seen[1].predicted).toBe(1);
    expectClose(seen[1].linear, [0.25, 0.25, 0.25, 0.25]);
    expect(compareOnSet(network('flatten'), images).cam).toEqual({ exists: false, why: CAM_MISSING });
  });

  it('refuses a set that is shorter than its count says', () => {
    expect(() => forEachImageMaps(network('gap'), { images: new Float32Array(8), count: 2 }, () => {})).toThrow('need 16 values; got 8');
  });
});
