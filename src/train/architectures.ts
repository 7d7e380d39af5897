/**
 * The two architectures (functional models). Both share the conv blocks (BODY: conv -> batch norm -> ReLU,
 * a max pool where the table says so); the last conv layer is named `last_conv` so tools and lessons find it.
 *  - gap: last_conv -> GlobalAveragePooling2D -> Dense softmax (the CAM architecture; CAM and Grad-CAM apply).
 *  - gmp: last_conv -> GlobalMaxPooling2D -> Dense softmax: lesson 3's twin of gap, the pooling the CAM paper
 *         compared against (its CAM is still sum_k w_k^c A^k; what differs is what training asks of A).
 *  - fc:  last_conv -> 4x4 max pool -> flatten (4x4x64) -> Dense(64, ReLU) -> dropout -> Dense softmax
 *         (CAM impossible, Grad-CAM fine). Measured here over two epochs of 4000 images, this head reached 55%
 *         training accuracy against 39% for a 2x2 pool (4096 inputs) into 32 units.
 * Every initializer is seeded, so the same seed builds the same network.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { NUM_CLASSES, SIZE } from '../shapes/dataset.ts';

export type Architecture = 'gap' | 'gmp' | 'fc';
export const LAST_CONV = 'last_conv';

/** One conv block: filters, kernel size, stride, and whether a 2x2 max pool follows. */
export interface BlockSpec {
  filters: number;
  kernel: number;
  stride?: number;
  pool?: boolean;
}

/**
 * The shared conv blocks, 64x64 -> 16x16. Measured here (14 epochs of 4000 images, GAP head): the
 * receptive field mattered most, both for how fast the network learned the shapes and for how much of
 * each shape its maps cover (the first version's last_conv saw 27 pixels, and its CAM lit corners);
 * max pooling learned faster than strided convolutions; the first layer works at half resolution, where
 * full-resolution maps would cost most of a step. Receptive field of last_conv: 43 pixels.
 */
export const BODY: BlockSpec[] = [
  { filters: 16, kernel: 5, stride: 2 }, // 64x64 -> 32x32
  { filters: 32, kernel: 3, pool: true }, // -> 16x16
  { filters: 32, kernel: 3 },
  { filters: 48, kernel: 3 },
  { filters: 48, kernel: 3 },
];
/** Channels K of last_conv. */
export const LAST_FILTERS = 64;

/** The fc head: a max pool over last_conv, flatten, a dense layer with a ReLU, dropout, the class scores. */
export const FC_HEAD = { pool: 4, units: 64, dropout: 0.2 };

export interface Networks {
  /** The network that is saved: image -> class probabilities, last_conv a Conv2D with its ReLU. */
  model: tfl.LayersModel;
  /**
   * The network that is trained: the same layers, except that last_conv (and the fc head's fc1) train as a
   * linear layer followed by batch normalization and a ReLU, like every conv block (without it the GAP network
   * learned far more slowly). sync() folds each batch norm into its layer's kernel and bias, so the saved
   * model reads A = ReLU(conv(x)) straight from last_conv, as CAM and Grad-CAM expect.
   */
  trainer: tfl.LayersModel;
  /** Copies the folded layers into the saved model; call before using model. */
  sync: () => void;
}

/** tfjs-layers' batch-norm epsilon (the default of tfl.layers.batchNormalization). */
const BN_EPSILON = 1e-3;

type Initializer = ReturnType<typeof tfl.initializers.heNormal>;
type LinearOptions = { activation?: 'relu'; useBias?: boolean; kernelInitializer?: Initializer | 'zeros' };

/**
 * A layer that trains as linear layer -> batch norm -> ReLU and is saved as one layer with a ReLU, the
 * batch norm folded into its kernel and bias: in inference mode, batch norm is gamma (z - mean) / sqrt(var + eps)
 * + beta per output channel, a scale of the kernel's last axis and a shift. `make` builds a Conv2D or a Dense.
 */
function foldedPair(name: string, make: (name: string, options: LinearOptions) => tfl.layers.Layer, init: Initializer) {
  const saved = make(name, { activation: 'relu', kernelInitializer: 'zeros' });
  const linear = make(`${name}_linear`, { useBias: false, kernelInitializer: init });
  const norm = tfl.layers.batchNormalization({ name: `${name}_bn`, momentum: 0.9, epsilon: BN_EPSILON });
  const relu = tfl.layers.activation({ name: `${name}_relu`, activation: 'relu' });
  return {
    saved: (x: tfl.SymbolicTensor) => saved.apply(x) as tfl.SymbolicTensor,
    trained: (x: tfl.SymbolicTensor) => relu.apply(norm.apply(linear.apply(x))) as tfl.SymbolicTensor,
    sync: () => tf.tidy(() => {
      const [kernel] = linear.getWeights();
      const [gamma, beta, movingMean, movingVariance] = norm.getWeights();
      const scale = tf.div(gamma, tf.sqrt(tf.add(movingVariance, BN_EPSILON)));
      saved.setWeights([tf.mul(kernel, scale), tf.sub(beta, tf.mul(movingMean, scale))]);
    }),
  };
}

export function buildNetworks(architecture: Architecture, seed: number): Networks {
  let layerSeed = seed * 1000;
  const heNormal = () => tfl.initializers.heNormal({ seed: ++layerSeed });
  const glorot = () => tfl.initializers.glorotUniform({ seed: ++layerSeed });

  const image = tfl.input({ shape: [SIZE, SIZE, 3], name: 'image' });
  // [0, 1] -> [-1, 1]: centred inputs let the first layer learn from the start.
  let x = tfl.layers.rescaling({ scale: 2, offset: -1, name: 'input_to_signed' }).apply(image) as tfl.SymbolicTensor;
  BODY.forEach((spec, i) => {
    const n = i + 1;
    x = tfl.layers.conv2d({
      name: `block${n}_conv`, filters: spec.filters, kernelSize: spec.kernel, strides: spec.stride ?? 1, padding: 'same', useBias: false, kernelInitializer: heNormal(),
    }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ name: `block${n}_bn`, momentum: 0.9, epsilon: BN_EPSILON }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ name: `block${n}_relu`, activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
    if (spec.pool) x = tfl.layers.maxPooling2d({ name: `block${n}_pool`, poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  });

  // The last conv layer: its ReLU activations A [16, 16, K] are what CAM and Grad-CAM weigh.
  const last = foldedPair(
    LAST_CONV,
    (name, options) => tfl.layers.conv2d({ name, filters: LAST_FILTERS, kernelSize: 3, padding: 'same', ...options }),
    heNormal(),
  );
  const savedA = last.saved(x);
  const trainA = last.trained(x);

  // The head's layers are shared between the trainer and the saved model, but for the fc head's first dense
  // layer, which trains with batch norm too: without it, Adam's first steps on its 4096 inputs pushed every
  // ReLU unit below zero for good (measured here: the loss sat at ln 4 for three epochs).
  let savedHead = savedA;
  let trainHead = trainA;
  const apply = (layer: tfl.layers.Layer) => {
    savedHead = layer.apply(savedHead) as tfl.SymbolicTensor;
    trainHead = layer.apply(trainHead) as tfl.SymbolicTensor;
  };
  const folds = [last];
  if (architecture === 'gap') apply(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  else if (architecture === 'gmp') apply(tfl.layers.globalMaxPooling2d({ name: 'gmp' }));
  else {
    apply(tfl.layers.maxPooling2d({ name: 'head_pool', poolSize: FC_HEAD.pool }));
    apply(tfl.layers.flatten({ name: 'flatten' }));
    const fc1 = foldedPair('fc1', (name, options) => tfl.layers.dense({ name, units: FC_HEAD.units, ...options }), heNormal());
    folds.push(fc1);
    savedHead = fc1.saved(savedHead);
    trainHead = fc1.trained(trainHead);
    apply(tfl.layers.dropout({ name: 'fc1_dropout', rate: FC_HEAD.dropout, seed: ++layerSeed }));
  }
  apply(tfl.layers.dense({ name: 'class_scores', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: glorot() }));
  const sync = () => folds.forEach((f) => f.sync());
  const model = tfl.model({ inputs: image, outputs: savedHead, name: `shapes_${architecture}` });
  const trainer = tfl.model({ inputs: image, outputs: trainHead, name: `shapes_${architecture}_trainer` });
  sync();
  return { model, trainer, sync };
}

/** The number of trainable and non-trainable weights (batch-norm statistics included). */
export function countParameters(model: tfl.LayersModel): number {
  return model.weights.reduce((n, w) => n + (w.shape ?? []).reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

export { tf };
