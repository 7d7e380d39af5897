import * as tf from '@tensorflow/tfjs-core';

/**
 * Pooling over the spatial axes of a feature-map stack A laid out [H, W, K]
 * (channels last, as tfjs layers produce them). Each returns one number per channel k.
 */

/** GAP as the Grad-CAM paper and Keras define it: F^k = (1/Z) sum_ij A^k_ij. */
export function globalAveragePool(A: tf.Tensor3D): tf.Tensor1D {
  return tf.mean(A, [0, 1]);
}

/** GAP as the CAM paper writes it: F_k = sum_{x,y} f_k(x,y), the 1/Z dropped. */
export function globalSumPool(A: tf.Tensor3D): tf.Tensor1D {
  return tf.sum(A, [0, 1]);
}

/** GMP, for contrast: max_ij A^k_ij. */
export function globalMaxPool(A: tf.Tensor3D): tf.Tensor1D {
  return tf.max(A, [0, 1]);
}

export type Pooling = 'mean' | 'sum';

export function globalPool(A: tf.Tensor3D, pooling: Pooling): tf.Tensor1D {
  return pooling === 'mean' ? globalAveragePool(A) : globalSumPool(A);
}
