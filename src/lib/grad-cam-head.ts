/**
 * Grad-CAM on the head of a real network: from the activations A [H, W, K] of its last conv layer, the
 * scores, the class explained, the gradient of its score (or probability), alpha, and the map before and
 * after the ReLU. Tensors only, made inside the caller's tf.tidy, so that the caller reads everything back
 * in one transfer: `npm run explain` (src/model/explain.ts) and the trained widgets of lessons 7 and 9
 * (src/model/network-explainer.ts) both compute it here.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Head } from './heads.ts';
import { classGradient, type GradientTarget } from './gradient.ts';
import { gradCamWeights, weightedChannelSum } from './gradcam.ts';
import { useFirstMaxPoolGradient } from './max-pool-gradient.ts';

export interface HeadGradCamOptions {
  /** The class to explain; the predicted class (largest score) when left out. */
  c?: number;
  /** Differentiate the score before softmax (default) or the probability. */
  target?: GradientTarget;
  /** Negate the gradients: the counterfactual map of what lowers y^c. */
  counterfactual?: boolean;
}

export interface HeadGradCam {
  /** S_c for every class, before softmax, and softmax(S). */
  S: tf.Tensor1D;
  p: tf.Tensor1D;
  /** The class explained, an int32 scalar (argmax S when no class was given). */
  c: tf.Scalar;
  /** dy^c/dA [H, W, K], as differentiated (not negated for the counterfactual). */
  dYdA: tf.Tensor3D;
  /** alpha_k^c = (1/Z) sum_ij dy^c/dA^k_ij, negated for the counterfactual. */
  alpha: tf.Tensor1D;
  /** sum_k alpha_k^c A^k [H, W], before the ReLU, and L^c = its ReLU. */
  linear: tf.Tensor2D;
  map: tf.Tensor2D;
}

export class ClassRangeError extends RangeError {}

/** Call inside tf.tidy. Throws a ClassRangeError for a class the head does not have. */
export function headGradCam(head: Head, A: tf.Tensor3D, options: HeadGradCamOptions = {}): HeadGradCam {
  useFirstMaxPoolGradient(); // a max-pooling head on WebAssembly: see max-pool-gradient.ts
  const S = head(A);
  const C = S.shape[0];
  const { c } = options;
  if (c !== undefined && (!Number.isInteger(c) || c < 0 || c >= C)) {
    throw new ClassRangeError(`class ${c} is out of range: this network has ${C} classes (0-${C - 1})`);
  }
  const index = c === undefined ? (tf.argMax(S) as tf.Scalar) : tf.scalar(c, 'int32');
  // A one-hot selector picks the class on the backend: the predicted class needs no read-back of S first.
  const selector = tf.cast(tf.oneHot(index, C), 'float32') as tf.Tensor1D;
  const dYdA = classGradient(head, A, selector, options.target ?? 'score');
  const alpha = gradCamWeights(dYdA, { counterfactual: options.counterfactual });
  const linear = weightedChannelSum(A, alpha);
  return { S, p: tf.softmax(S), c: index, dYdA, alpha, linear, map: tf.relu(linear) };
}
