import * as tf from '@tensorflow/tfjs-core';

/**
 * Grad-CAM's channel weights alpha_k^c = (1/Z) sum_ij dy^c/dA^k_ij from a gradient laid out [H, W, K].
 * The counterfactual variant negates the gradient, so it weighs what lowers y^c.
 */
export function gradCamWeights(dYdA: tf.Tensor3D, options: { counterfactual?: boolean } = {}): tf.Tensor1D {
  const alpha = tf.mean(dYdA, [0, 1]) as tf.Tensor1D;
  return options.counterfactual ? tf.neg(alpha) : alpha;
}

/** sum_k alpha_k A^k, before any ReLU: [H, W]. */
export function weightedChannelSum(A: tf.Tensor3D, alpha: tf.Tensor1D): tf.Tensor2D {
  return tf.sum(tf.mul(A, alpha), 2);
}

/** L^c = ReLU(sum_k alpha_k^c A^k); relu: false keeps the signed map (as Captum does by default). */
export function gradCamMap(A: tf.Tensor3D, alpha: tf.Tensor1D, options: { relu?: boolean } = {}): tf.Tensor2D {
  const linear = weightedChannelSum(A, alpha);
  return options.relu === false ? linear : tf.relu(linear);
}
