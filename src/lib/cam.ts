import * as tf from '@tensorflow/tfjs-core';

/**
 * The class activation map M_c(x,y) = sum_k w_k^c f_k(x,y), for A laid out [H, W, K]
 * and wc = w^c, the K weights of one class. Returns [H, W].
 */
export function classActivationMap(A: tf.Tensor3D, wc: tf.Tensor1D): tf.Tensor2D {
  return tf.sum(tf.mul(A, wc), 2);
}
