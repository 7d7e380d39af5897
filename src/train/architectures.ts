/**
 * The two architectures. Both share the conv blocks (a 5x5 stride-2 conv, then conv 3x3 -> batch norm ->
 * ReLU -> 2x2 max pool, then two convs at 16x16); the last conv layer is named `last_conv` so tools and lessons can find it.
 *  - gap: last_conv -> GlobalAveragePooling2D -> Dense softmax (the CAM architecture; CAM and Grad-CAM apply).
 *  - fc:  last_conv -> 2x2 max pool -> flatten -> Dense(32, ReLU) -> dropout -> Dense softmax
 *         (CAM impossible, Grad-CAM fine). The pool keeps the flatten head under 1 MB of weights.
 * Every initializer is seeded, so the same seed builds the same network.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { NUM_CLASSES, SIZE } from './dataset.ts';

/** 'gmp' is the GAP network with global max pooling: it learns shapes far faster, so it warm-starts 'gap'. */
export type Architecture = 'gap' | 'gmp' | 'fc';
export const LAST_CONV = 'last_conv';

export function buildModel(architecture: Architecture, seed: number): tfl.Sequential {
  let layerSeed = seed * 1000;
  const heNormal = () => tfl.initializers.heNormal({ seed: ++layerSeed });
  const glorot = () => tfl.initializers.glorotUniform({ seed: ++layerSeed });

  const model = tfl.sequential({ name: `shapes_${architecture}` });
  // [0, 1] -> [-1, 1]: centred inputs let the first layer learn from the start.
  model.add(tfl.layers.rescaling({ inputShape: [SIZE, SIZE, 3], scale: 2, offset: -1, name: 'input_to_signed' }));
  const block = (n: number, filters: number, options: { kernelSize?: number; strides?: number; pool?: boolean } = {}) => {
    model.add(tfl.layers.conv2d({
      name: `block${n}_conv`, filters, kernelSize: options.kernelSize ?? 3, strides: options.strides ?? 1, padding: 'same', useBias: false, kernelInitializer: heNormal(),
    }));
    model.add(tfl.layers.batchNormalization({ name: `block${n}_bn`, momentum: 0.9 }));
    model.add(tfl.layers.activation({ name: `block${n}_relu`, activation: 'relu' }));
    if (options.pool) model.add(tfl.layers.maxPooling2d({ name: `block${n}_pool`, poolSize: 2 }));
  };
  // A 5x5 stride-2 first layer: full-resolution feature maps cost most of a training step for little gain.
  block(1, 16, { kernelSize: 5, strides: 2 }); // 64x64 -> 32x32
  block(2, 32, { pool: true }); // -> 16x16
  block(3, 48);
  // The last conv layer: its ReLU activations A [16, 16, 64] are what CAM and Grad-CAM weigh.
  model.add(tfl.layers.conv2d({ name: LAST_CONV, filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: heNormal() }));

  if (architecture === 'gap') {
    model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  } else if (architecture === 'gmp') {
    model.add(tfl.layers.globalMaxPooling2d({ name: 'gmp' }));
  } else {
    model.add(tfl.layers.maxPooling2d({ name: 'head_pool', poolSize: 2 }));
    model.add(tfl.layers.flatten({ name: 'flatten' }));
    model.add(tfl.layers.dense({ name: 'fc1', units: 32, activation: 'relu', kernelInitializer: heNormal() }));
    model.add(tfl.layers.dropout({ name: 'fc1_dropout', rate: 0.2, seed: ++layerSeed }));
  }
  model.add(tfl.layers.dense({ name: 'class_scores', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: glorot() }));
  return model;
}

/** The number of trainable and non-trainable weights (batch-norm statistics included). */
export function countParameters(model: tfl.LayersModel): number {
  return model.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
}

export { tf };
