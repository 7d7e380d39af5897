import * as tf from '@tensorflow/tfjs-core';
import { globalMaxPool, globalPool, poolingGradient, type HeadPooling } from './pooling.ts';
import { softmax } from './scores.ts';
import { classActivationMap } from './cam.ts';
import { gapHead } from './heads.ts';
import { classGradient, type GradientTarget } from './gradient.ts';
import { gradCamWeights, weightedChannelSum } from './gradcam.ts';
import { classScores } from './scores.ts';
import { fcHead, toyFcParamsFor } from './fc-head.ts';
import { upsampleBilinear } from './display.ts';
import { readPacked } from './read-back.ts';

/** The head on top of the last conv layer: GAP + one linear layer (CAM's), or flatten + dense + dense (VGG's kind). */
export type HeadKind = 'gap' | 'fc';

/** The inputs of a toy page: everything a learner can edit. */
export interface ToyInputs {
  /** Feature maps A^k_ij, laid out [K][H][W] (one editable grid per channel). */
  A: number[][][];
  /** Class weights w_k^c, laid out [C][K]. */
  w: number[][];
  /** Biases b_c, [C]. */
  b: number[];
  /** The class c being explained. */
  c: number;
  /**
   * 'mean' is GAP as Keras and the Grad-CAM paper define it; 'sum' is the CAM paper's plain sum; 'max' is a
   * GMP head (lesson 3's trained twin), whose M_c is still sum_k w_k^c A^k, as the CAM paper draws it.
   */
  pooling?: HeadPooling;
  /** What the gradient is taken of: the score before softmax (default) or the probability. */
  target?: GradientTarget;
  /** Negate the gradients (Grad-CAM's counterfactual explanation). */
  counterfactual?: boolean;
  /** Which head produces S (default 'gap'). The 'fc' head is the seeded toy of fc-head.ts; it ignores w and b. */
  head?: HeadKind;
  /**
   * Also score A with the other head, so Sgap and Sfc can be set side by side (lesson 6); default true.
   * A trained GAP network's page sets it false: the toy FC head means nothing for its maps, and costs
   * the most of all the derived values at K = 64 channels.
   */
  compareHeads?: boolean;
  /**
   * Also upsample M_c bilinearly to this size (a trained network's map onto its image), in the same
   * read-back as everything else, so thresholding it needs no second trip to the backend.
   */
  upsample?: { width: number; height: number };
  /** Also dF^k/dA^k_ij of the chosen pooling and of GMP, by autodiff (lesson 3: where each pooling's gradient goes). */
  poolGradients?: boolean;
}

/** Every derived value of a toy state. Flat arrays: maps are row-major [H][W], gradients [K][H][W]. */
export interface Derived {
  K: number;
  H: number;
  W: number;
  C: number;
  Z: number;
  /** F^k, the pooled value of each channel (mean or sum, as chosen). */
  F: Float32Array;
  /** max_ij A^k_ij, global max pooling, for contrast. */
  Fmax: Float32Array;
  /** S_c for every class, before softmax. */
  S: Float32Array;
  /** softmax(S). */
  p: Float32Array;
  /** M_c = sum_k w_k^c A^k for the chosen class, with the GAP head's w (the FC head has no w_k^c: views say so). */
  M: Float32Array;
  /** dY^c/dA^k_ij for the chosen class and target, [K][H][W]. */
  dYdA: Float32Array;
  /** sum_ij dY^c/dA^k_ij per channel. */
  sumGrad: Float32Array;
  /** sum_ij dY^c/dA^k_ij - w_k^c: zero for a mean-GAP head and the score (CAM is Grad-CAM's special case). */
  check: Float32Array;
  /** alpha_k^c (negated when counterfactual). */
  alpha: Float32Array;
  /** sum_k alpha_k^c A^k, before the ReLU. */
  gradCamLinear: Float32Array;
  /** ReLU(sum_k alpha_k^c A^k). */
  gradCam: Float32Array;
  /** Which head produced S, dY/dA and alpha. */
  head: HeadKind;
  /** S of the GAP head and of the FC head for every class, whichever is chosen, to set them side by side (Sfc is NaN when compareHeads is false). */
  Sgap: Float32Array;
  Sfc: Float32Array;
  /**
   * dY^c/dF^k by autodiff through the GAP head's linear layer (w_k^c for the score); NaN for the FC head,
   * whose score does not pass through F at all.
   */
  dYdF: Float32Array;
  /** min_ij and max_ij of dY^c/dA^k_ij per channel: equal for a GAP head, apart for an FC head. */
  gradMin: Float32Array;
  gradMax: Float32Array;
  /** HiResCAM: ReLU(sum_k dY^c/dA^k ⊙ A^k), element by element (gradients negated when counterfactual). */
  hiResCam: Float32Array;
  /** M_c upsampled to inputs.upsample, row-major; null when not asked for. */
  Mup: Float32Array | null;
  /** dF^k/dA^k_ij of the chosen pooling and of GMP, [K][H][W]; null when not asked for (poolGradients). */
  dFdA: Float32Array | null;
  dFmaxdA: Float32Array | null;
}

/** Throws a plain message if the inputs' shapes do not agree; views validate cells before this. */
export function checkShapes(inputs: ToyInputs): { K: number; H: number; W: number; C: number } {
  const K = inputs.A.length;
  const H = inputs.A[0]?.length ?? 0;
  const W = inputs.A[0]?.[0]?.length ?? 0;
  const C = inputs.w.length;
  if (!K || !H || !W) throw new Error('The feature maps are empty.');
  for (const map of inputs.A) {
    if (map.length !== H || map.some((row) => row.length !== W)) throw new Error('Every feature map must be H x W.');
  }
  if (!C || inputs.w.some((row) => row.length !== K)) throw new Error('There must be one weight per class and channel.');
  if (inputs.b.length !== C) throw new Error('There must be one bias per class.');
  if (!Number.isInteger(inputs.c) || inputs.c < 0 || inputs.c >= C) throw new Error(`The class must be between 0 and ${C - 1}.`);
  return { K, H, W, C };
}

/**
 * Derives F, S, p, M, dY/dA, alpha, Grad-CAM and the equivalence check from one toy state,
 * inside one tf.tidy, and reads every result back from the backend in a single transfer.
 */
export async function derive(inputs: ToyInputs): Promise<Derived> {
  const { K, H, W, C } = checkShapes(inputs);
  const Z = H * W;
  const pooling = inputs.pooling ?? 'mean';
  const target = inputs.target ?? 'score';
  const headKind: HeadKind = inputs.head ?? 'gap';
  const useFc = headKind === 'fc' || inputs.compareHeads !== false;
  const fcParams = useFc ? toyFcParamsFor(K, H, W, C) : null;

  const up = inputs.upsample;
  const packed = tf.tidy(() => {
    const A = tf.transpose(tf.tensor3d(inputs.A, [K, H, W]), [1, 2, 0]) as tf.Tensor3D; // -> [H, W, K]
    const w = tf.tensor2d(inputs.w, [C, K]);
    const b = tf.tensor1d(inputs.b);
    const wc = tf.squeeze(tf.slice(w, [inputs.c, 0], [1, K]), [0]) as tf.Tensor1D;
    const gap = gapHead(w, b, pooling);
    const fc = fcParams ? fcHead(fcParams) : null;
    const head = headKind === 'fc' && fc ? fc : gap;

    const F = globalPool(A, pooling);
    const S = head(A);
    const p = softmax(S);
    const M = classActivationMap(A, wc);
    const dYdA = classGradient(head, A, inputs.c, target);
    const sumGrad = tf.sum(dYdA, [0, 1]);
    const alpha = gradCamWeights(dYdA, { counterfactual: inputs.counterfactual });
    const linear = weightedChannelSum(A, alpha);
    const dYdF =
      headKind === 'fc'
        ? tf.fill([K], NaN)
        : tf.grad((f: tf.Tensor) => {
            const scores = classScores(f as tf.Tensor1D, w, b);
            const out = target === 'score' ? scores : tf.softmax(scores);
            return tf.squeeze(tf.slice(out, [inputs.c], [1]));
          })(F);
    const signed = inputs.counterfactual ? tf.neg(dYdA) : dYdA;
    const hiRes = tf.relu(tf.sum(tf.mul(signed, A), 2));
    const parts = [
      F, globalMaxPool(A), S, p, M, tf.transpose(dYdA, [2, 0, 1]), sumGrad, tf.sub(sumGrad, wc), alpha, linear, tf.relu(linear),
      gap(A), fc ? fc(A) : tf.fill([C], NaN), dYdF, tf.min(dYdA, [0, 1]), tf.max(dYdA, [0, 1]), hiRes,
    ];
    if (up) parts.push(upsampleBilinear(M, [up.height, up.width]));
    if (inputs.poolGradients) parts.push(...(['pool', 'max'] as const).map((p) => tf.transpose(poolingGradient(A, p === 'max' ? 'max' : pooling), [2, 0, 1])));
    return tf.concat(parts.map((t) => tf.reshape(t, [-1])));
  });
  const take = await readPacked(packed);
  return {
    K, H, W, C, Z,
    F: take(K), Fmax: take(K), S: take(C), p: take(C), M: take(Z), dYdA: take(K * Z),
    sumGrad: take(K), check: take(K), alpha: take(K), gradCamLinear: take(Z), gradCam: take(Z),
    head: headKind, Sgap: take(C), Sfc: take(C), dYdF: take(K), gradMin: take(K), gradMax: take(K), hiResCam: take(Z),
    Mup: up ? take(up.width * up.height) : null,
    dFdA: inputs.poolGradients ? take(K * Z) : null,
    dFmaxdA: inputs.poolGradients ? take(K * Z) : null,
  };
}
