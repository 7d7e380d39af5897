/**
 * tfjs's gradient of FusedBatchNorm tiles 1/sqrt(var + eps) to the full [N, H, W, C] shape before
 * multiplying; wasm's Tile is slow and that one op took ~30% of a training step. This registers the
 * same gradient with broadcasting instead of tiling (the formulas are tfjs's, unchanged otherwise).
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util, getGradient, registerGradient, type GradConfig, type NamedAttrMap } from '@tensorflow/tfjs-core';

export const BATCH_NORM = 'FusedBatchNorm';

export const batchNormGradConfig: GradConfig = {
  kernelName: BATCH_NORM,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
    const g = dy as tf.Tensor;
    const eps = attrs.varianceEpsilon as number;
    const [x, mean, variance, scale] = saved;
    const scaleValue = scale == null ? tf.scalar(1) : scale;
    const axes = backend_util.getReductionAxes(mean.shape, x.shape);
    const reduce = (t: tf.Tensor) => tf.reshape(mean.rank === 1 ? tf.sum(t, axes) : t, mean.shape);
    const xMinusMean = tf.sub(x, mean);
    const dyTimesScale = tf.mul(g, scaleValue);
    const rstd = tf.rsqrt(tf.add(variance, tf.scalar(eps)));
    const minusHalfRCube = tf.mul(tf.mul(tf.mul(rstd, rstd), rstd), tf.scalar(-0.5));
    return {
      x: () => tf.reshape(tf.mul(g, tf.mul(rstd, scaleValue)), x.shape),
      mean: () => reduce(tf.mul(tf.neg(rstd), dyTimesScale)),
      variance: () => reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean), dyTimesScale)),
      scale: () => reduce(tf.mul(g, tf.mul(xMinusMean, rstd))),
      offset: () => reduce(g),
    };
  },
};

let original: GradConfig | undefined;

export function registerBatchNormGradient(): void {
  original ??= getGradient(BATCH_NORM);
  registerGradient(batchNormGradConfig);
}

/** Puts tfjs's own gradient back (for tests that compare the two). */
export function restoreBatchNormGradient(): void {
  if (original) registerGradient(original);
}
