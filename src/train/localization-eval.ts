/**
 * Our version of the CAM paper's Table 3 on the shapes test set: weakly supervised localization by
 * CAM, Grad-CAM, gradient saliency ("Backprop") and a centred box, with src/lib's maps and its
 * localization protocol (threshold at a fraction of the map's max, largest connected part, its box).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { classActivationMap } from '../lib/cam.ts';
import { headGradCam } from '../lib/grad-cam-head.ts';
import { upsampleBilinear } from '../lib/display.ts';
import { boxArea, iou, localize, type Box } from '../lib/localize.ts';
import { camWeights, cutModel, logitsModel } from '../model/cut.ts';
import { SIZE, type ShapeSet } from '../shapes/dataset.ts';

export type MapMethod = 'cam' | 'gradcam' | 'backprop';

/** Thresholds swept for MaxBoxAcc (fractions of the map's max). */
export const THRESHOLDS = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);
export const PAPER_THRESHOLD = 0.2;

export interface MethodResult {
  id: string;
  label: string;
  model: string;
  method: MapMethod | 'center';
  /** Class wrong or IoU < 0.5 at the paper's 20% threshold. */
  top1LocError: number;
  /** IoU >= 0.5 at 20%, whatever the class (Choe et al.'s BoxAcc). */
  boxAccuracy: number;
  /** The best BoxAcc over the thresholds (Choe et al.'s MaxBoxAcc), and where it is reached. */
  maxBoxAcc: { best: number; threshold: number };
  /**
   * Per threshold: BoxAcc, top-1 localization accuracy, and the median of (box area / true box area) over the
   * images (0 for no box): above 1 the boxes are mostly larger than the shape, below 1 smaller; and the share of
   * images whose box has its centre inside the true box (whether a small box sits on the shape).
   */
  sweep: { threshold: number; boxAccuracy: number; top1LocAccuracy: number; medianAreaRatio: number; centreInside: number }[];
  meanIoU: number;
}

/** The median of a sample (the mean of the two middle values for an even count). */
function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function predictedClass(scores: tf.Tensor1D): number {
  return tf.tidy(() => tf.argMax(scores).dataSync()[0]);
}

/** The predicted class and the map for it, at 64x64, for a batch of images [n, 64, 64, 3]. */
type MapFn = (images: tf.Tensor4D) => { predicted: Int32Array; maps: Float32Array[] };

export function mapFunction(model: tfl.LayersModel, method: MapMethod, layer = 'last_conv'): MapFn {
  if (method === 'backprop') {
    // Gradient saliency: |dS_c/dx|, the largest over the colour channels (Simonyan et al.). The whole network
    // is differentiated once per batch: with inference-mode layers, image i's score depends on image i only,
    // so the gradient of the sum of each image's predicted-class score is every image's own gradient.
    const logits = logitsModel(model);
    return (images) => {
      const n = images.shape[0];
      const predicted = tf.tidy(() => tf.argMax(logits.apply(images, { training: false }) as tf.Tensor2D, 1).dataSync() as Int32Array);
      const flat = tf.tidy(() => {
        const mask = tf.oneHot(tf.tensor1d(predicted, 'int32'), (logits.outputs[0].shape as number[])[1]);
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(logits.apply(x, { training: false }) as tf.Tensor2D, mask)))(images);
        return tf.max(tf.abs(g), 3).dataSync() as Float32Array;
      });
      return { predicted: Int32Array.from(predicted), maps: Array.from({ length: n }, (_, i) => flat.slice(i * SIZE * SIZE, (i + 1) * SIZE * SIZE)) };
    };
  }
  const cut = cutModel(model, layer);
  const cam = method === 'cam' ? camWeights(cut) : null;
  if (method === 'cam' && !cam) throw new Error(`CAM does not apply to ${model.name}`);
  return (images) => {
    // The body runs once per batch; each image's map then comes from src/lib, one image at a time.
    const batchA = tf.tidy(() => cut.body.apply(images, { training: false }) as tf.Tensor4D);
    const n = images.shape[0];
    const predicted = new Int32Array(n);
    const maps: Float32Array[] = [];
    for (let i = 0; i < n; i++) {
      const A = tf.tidy(() => tf.squeeze(tf.slice(batchA, [i, 0, 0, 0], [1, -1, -1, -1]), [0]) as tf.Tensor3D);
      const scores = cut.head(A);
      predicted[i] = predictedClass(scores);
      maps.push(tf.tidy(() => {
        const m = cam
          ? classActivationMap(A, tf.squeeze(tf.slice(cam.w, [predicted[i], 0], [1, -1]), [0]) as tf.Tensor1D)
          : headGradCam(cut.head, A, { c: predicted[i] }).map;
        return upsampleBilinear(m, [SIZE, SIZE]).dataSync() as Float32Array;
      }));
      tf.dispose([A, scores]);
    }
    batchA.dispose();
    return { predicted, maps };
  };
}

/** Scores one method's boxes over a set. */
function score(boxesAt: (threshold: number, i: number) => Box | null, predicted: Int32Array, set: ShapeSet): Omit<MethodResult, 'id' | 'label' | 'model' | 'method'> {
  const sweep = THRESHOLDS.map((threshold) => {
    let box = 0, loc = 0;
    let centred = 0;
    const ratios = new Float64Array(set.count);
    for (let i = 0; i < set.count; i++) {
      const found = boxesAt(threshold, i);
      const truth = set.boxes[i];
      const ok = iou(found, truth) >= 0.5;
      if (ok) box++;
      if (ok && predicted[i] === set.labels[i]) loc++;
      ratios[i] = found ? boxArea(found) / boxArea(truth) : 0;
      if (found) {
        const [cx, cy] = [(found.x0 + found.x1) / 2, (found.y0 + found.y1) / 2];
        if (cx >= truth.x0 && cx <= truth.x1 && cy >= truth.y0 && cy <= truth.y1) centred++;
      }
    }
    return {
      threshold, boxAccuracy: box / set.count, top1LocAccuracy: loc / set.count,
      medianAreaRatio: Number(median(ratios).toFixed(3)), centreInside: centred / set.count,
    };
  });
  const at20 = sweep.find((s) => s.threshold === PAPER_THRESHOLD)!;
  const best = sweep.reduce((a, b) => (b.boxAccuracy > a.boxAccuracy ? b : a));
  let iouSum = 0;
  for (let i = 0; i < set.count; i++) iouSum += iou(boxesAt(PAPER_THRESHOLD, i), set.boxes[i]);
  return {
    top1LocError: 1 - at20.top1LocAccuracy,
    boxAccuracy: at20.boxAccuracy,
    maxBoxAcc: { best: best.boxAccuracy, threshold: best.threshold },
    sweep,
    meanIoU: iouSum / set.count,
  };
}

export function evaluateMaps(model: tfl.LayersModel, method: MapMethod, set: ShapeSet, onBatch?: (done: number) => void, batchSize = 50): Omit<MethodResult, 'id' | 'label' | 'model' | 'method'> & { predicted: Int32Array } {
  const fn = mapFunction(model, method);
  const predicted = new Int32Array(set.count);
  const boxes: (Box | null)[][] = THRESHOLDS.map(() => []);
  const pixels = SIZE * SIZE * 3;
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const images = tf.tensor4d(set.images.subarray(start * pixels, (start + n) * pixels), [n, SIZE, SIZE, 3]);
    const result = fn(images);
    images.dispose();
    for (let i = 0; i < n; i++) {
      predicted[start + i] = result.predicted[i];
      THRESHOLDS.forEach((t, j) => (boxes[j][start + i] = localize(result.maps[i], SIZE, SIZE, t).box));
    }
    onBatch?.(start + n);
  }
  return { ...score((t, i) => boxes[THRESHOLDS.indexOf(t)][i], predicted, set), predicted };
}

/** A centred square of a fixed side; the sweep varies its side instead of a threshold. */
export function centredBox(side: number): Box {
  const x0 = Math.round((SIZE - side) / 2);
  return { x0, y0: x0, x1: x0 + side, y1: x0 + side };
}

export function evaluateCentredBox(set: ShapeSet, predicted: Int32Array, side: number): { top1LocError: number; boxAccuracy: number; meanIoU: number; bestSide: { side: number; boxAccuracy: number } } {
  const accuracy = (s: number) => {
    let box = 0, loc = 0, iouSum = 0;
    for (let i = 0; i < set.count; i++) {
      const v = iou(centredBox(s), set.boxes[i]);
      iouSum += v;
      if (v >= 0.5) {
        box++;
        if (predicted[i] === set.labels[i]) loc++;
      }
    }
    return { box: box / set.count, loc: loc / set.count, meanIoU: iouSum / set.count };
  };
  const main = accuracy(side);
  let bestSide = { side, boxAccuracy: main.box };
  for (let s = 8; s <= SIZE; s += 2) {
    const a = accuracy(s).box;
    if (a > bestSide.boxAccuracy) bestSide = { side: s, boxAccuracy: a };
  }
  return { top1LocError: 1 - main.loc, boxAccuracy: main.box, meanIoU: main.meanIoU, bestSide };
}
