import * as tf from '@tensorflow/tfjs-core';
import { globalPool, type HeadPooling } from './pooling.ts';
import { classScores } from './scores.ts';

/**
 * A head maps the last conv layer's activations A [H, W, K] to class scores [C] (before softmax).
 * Any differentiable function of A will do: Grad-CAM only needs its gradient.
 */
export type Head = (A: tf.Tensor3D) => tf.Tensor1D;

/** The CAM architecture's head: global pooling (GAP, or GMP for lesson 3's twin), then one linear layer. */
export function gapHead(w: tf.Tensor2D, b: tf.Tensor1D, pooling: HeadPooling = 'mean'): Head {
  return (A) => classScores(globalPool(A, pooling), w, b);
}
