/**
 * Lesson 9's comparison over a test set: CAM against Grad-CAM, and Grad-CAM with and without its ReLU, for
 * each image's predicted class, measured with src/lib/compare.ts exactly as the lesson's widget measures its
 * toy scenes (min-max scaling, Pearson's correlation, centre/surround contrast), then summarised.
 * The maps are compared at the cut layer's own resolution (16x16 at last_conv): no upsampling blurs them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { classActivationMap } from '../lib/cam.ts';
import { compareMaps, minMaxScale } from '../lib/compare.ts';
import { classGradient } from '../lib/gradient.ts';
import { gradCamMap, gradCamWeights } from '../lib/gradcam.ts';
import { camWeights, cutModel } from '../model/cut.ts';

/** A distribution over the images: the mean, and the order statistics the mean can hide. */
export interface Summary {
  n: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

/** The q-quantile of ascending values, interpolating linearly between neighbours (numpy's default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) throw new Error('quantile of no values');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile ${q} is outside [0, 1]`);
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

/** Summarises the finite values; NaN (a flat map's undefined correlation) is left out and not counted in n. */
export function summarise(values: ArrayLike<number>): Summary {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) throw new Error('nothing to summarise: every value is NaN or infinite');
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  return { n: finite.length, mean, median: quantile(finite, 0.5), p10: quantile(finite, 0.1), p90: quantile(finite, 0.9), min: finite[0], max: finite[finite.length - 1] };
}

/** Two maps, each min-max scaled for display: how alike they are and how sharply each one's centre stands out. */
export interface PairMeasures {
  /** Pearson's correlation of the raw maps (NaN when one is flat). */
  correlation: number;
  /** The largest |b - a| over the cells, after each map's own min-max scaling. */
  largestDifference: number;
  /** Centre/surround contrast and the surroundings' mean of each scaled map. */
  contrastA: number;
  contrastB: number;
  surroundA: number;
  surroundB: number;
}

export function pairMeasures(rawA: ArrayLike<number>, rawB: ArrayLike<number>): PairMeasures {
  const c = compareMaps(rawA, rawB);
  let largest = 0;
  for (const d of c.diff) largest = Math.max(largest, Math.abs(d));
  return {
    correlation: c.correlation,
    largestDifference: largest,
    contrastA: c.contrastA.contrast,
    contrastB: c.contrastB.contrast,
    surroundA: c.contrastA.surround,
    surroundB: c.contrastB.surround,
  };
}

export interface ImageMeasures {
  /** Grad-CAM has one value on every cell (zero where sum_k alpha_k A^k <= 0 everywhere): scaling has nothing to stretch. */
  gradCamFlat: boolean;
  /** The share of cells where sum_k alpha_k A^k < 0: the cells Grad-CAM's ReLU sets to zero. */
  negativeShare: number;
  /** Grad-CAM without its ReLU (a) against Grad-CAM (b). */
  relu: PairMeasures;
  /** CAM (a) against Grad-CAM (b), when the network has a CAM. */
  cam: PairMeasures | null;
  /** max |scaled CAM - scaled Grad-CAM without ReLU|: lesson 8 says 0 on a GAP network. */
  camToLinear: number | null;
}

/**
 * The measures of one image from its maps at the cut layer: `cam` is M_c (null where CAM does not exist),
 * `linear` is sum_k alpha_k^c A^k before Grad-CAM's ReLU.
 */
export function measureImage(cam: ArrayLike<number> | null, linear: ArrayLike<number>): ImageMeasures {
  if (cam && cam.length !== linear.length) throw new Error(`the CAM has ${cam.length} cells and the Grad-CAM ${linear.length}: they must be the same map size`);
  const gradCam = Float32Array.from(linear, (v) => Math.max(0, v));
  let negative = 0;
  for (let i = 0; i < linear.length; i++) if (linear[i] < 0) negative++;
  let camToLinear: number | null = null;
  if (cam) {
    const [a, b] = [minMaxScale(cam), minMaxScale(linear)];
    camToLinear = 0;
    for (let i = 0; i < a.length; i++) camToLinear = Math.max(camToLinear, Math.abs(a[i] - b[i]));
  }
  return {
    gradCamFlat: !(Math.max(...gradCam) - Math.min(...gradCam) > 1e-12),
    negativeShare: linear.length ? negative / linear.length : 0,
    relu: pairMeasures(linear, gradCam),
    cam: cam ? pairMeasures(cam, gradCam) : null,
    camToLinear,
  };
}

/** Per image, at the cut layer: the predicted class, M_c (or null) and sum_k alpha_k^c A^k. */
export interface ImageMaps {
  predicted: number;
  cam: Float32Array | null;
  linear: Float32Array;
}

/**
 * Runs the network over `images` ([count, h, w, 3] in one array) in batches and hands each image's maps to
 * `visit`, in order. The body runs once per batch; each image's maps come from src/lib (the same functions
 * the widgets use) in one tidy with one read-back.
 */
export function forEachImageMaps(
  model: tfl.LayersModel,
  images: { images: Float32Array; count: number },
  visit: (maps: ImageMaps, index: number) => void,
  options: { layer?: string; batchSize?: number; onBatch?: (done: number) => void } = {},
): { hasCam: boolean; mapSize: [number, number] } {
  const cut = cutModel(model, options.layer ?? 'last_conv');
  const [H, W] = cut.featureShape;
  const [h, w, channels] = (model.inputs[0].shape as number[]).slice(1);
  const pixels = h * w * channels;
  if (images.images.length < images.count * pixels) throw new Error(`${images.count} images of ${h}x${w}x${channels} need ${images.count * pixels} values; got ${images.images.length}`);
  const cam = camWeights(cut);
  const batchSize = options.batchSize ?? 50;
  try {
    for (let start = 0; start < images.count; start += batchSize) {
      const n = Math.min(batchSize, images.count - start);
      const batchA = tf.tidy(() => cut.body.apply(tf.tensor4d(images.images.subarray(start * pixels, (start + n) * pixels), [n, h, w, channels]), { training: false }) as tf.Tensor4D);
      const predicted = tf.tidy(() => tf.argMax(cut.headModel.apply(batchA, { training: false }) as tf.Tensor2D, 1).dataSync() as Int32Array);
      for (let i = 0; i < n; i++) {
        const c = predicted[i];
        const flat = tf.tidy(() => {
          const A = tf.squeeze(tf.slice(batchA, [i, 0, 0, 0], [1, -1, -1, -1]), [0]) as tf.Tensor3D;
          const linear = gradCamMap(A, gradCamWeights(classGradient(cut.head, A, c)), { relu: false });
          const parts = [tf.reshape(linear, [-1])];
          if (cam) parts.push(tf.reshape(classActivationMap(A, tf.squeeze(tf.slice(cam.w, [c, 0], [1, -1]), [0]) as tf.Tensor1D), [-1]));
          return tf.concat(parts).dataSync() as Float32Array;
        });
        const Z = H * W;
        visit({ predicted: c, linear: flat.slice(0, Z), cam: cam ? flat.slice(Z, 2 * Z) : null }, start + i);
      }
      batchA.dispose();
      options.onBatch?.(start + n);
    }
  } finally {
    if (cam) tf.dispose([cam.w, cam.b]);
  }
  return { hasCam: cam !== null, mapSize: [H, W] };
}

/** What the lesson's table shows for one network, over the whole set. */
export interface NetworkComparison {
  images: number;
  mapSize: [number, number];
  /** Images whose Grad-CAM has one value on every cell (usually zero): no picture to scale, no correlation. */
  flatGradCam: number;
  /** The share of each map's cells that the ReLU sets to zero, and the share of images where it sets any. */
  negativeShare: Summary;
  imagesWithNegativeCells: number;
  gradCam: { contrast: Summary; surround: Summary };
  gradCamWithoutRelu: { contrast: Summary; surround: Summary };
  /** Grad-CAM without against with its ReLU. */
  relu: { correlation: Summary; largestDifference: Summary; contrastGain: Summary; raisesContrast: number; lowersContrast: number };
  /** CAM against Grad-CAM, or why there is no CAM. */
  cam:
    | { exists: true; contrast: Summary; surround: Summary; correlation: Summary; largestDifference: Summary; largestGapToGradCamWithoutRelu: number }
    | { exists: false; why: string };
}

/** Collects per-image measures into the summaries of NetworkComparison. */
export function summariseImages(measures: ImageMeasures[], mapSize: [number, number], camMissing: string): NetworkComparison {
  if (!measures.length) throw new Error('no images to compare');
  const pick = (f: (m: ImageMeasures) => number) => summarise(measures.map(f));
  const share = (f: (m: ImageMeasures) => boolean) => measures.filter(f).length / measures.length;
  const withCam = measures.filter((m) => m.cam);
  if (withCam.length && withCam.length !== measures.length) throw new Error('some images have a CAM and some do not');
  const gain = (m: ImageMeasures) => m.relu.contrastB - m.relu.contrastA;
  return {
    images: measures.length,
    mapSize,
    flatGradCam: measures.filter((m) => m.gradCamFlat).length,
    negativeShare: pick((m) => m.negativeShare),
    imagesWithNegativeCells: share((m) => m.negativeShare > 0),
    gradCam: { contrast: pick((m) => m.relu.contrastB), surround: pick((m) => m.relu.surroundB) },
    gradCamWithoutRelu: { contrast: pick((m) => m.relu.contrastA), surround: pick((m) => m.relu.surroundA) },
    relu: {
      correlation: pick((m) => m.relu.correlation),
      largestDifference: pick((m) => m.relu.largestDifference),
      contrastGain: pick(gain),
      raisesContrast: share((m) => gain(m) > 1e-6),
      lowersContrast: share((m) => gain(m) < -1e-6),
    },
    cam: withCam.length
      ? {
          exists: true,
          contrast: pick((m) => m.cam!.contrastA),
          surround: pick((m) => m.cam!.surroundA),
          correlation: pick((m) => m.cam!.correlation),
          largestDifference: pick((m) => m.cam!.largestDifference),
          largestGapToGradCamWithoutRelu: Math.max(...measures.map((m) => m.camToLinear!)),
        }
      : { exists: false, why: camMissing },
  };
}

/** Lesson 9's comparison for one network over a set of images. */
export function compareOnSet(
  model: tfl.LayersModel,
  set: { images: Float32Array; count: number },
  options: { layer?: string; batchSize?: number; onBatch?: (done: number) => void } = {},
): NetworkComparison {
  const measures: ImageMeasures[] = [];
  const { mapSize } = forEachImageMaps(model, set, (maps) => measures.push(measureImage(maps.cam, maps.linear)), options);
  return summariseImages(measures, mapSize, CAM_MISSING);
}

/** Why a flatten head has no CAM (said in the JSON, so the table never shows a number for it). */
export const CAM_MISSING =
  'CAM needs global average pooling followed by one linear layer after the last conv layer, so that each class has one weight per channel. A flatten head gives each channel a separate weight at each position (in shapes-fc, at each of the 4x4 positions left by a max pool, in a hidden Dense layer with a ReLU before the scores): there is no w_k^c to form M_c with.';

/** Every non-integer to `digits` significant digits, deep (counts stay exact): the JSON the lesson reads stays readable in a diff. */
export function roundSignificant<T>(value: T, digits = 4): T {
  if (typeof value === 'number') return (Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(digits)) : value) as T;
  if (Array.isArray(value)) return value.map((v) => roundSignificant(v, digits)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundSignificant(v, digits)])) as T;
  return value;
}
