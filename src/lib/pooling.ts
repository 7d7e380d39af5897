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
/** The pooling of a head: GAP (as a mean or a plain sum) or GMP (lesson 3's trained twin ends in it). */
export type HeadPooling = Pooling | 'max';

export function globalPool(A: tf.Tensor3D, pooling: HeadPooling): tf.Tensor1D {
  return pooling === 'mean' ? globalAveragePool(A) : pooling === 'sum' ? globalSumPool(A) : globalMaxPool(A);
}

/**
 * dF^k/dA^k_ij of a pooling for every channel and cell, by autodiff, laid out like A ([H, W, K]): F^k reads
 * map k only, so the gradient of sum_k F^k holds each channel's own. The mean gives 1/Z at every cell, the plain
 * sum 1; the max gives 1 at the largest cell and 0 elsewhere (tfjs gives 1 to every cell tied for the max, where
 * the max has no single derivative).
 */
export function poolingGradient(A: tf.Tensor3D, pooling: HeadPooling): tf.Tensor3D {
  return tf.grad((x: tf.Tensor) => tf.sum(globalPool(x as tf.Tensor3D, pooling)))(A) as tf.Tensor3D;
}

/** How many cells of each map a pooling's gradient reaches (is nonzero at), from a gradient laid out [K][H][W]. */
export function cellsReached(gradient: ArrayLike<number>, K: number): number[] {
  const Z = gradient.length / K;
  return Array.from({ length: K }, (_, k) => {
    let n = 0;
    for (let i = k * Z; i < (k + 1) * Z; i++) if (gradient[i] !== 0) n++;
    return n;
  });
}
