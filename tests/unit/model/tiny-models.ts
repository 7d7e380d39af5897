/**
 * Tiny LayersModels whose Grad-CAM can be worked out by hand. Both read a 2 x 2 RGB image, copy its red and
 * green channels through a 1 x 1 conv named last_conv (A = ReLU(x): blue is ignored), then either flatten
 * into Dense(2, softmax) or average (GAP) into Dense(2, softmax).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** A^1 = [[1, 2], [0, 3]] (red), A^2 = [[2, 0], [1, 1]] (green), blue 0.7 everywhere, laid out [2, 2, 3]. */
export const TINY_PIXELS = new Float32Array([1, 2, 0.7, 2, 0, 0.7, 0, 1, 0.7, 3, 1, 0.7]);
export const tinyImage = () => tf.tensor3d(TINY_PIXELS, [2, 2, 3]);

function body(): { input: tfl.SymbolicTensor; A: tfl.SymbolicTensor; conv: tfl.layers.Layer } {
  const input = tfl.input({ shape: [2, 2, 3], name: 'image' });
  const conv = tfl.layers.conv2d({ filters: 2, kernelSize: 1, activation: 'relu', name: 'last_conv' });
  const A = conv.apply(input) as tfl.SymbolicTensor;
  return { input, A, conv };
}

const copyRedGreen = () => [tf.tensor4d([1, 0, 0, 1, 0, 0], [1, 1, 3, 2]), tf.zeros([2])];

/**
 * Flatten head: S_c = sum_r a_r D[r][c] + b_c over a = flatten(A), r = (i * 2 + j) * 2 + k.
 * With these weights S = (4.5, 6.5) on TINY_PIXELS.
 */
export const DENSE = [
  [1, 0], [0, 1], [2, -1], [0, 0], [-1, 1], [1, 0], [0, 2], [-2, 1],
];
export function tinyFlattenModel(): tfl.LayersModel {
  const { input, A, conv } = body();
  const flat = tfl.layers.flatten({ name: 'flatten' }).apply(A);
  const dense = tfl.layers.dense({ units: 2, activation: 'softmax', name: 'out' });
  const out = dense.apply(flat) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out, name: 'tiny_fc' });
  conv.setWeights(copyRedGreen());
  dense.setWeights([tf.tensor2d(DENSE), tf.tensor1d([0.5, -0.5])]);
  return model;
}

/** GAP head with w[c][k] = GAP_W[c][k], b = (0.25, -0.25): S = w F + b with F = (1.5, 1). */
export const GAP_W = [
  [2, -4],
  [1, 3],
];
export function tinyGapModel(): tfl.LayersModel {
  const { input, A, conv } = body();
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'gap' }).apply(A);
  const dense = tfl.layers.dense({ units: 2, activation: 'softmax', name: 'out' });
  const out = dense.apply(pooled) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out, name: 'tiny_gap' });
  conv.setWeights(copyRedGreen());
  // The Dense kernel is [K, C]: the transpose of w.
  dense.setWeights([tf.tensor2d([[GAP_W[0][0], GAP_W[1][0]], [GAP_W[0][1], GAP_W[1][1]]]), tf.tensor1d([0.25, -0.25])]);
  return model;
}
