import * as tf from '@tensorflow/tfjs-core';
import type { Head } from './heads.ts';
import { seededRandom } from './random.ts';

/**
 * A toy fully connected head, the kind CAM cannot explain (VGG16's): the last conv layer's maps are
 * flattened into one vector of H*W*K numbers, then dense (D hidden units, ReLU), then dense (C scores).
 * Every weight of the first dense layer belongs to one position (i, j) of one channel k, so the score's
 * gradient with respect to A^k_ij changes from position to position, and there is no single w_k^c.
 */
export interface FcHeadParams {
  /** Hidden units of the first dense layer. */
  D: number;
  /** First dense layer, [D][H*W*K], columns in the flatten order of A [H, W, K]: index (i*W + j)*K + k. */
  W1: number[][];
  b1: number[];
  /** Second dense layer, [C][D]. */
  W2: number[][];
  b2: number[];
}


/** Where each hidden unit looks, in coordinates 0..1 of the map: the centre and the four corners. */
const FIELDS: readonly [number, number][] = [
  [0.5, 0.5],
  [0.15, 0.15],
  [0.15, 0.85],
  [0.85, 0.15],
  [0.85, 0.85],
];

/**
 * Hand-shaped, seeded weights for a toy FC head of any size. Hidden unit d reads a smooth patch of the
 * map (a Gaussian around FIELDS[d]) from every channel with its own seeded channel weights, scaled by
 * 1/Z so that its numbers stay comparable with GAP's; the second layer mixes the units with seeded weights.
 */
export function toyFcParams(K: number, H: number, W: number, C: number, seed = 6): FcHeadParams {
  const rand = seededRandom(seed * 7919 + K * 1009 + H * 101 + W * 11 + C);
  const D = FIELDS.length;
  const Z = H * W;
  const sigma = 0.28;
  const W1 = FIELDS.map(([cy, cx]) => {
    const mix = Array.from({ length: K }, () => Math.round((rand() * 2.5 - 0.5) * 100) / 100);
    const row = new Array<number>(H * W * K);
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < W; j++) {
        const y = H > 1 ? i / (H - 1) : 0.5;
        const x = W > 1 ? j / (W - 1) : 0.5;
        const g = Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * sigma * sigma));
        for (let k = 0; k < K; k++) row[(i * W + j) * K + k] = (3 * g * mix[k]) / Z;
      }
    }
    return row;
  });
  const b1 = new Array<number>(D).fill(0.5);
  const W2 = Array.from({ length: C }, () => Array.from({ length: D }, () => Math.round((rand() * 3 - 1) * 100) / 100));
  const b2 = new Array<number>(C).fill(0);
  return { D, W1, b1, W2, b2 };
}

const cache = new Map<string, FcHeadParams>();

/** toyFcParams, computed once per shape. */
export function toyFcParamsFor(K: number, H: number, W: number, C: number): FcHeadParams {
  const key = `${K}x${H}x${W}x${C}`;
  let params = cache.get(key);
  if (!params) {
    params = toyFcParams(K, H, W, C);
    cache.set(key, params);
  }
  return params;
}

/** conv features -> flatten -> dense + ReLU -> dense: scores before softmax, [C]. */
export function fcHead(params: FcHeadParams): Head {
  return (A) => {
    const x = tf.reshape(A, [-1, 1]);
    const hidden = tf.relu(tf.add(tf.squeeze(tf.matMul(tf.tensor2d(params.W1), x), [1]), tf.tensor1d(params.b1)));
    return tf.add(tf.squeeze(tf.matMul(tf.tensor2d(params.W2), tf.expandDims(hidden, 1)), [1]), tf.tensor1d(params.b2)) as tf.Tensor1D;
  };
}

/** How many numbers each head must learn: the price of flattening, and what GAP saves. */
export function headParameterCounts(K: number, H: number, W: number, C: number, D: number): { gap: number; fc: number; flat: number } {
  const flat = H * W * K;
  return { gap: K * C + C, fc: flat * D + D + D * C + C, flat };
}
