import * as tf from '@tensorflow/tfjs-core';

/**
 * Class scores before softmax: S_c = sum_k w_k^c F^k + b_c.
 * w is laid out [C, K] so that w[c][k] is w_k^c; b is [C].
 */
export function classScores(F: tf.Tensor1D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor1D {
  return tf.add(tf.squeeze(tf.matMul(w, tf.expandDims(F, 1)), [1]), b);
}

/** Softmax over the class axis: p_c = exp(S_c) / sum_c' exp(S_c'). */
export function softmax(S: tf.Tensor1D): tf.Tensor1D {
  return tf.softmax(S);
}
