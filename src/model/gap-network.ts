/**
 * A trained GAP network (models/shapes-gap) as the widgets use it: the body up to the last conv layer,
 * which turns an image into the feature maps A, and the GAP head's weights w and biases b. With those three
 * the page's one derive() computes F, S, M and the gradients exactly as it does for the toy maps. Its GMP
 * twin (models/shapes-gmp, lesson 3) loads the same way, with `pooling` 'max'.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activations, type CutModel } from './cut.ts';
import { loadTrainedNetwork, ModelLoadError } from './trained-network.ts';

export { ModelLoadError };

export interface GapNetwork {
  /** Where it was loaded from. */
  source: string;
  cut: CutModel;
  /** The input image is size x size x 3, values in [0, 1]. */
  size: number;
  /** [H, W, K] of the last conv layer. */
  featureShape: [number, number, number];
  /** The head's global pooling: 'mean' (GAP) or 'max' (GMP). */
  pooling: 'mean' | 'max';
  /** The head's weights w[C][K] and biases b[C]. */
  w: number[][];
  b: number[];
  /** The feature maps of an image (row-major RGB in [0, 1]), laid out [K][H][W] as the store holds them. */
  features(image: Float32Array): Promise<number[][][]>;
}

/**
 * Loads and checks a model: a single square RGB input, a last conv layer, and a head of global pooling (GAP,
 * or GMP where `pooling` allows it) and one linear layer with `classes` outputs. Anything else is refused with
 * a ModelLoadError.
 */
export async function loadGapNetwork(source: string, classes: number, pooling: 'mean' | 'max' = 'mean'): Promise<GapNetwork> {
  const { cut, size, cam: head } = await loadTrainedNetwork(source, classes);
  if (!head || head.pooling !== pooling) {
    if (head) tf.dispose([head.w, head.b]);
    throw new ModelLoadError(`the model does not end in global ${pooling === 'mean' ? 'average' : 'max'} pooling and one linear layer`);
  }
  const [w, b] = [(await head.w.array()) as number[][], (await head.b.array()) as number[]];
  tf.dispose([head.w, head.b]);
  const [H, W, K] = cut.featureShape;
  return {
    source,
    cut,
    size,
    featureShape: [H, W, K],
    pooling,
    w,
    b,
    async features(image) {
      if (image.length !== size * size * 3) throw new Error(`the image must be ${size} x ${size} RGB`);
      const maps = tf.tidy(() => tf.transpose(activations(cut, tf.tensor3d(image, [size, size, 3])), [2, 0, 1]));
      try {
        return (await maps.array()) as number[][][];
      } finally {
        maps.dispose();
      }
    },
  };
}
