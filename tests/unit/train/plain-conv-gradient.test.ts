import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { restoreFusedConv, usePlainConvGradient } from '../../../src/train/plain-conv-gradient.ts';
import { expectClose, seededRandom } from '../lib/close.ts';

/** The loss gradients of a conv -> batch norm -> ReLU -> conv (relu, bias) stack, as tfjs-layers trains it. */
function gradients(): Float32Array[] {
  const rand = seededRandom(5);
  const input = tfl.input({ shape: [9, 9, 3] });
  const conv = tfl.layers.conv2d({ filters: 4, kernelSize: 5, strides: 2, padding: 'same', useBias: false, kernelInitializer: tfl.initializers.heNormal({ seed: 1 }) });
  const norm = tfl.layers.batchNormalization();
  const top = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tfl.initializers.heNormal({ seed: 2 }) });
  const output = top.apply(tfl.layers.activation({ activation: 'relu' }).apply(norm.apply(conv.apply(input)))) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output });
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 9 * 9 * 3 }, () => rand() * 2 - 1), [2, 9, 9, 3]);
  const r = tf.tensor4d(Float32Array.from({ length: 2 * 5 * 5 * 3 }, () => rand() - 0.5), [2, 5, 5, 3]);
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x, { training: true }) as tf.Tensor, r)) as tf.Scalar, model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
  const out = Object.values(grads).map((g) => g.dataSync() as Float32Array);
  tf.dispose([x, r, ...Object.values(grads)]);
  return out;
}

describe('training convs as the plain conv2d op', () => {
  afterAll(() => restoreFusedConv());

  it('installs under Node, and gives the fused op\'s gradients for every weight', () => {
    const fused = gradients();
    expect(usePlainConvGradient()).toBe(true);
    const plain = gradients();
    expect(plain.length).toBe(fused.length);
    plain.forEach((g, i) => expectClose(g, fused[i], 1e-5));
  });

  it('no longer computes the gradient of the image (no Conv2DBackpropInput of 3 channels)', async () => {
    usePlainConvGradient();
    const info = await tf.profile(() => void gradients());
    const imageGradients = info.kernels.filter((k) => k.name === 'Conv2DBackpropInput' && (k.outputShapes[0] as number[])?.[3] === 3);
    expect(imageGradients).toHaveLength(0);
  });
});
