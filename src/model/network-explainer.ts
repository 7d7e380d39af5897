/**
 * Grad-CAM (and, on a GAP head, CAM beside it) of one test image on a trained network, as the widgets of
 * lessons 7 and 9 show it. The network's body runs once per image and its activations A stay on the backend;
 * a class, a target or a sign then runs only the head and its gradient. Each explanation is one tf.tidy
 * (src/lib/grad-cam-head.ts, the maths `npm run explain` uses) and one read-back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { headGradCam, type HeadGradCamOptions } from '../lib/grad-cam-head.ts';
import { classActivationMap } from '../lib/cam.ts';
import { upsampleBilinear } from '../lib/display.ts';
import { readPacked } from '../lib/read-back.ts';
import { activations } from './cut.ts';
import type { TrainedNetwork } from './trained-network.ts';

/** An image to explain: its pixels (row-major RGB in [0, 1], size x size) and a key naming it. */
export interface ImageInput {
  key: string;
  pixels: Float32Array;
}

/** Everything one explanation shows. Maps are row-major [H][W] (or the image's [size][size] when upsampled). */
export interface NetworkExplanation {
  H: number;
  W: number;
  K: number;
  C: number;
  /** The class explained (the predicted one unless the request named one). */
  c: number;
  /** Scores before softmax and probabilities, every class. */
  S: Float32Array;
  p: Float32Array;
  /** alpha_k^c (negated for the counterfactual). */
  alpha: Float32Array;
  /** sum_k alpha_k^c A^k, before the ReLU, and Grad-CAM's L^c after it. */
  linear: Float32Array;
  gradCam: Float32Array;
  /** L^c upsampled bilinearly to the image, unscaled. */
  gradCamUp: Float32Array;
  /** Per channel, the smallest and largest dy^c/dA^k_ij over the H x W positions. */
  gradMin: Float32Array;
  gradMax: Float32Array;
  /** The channel whose |alpha_k^c| is largest, and its gradient map dy^c/dA^k [H][W]. */
  topChannel: number;
  topGradient: Float32Array;
  /** CAM of class c on a GAP head: w^c, M_c [H][W] and M_c upsampled; null for any other head. */
  cam: { w: Float32Array; M: Float32Array; Mup: Float32Array } | null;
}

export type ExplainRequest = HeadGradCamOptions;

/**
 * The explainer of one network. It keeps the activations of the last image (one tensor), made again when the
 * image or the backend changes; the old ones are disposed, so the tensor count stays where it was.
 */
export function networkExplainer(network: TrainedNetwork) {
  const { cut, size, cam } = network;
  const [H, W, K] = cut.featureShape;
  const C = cut.numClasses;
  let kept: { key: string; backend: string; A: tf.Tensor3D } | null = null;

  return async function explainImage(image: ImageInput, request: ExplainRequest = {}): Promise<NetworkExplanation> {
    const backend = tf.getBackend();
    const reuse = kept?.key === image.key && kept.backend === backend ? kept.A : null;
    if (!reuse && image.pixels.length !== size * size * 3) throw new RangeError(`the image must be ${size} x ${size} RGB, not ${image.pixels.length} values`);
    // One tidy: the body when the image is new, the head's Grad-CAM, and everything packed for one read-back.
    const { A, packed } = tf.tidy(() => {
      const A = reuse ?? activations(cut, tf.tensor3d(image.pixels, [size, size, 3]));
      const g = headGradCam(cut.head, A, request);
      const top = tf.argMax(tf.abs(g.alpha)) as tf.Scalar;
      const topGradient = tf.reshape(tf.gather(g.dYdA, top, 2), [-1]);
      const parts: tf.Tensor[] = [
        g.S, g.p, g.c, g.alpha, g.linear, g.map, upsampleBilinear(g.map, [size, size]),
        tf.min(g.dYdA, [0, 1]), tf.max(g.dYdA, [0, 1]), top, topGradient,
      ];
      if (cam) {
        const wc = tf.reshape(tf.gather(cam.w, g.c), [K]) as tf.Tensor1D;
        const M = classActivationMap(A, wc);
        parts.push(wc, M, upsampleBilinear(M, [size, size]));
      }
      return { A, packed: tf.concat(parts.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))) };
    });
    if (!reuse) {
      kept?.A.dispose();
      kept = { key: image.key, backend, A };
    }
    const take = await readPacked(packed);
    const Z = H * W;
    const S = take(C);
    const p = take(C);
    const c = take(1)[0];
    const alpha = take(K);
    const linear = take(Z);
    const gradCam = take(Z);
    const gradCamUp = take(size * size);
    const gradMin = take(K);
    const gradMax = take(K);
    const topChannel = take(1)[0];
    const topGradient = take(Z);
    const camPart = cam ? { w: take(K), M: take(Z), Mup: take(size * size) } : null;
    return { H, W, K, C, c, S, p, alpha, linear, gradCam, gradCamUp, gradMin, gradMax, topChannel, topGradient, cam: camPart };
  };
}

export type ExplainImage = ReturnType<typeof networkExplainer>;
