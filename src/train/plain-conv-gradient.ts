/**
 * Training only: a linear conv without bias (every conv block, which batch norm follows) runs as the plain
 * tf.conv2d op instead of tfjs's fused one. Why: the fused op's gradient is a custom gradient that computes
 * the input gradient and the filter gradient together, even where nothing needs the first; the plain op's
 * gradient is lazy, so the tape skips what no variable needs. For the first layer that is the gradient of
 * the image itself: measured here, 50-63 ms of a 600-680 ms training step (batch 32). The forward pass is
 * the same Conv2D kernel either way.
 *
 * tfjs-layers calls tf.fused.conv2d through tfjs-core's exports object. Under Node that object is a plain
 * CommonJS object and can be wrapped; where it cannot (a frozen ES module namespace) nothing changes, and
 * training is only slower.
 */
import * as tf from '@tensorflow/tfjs-core';

type FusedConv2d = typeof tf.fused.conv2d;
type FusedArgs = Parameters<FusedConv2d>[0];

let original: FusedConv2d | null = null;

/** The same op, unfused where it is a plain linear conv. */
function plainWhereLinear(args: FusedArgs): tf.Tensor {
  const linear = (args.activation ?? 'linear') === 'linear' && args.bias == null && args.preluActivationWeights == null;
  if (!linear || !original) return original!(args);
  return tf.conv2d(args.x as tf.Tensor4D, args.filter as tf.Tensor4D, args.strides, args.pad, args.dataFormat, args.dilations, args.dimRoundingMode);
}

/** Installs the wrapper; returns whether it could be installed. Safe to call more than once. */
export function usePlainConvGradient(): boolean {
  const fused = tf.fused as { conv2d: FusedConv2d };
  if (original) return true;
  const before = fused.conv2d;
  try {
    fused.conv2d = plainWhereLinear as FusedConv2d;
  } catch {
    return false;
  }
  if (fused.conv2d !== (plainWhereLinear as FusedConv2d)) return false;
  original = before;
  return true;
}

/** Puts tfjs's fused op back (for tests that compare the two). */
export function restoreFusedConv(): void {
  if (original) (tf.fused as { conv2d: FusedConv2d }).conv2d = original;
  original = null;
}
