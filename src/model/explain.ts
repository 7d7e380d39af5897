/**
 * One explanation of one image: CAM, Grad-CAM or Grad-CAM's counterfactual map for a class, computed
 * with src/lib on a model cut at a conv layer (Grad-CAM by src/lib/grad-cam-head.ts, as the widgets of lessons
 * 7 and 9 compute it), and read back in one transfer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classActivationMap } from '../lib/cam.ts';
import { headGradCam } from '../lib/grad-cam-head.ts';
import { normalizeForDisplay, upsampleBilinear } from '../lib/display.ts';
import { readPacked } from '../lib/read-back.ts';
import { activations, camWeights, type CutModel } from './cut.ts';

export type Method = 'cam' | 'gradcam' | 'counterfactual';
export const METHODS: Method[] = ['cam', 'gradcam', 'counterfactual'];

export class ExplainError extends Error {}

export interface Explanation {
  method: Method;
  layer: string;
  classIndex: number;
  /** S_c for every class, before softmax. */
  scores: number[];
  probabilities: number[];
  /** w_k^c (CAM) or alpha_k^c (Grad-CAM; negated for the counterfactual). */
  weights: number[];
  /** The raw map at the layer's resolution, rows [H][W], before normalisation (after the ReLU for Grad-CAM). */
  map: number[][];
  /** The map upsampled (bilinear) to the model's input size and min-max normalised to [0, 1], rows. */
  upsampled: number[][];
}

/** A camWeights failure message that names the head, so the user knows why and what to use instead. */
export function camUnavailable(cut: CutModel): string {
  const head = cut.headModel.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.getClassName()).join(' -> ');
  return `CAM needs global average pooling and one linear layer after '${cut.layerName}', but this model's head is ${head}: use --method gradcam`;
}

const rows = (flat: ArrayLike<number>, h: number, w: number) => Array.from({ length: h }, (_, y) => Array.from(flat as Float32Array).slice(y * w, (y + 1) * w));

/**
 * `image`: [height, width, 3] already at the model's input size and scale.
 * `classIndex`: the class to explain; the predicted class when omitted.
 * The body, the head, the gradient and the map run in one tf.tidy, and everything is read back at once.
 */
export async function explain(cut: CutModel, image: tf.Tensor3D, method: Method, classIndex?: number): Promise<Explanation> {
  const [H, W, K] = cut.featureShape;
  const [inH, inW] = image.shape;
  const C = cut.numClasses;
  if (classIndex !== undefined && (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= C)) {
    throw new ExplainError(`class ${classIndex} is out of range: this model has ${C} classes (0-${C - 1})`);
  }
  const cam = method === 'cam' ? camWeights(cut) : null;
  if (method === 'cam' && !cam) throw new ExplainError(camUnavailable(cut));
  try {
    const packed = tf.tidy(() => {
      const A = activations(cut, image);
      let S: tf.Tensor1D;
      let c: tf.Scalar;
      let weights: tf.Tensor1D;
      let map: tf.Tensor2D;
      if (cam) {
        S = cut.head(A);
        c = classIndex === undefined ? (tf.argMax(S) as tf.Scalar) : tf.scalar(classIndex, 'int32');
        weights = tf.reshape(tf.gather(cam.w, c), [K]) as tf.Tensor1D;
        map = classActivationMap(A, weights);
      } else {
        const g = headGradCam(cut.head, A, { c: classIndex, counterfactual: method === 'counterfactual' });
        S = g.S;
        c = g.c;
        weights = g.alpha;
        map = g.map;
      }
      const up = normalizeForDisplay(upsampleBilinear(map, [inH, inW]), 'minmax');
      return tf.concat([S, tf.softmax(S), tf.reshape(tf.cast(c, 'float32'), [1]), weights, tf.reshape(map, [-1]), tf.reshape(up, [-1])]);
    });
    const take = await readPacked(packed);
    const scores = Array.from(take(C));
    const probabilities = Array.from(take(C));
    return {
      method,
      layer: cut.layerName,
      classIndex: take(1)[0],
      scores,
      probabilities,
      weights: Array.from(take(K)),
      map: rows(take(H * W), H, W),
      upsampled: rows(take(inH * inW), inH, inW),
    };
  } finally {
    if (cam) tf.dispose([cam.w, cam.b]);
  }
}
