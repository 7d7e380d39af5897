/**
 * A trained GAP network (models/shapes-gap) as the widgets use it: the body up to the last conv layer,
 * which turns an image into the feature maps A, and the GAP head's weights w and biases b. With those three
 * the page's one derive() computes F, S, M and the gradients exactly as it does for the toy maps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from './load.ts';
import { activations, camWeights, cutModel, type CutModel } from './cut.ts';

export class ModelLoadError extends Error {}

export interface GapNetwork {
  /** Where it was loaded from. */
  source: string;
  cut: CutModel;
  /** The input image is size x size x 3, values in [0, 1]. */
  size: number;
  /** [H, W, K] of the last conv layer. */
  featureShape: [number, number, number];
  /** The head's weights w[C][K] and biases b[C]. */
  w: number[][];
  b: number[];
  /** The feature maps of an image (row-major RGB in [0, 1]), laid out [K][H][W] as the store holds them. */
  features(image: Float32Array): Promise<number[][][]>;
}

/** Why a load failed, in one line: the network error, the HTTP status or the parse error as tfjs reports it. */
function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
}

/**
 * Loads and checks a model: a single square RGB input, a last conv layer, and a head of global average
 * pooling and one linear layer with `classes` outputs. Anything else is refused with a ModelLoadError.
 */
export async function loadGapNetwork(source: string, classes: number): Promise<GapNetwork> {
  let model;
  try {
    model = await loadModel(source);
  } catch (error) {
    throw new ModelLoadError(reason(error));
  }
  const shape = model.inputs[0]?.shape ?? [];
  const size = shape[1];
  if (model.inputs.length !== 1 || shape.length !== 4 || shape[3] !== 3 || typeof size !== 'number' || shape[2] !== size) {
    throw new ModelLoadError(`the model's input is [${shape.join(', ')}], not one square RGB image`);
  }
  let cut: CutModel;
  try {
    cut = cutModel(model);
  } catch (error) {
    throw new ModelLoadError(reason(error));
  }
  const head = camWeights(cut);
  if (!head) throw new ModelLoadError('the model does not end in global average pooling and one linear layer');
  const [w, b] = [(await head.w.array()) as number[][], (await head.b.array()) as number[]];
  tf.dispose([head.w, head.b]);
  if (w.length !== classes) throw new ModelLoadError(`the model has ${w.length} classes, not ${classes}`);
  const [H, W, K] = cut.featureShape;
  return {
    source,
    cut,
    size,
    featureShape: [H, W, K],
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
