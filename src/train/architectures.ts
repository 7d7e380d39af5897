/**
 * The two architectures (functional models). Both share the conv blocks (a 5x5 stride-2 conv, then conv 3x3 -> batch norm ->
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
export type Architecture = 'gap' | 'fc';
export const LAST_CONV = 'last_conv';

export interface Networks {
  /** The network that is saved: image -> class probabilities. */
  model: tfl.LayersModel;
  /**
   * The same layers with a second, training-only output: global max pooling of last_conv and its own Dense
   * softmax (an auxiliary classifier, as GoogLeNet trained with). Measured here: a GAP network alone sat near
   * 25% for hundreds of steps, because the average spreads the gradient over every position, while under max
   * pooling the same layers learned shapes within about a hundred; the auxiliary output gives the conv layers
   * that local signal while the GAP (or flatten) head learns on the same features. It is not saved.
   */
  trainer: tfl.LayersModel;
  /** The saved model's training path alone (for the GAP head, through the scale), without the auxiliary output. */
  headOnly: tfl.LayersModel;
  /** Copies the trained head into the saved model where the two differ (the GAP head's scale); call before using model. */
  sync: () => void;
}

/** The GAP head trains on F * GAP_SCALE (a reparameterization: the saved model has no such layer). */
export const GAP_SCALE = 16;

export function buildNetworks(architecture: Architecture, seed: number): Networks {
  let layerSeed = seed * 1000;
  const heNormal = () => tfl.initializers.heNormal({ seed: ++layerSeed });
  const glorot = () => tfl.initializers.glorotUniform({ seed: ++layerSeed });

  const image = tfl.input({ shape: [SIZE, SIZE, 3], name: 'image' });
  const auxiliary = (A: tfl.SymbolicTensor) => {
    const pooled = tfl.layers.globalMaxPooling2d({ name: 'aux_gmp' }).apply(A) as tfl.SymbolicTensor;
    return tfl.layers.dense({ name: 'aux_scores', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: glorot() }).apply(pooled) as tfl.SymbolicTensor;
  };
  // [0, 1] -> [-1, 1]: centred inputs let the first layer learn from the start.
  let x = tfl.layers.rescaling({ scale: 2, offset: -1, name: 'input_to_signed' }).apply(image) as tfl.SymbolicTensor;
  const block = (n: number, filters: number, options: { kernelSize?: number; strides?: number; pool?: boolean } = {}) => {
    x = tfl.layers.conv2d({
      name: `block${n}_conv`, filters, kernelSize: options.kernelSize ?? 3, strides: options.strides ?? 1, padding: 'same', useBias: false, kernelInitializer: heNormal(),
    }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ name: `block${n}_bn`, momentum: 0.9 }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ name: `block${n}_relu`, activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
    if (options.pool) x = tfl.layers.maxPooling2d({ name: `block${n}_pool`, poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  };
  // A 5x5 stride-2 first layer: full-resolution feature maps cost most of a training step for little gain.
  block(1, 16, { kernelSize: 5, strides: 2 }); // 64x64 -> 32x32
  block(2, 32, { pool: true }); // -> 16x16
  block(3, 48);
  // The last conv layer: its ReLU activations A [16, 16, 64] are what CAM and Grad-CAM weigh.
  const A = tfl.layers.conv2d({
    name: LAST_CONV, filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: heNormal(),
    // A negative bias leaves each channel silent where it is not driven hard, so its average says where it fired.
    biasInitializer: tfl.initializers.constant({ value: -1 }),
  }).apply(x) as tfl.SymbolicTensor;

  let head: tfl.SymbolicTensor;
  if (architecture === 'gap') {
    const F = tfl.layers.globalAveragePooling2d({ name: 'gap' }).apply(A) as tfl.SymbolicTensor;
    // Training sees F * GAP_SCALE through its own Dense (zero-initialized); the saved Dense takes the same
    // function on F itself, with the kernel multiplied by GAP_SCALE (see sync). Why: the average leaves a
    // shape's local evidence tiny, so the Dense weights must grow large, and Adam moves each weight by at
    // most about the learning rate per step; the scale lets them grow GAP_SCALE times faster.
    const scaled = tfl.layers.rescaling({ name: 'gap_scale', scale: GAP_SCALE }).apply(F) as tfl.SymbolicTensor;
    const trainScores = tfl.layers.dense({ name: 'class_scores_scaled', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: 'zeros' });
    const savedScores = tfl.layers.dense({ name: 'class_scores', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: 'zeros' });
    const trainOut = trainScores.apply(scaled) as tfl.SymbolicTensor;
    const savedOut = savedScores.apply(F) as tfl.SymbolicTensor;
    const aux = auxiliary(A);
    const sync = () => {
      const [kernel, bias] = trainScores.getWeights();
      const scaledKernel = tf.mul(kernel, GAP_SCALE);
      savedScores.setWeights([scaledKernel, bias]);
      scaledKernel.dispose();
    };
    sync();
    return {
      model: tfl.model({ inputs: image, outputs: savedOut, name: `shapes_${architecture}` }),
      trainer: tfl.model({ inputs: image, outputs: [trainOut, aux], name: `shapes_${architecture}_trainer` }),
      headOnly: tfl.model({ inputs: image, outputs: trainOut, name: `shapes_${architecture}_head_only` }),
      sync,
    };
  } else {
    head = tfl.layers.maxPooling2d({ name: 'head_pool', poolSize: 2 }).apply(A) as tfl.SymbolicTensor;
    head = tfl.layers.flatten({ name: 'flatten' }).apply(head) as tfl.SymbolicTensor;
    head = tfl.layers.dense({ name: 'fc1', units: 32, activation: 'relu', kernelInitializer: heNormal() }).apply(head) as tfl.SymbolicTensor;
    head = tfl.layers.dropout({ name: 'fc1_dropout', rate: 0.2, seed: ++layerSeed }).apply(head) as tfl.SymbolicTensor;
  }
  const scores = tfl.layers.dense({ name: 'class_scores', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: glorot() }).apply(head) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: image, outputs: scores, name: `shapes_${architecture}` });
  return {
    model,
    trainer: tfl.model({ inputs: image, outputs: [scores, auxiliary(A)], name: `shapes_${architecture}_trainer` }),
    headOnly: model,
    sync: () => {},
  };
}

/** The number of trainable and non-trainable weights (batch-norm statistics included). */
export function countParameters(model: tfl.LayersModel): number {
  return model.weights.reduce((n, w) => n + (w.shape ?? []).reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

export { tf };
