import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions; the umbrella @tensorflow/tfjs would, but pages load core only.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import type { Head } from './heads.ts';

/** What Grad-CAM differentiates: the score before softmax (the papers' choice) or the probability. */
export type GradientTarget = 'score' | 'probability';

/** The scalar y^c a head produces for class c, before softmax or after it. */
export function classOutput(head: Head, A: tf.Tensor3D, c: number, target: GradientTarget): tf.Scalar {
  const S = head(A);
  const out = target === 'score' ? S : tf.softmax(S);
  return tf.squeeze(tf.slice(out, [c], [1])) as tf.Scalar;
}

/** dy^c/dA, the same shape as A [H, W, K], by automatic differentiation through the head. */
export function classGradient(head: Head, A: tf.Tensor3D, c: number, target: GradientTarget = 'score'): tf.Tensor3D {
  return tf.grad((a: tf.Tensor) => classOutput(head, a as tf.Tensor3D, c, target))(A) as tf.Tensor3D;
}
