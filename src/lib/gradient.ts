import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions; the umbrella @tensorflow/tfjs would, but pages load core only.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import type { Head } from './heads.ts';

/** What Grad-CAM differentiates: the score before softmax (the papers' choice) or the probability. */
export type GradientTarget = 'score' | 'probability';

/**
 * The class differentiated: its index, or a one-hot selector [C] made on the backend (the predicted class
 * as tf.oneHot(tf.argMax(S)), so that no score has to be read back before the gradient is taken).
 */
export type ClassChoice = number | tf.Tensor1D;

/** The scalar y^c a head produces for class c, before softmax or after it. */
export function classOutput(head: Head, A: tf.Tensor3D, c: ClassChoice, target: GradientTarget): tf.Scalar {
  const S = head(A);
  const out = target === 'score' ? S : tf.softmax(S);
  return typeof c === 'number' ? (tf.squeeze(tf.slice(out, [c], [1])) as tf.Scalar) : (tf.sum(tf.mul(out, c)) as tf.Scalar);
}

/** dy^c/dA, the same shape as A [H, W, K], by automatic differentiation through the head. */
export function classGradient(head: Head, A: tf.Tensor3D, c: ClassChoice, target: GradientTarget = 'score'): tf.Tensor3D {
  return tf.grad((a: tf.Tensor) => classOutput(head, a as tf.Tensor3D, c, target))(A) as tf.Tensor3D;
}
