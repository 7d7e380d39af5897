/**
 * What the Grad-CAM widgets of lessons 7 and 9 must show, computed in Node from the model files (tfjs cpu
 * backend) without tf.grad: alpha_k^c is the derivative of y^c along "every cell of channel k at once",
 * (y(A + eps 1_k) - y(A - eps 1_k)) / (2 eps Z), which is the sum of dy/dA^k_ij over the cells divided by Z.
 * The shapes networks' heads are piecewise linear (max pooling, ReLU, dense), so the difference is exact
 * unless a ReLU of the dense layer changes state within eps: eps = 1e-2 does on shapes-fc's test image 0
 * (alpha off by 1e-4), eps = 1e-3 leaves float32 rounding, about 2e-6 on each alpha.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Page } from 'playwright-core';
import { loadModel } from '../../src/model/load.ts';
import { activations, camWeights, cutModel, type CutModel } from '../../src/model/cut.ts';
import { shapesSample, type SampleSet } from '../../src/state/shapes-samples.ts';

export type NetFolder = 'shapes-fc' | 'shapes-gap';

export interface NodeNet {
  cut: CutModel;
  /** w [C][K] of a GAP head, null for the flatten head. */
  w: number[][] | null;
}

export async function nodeNet(folder: NetFolder): Promise<NodeNet> {
  await tf.setBackend('cpu');
  const cut = cutModel(await loadModel(`models/${folder}`));
  const cam = camWeights(cut);
  const w = cam ? (cam.w.arraySync() as number[][]) : null;
  if (cam) tf.dispose([cam.w, cam.b]);
  return { cut, w };
}

const softmax = (s: number[]) => {
  const top = Math.max(...s);
  const e = s.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

export interface ExpectedGradCam {
  S: number[];
  p: number[];
  best: number;
  c: number;
  alpha: number[];
  /** sum_k alpha_k A^k before the ReLU, and after it; row-major 16 x 16. */
  linear: number[];
  L: number[];
  /** M_c = sum_k w_k^c A^k on a GAP head. */
  M: number[] | null;
}

export function expectedGradCam(
  { cut, w }: NodeNet,
  set: SampleSet,
  n: number,
  options: { c?: number; target?: 'score' | 'probability'; counterfactual?: boolean } = {},
): ExpectedGradCam {
  const [H, W, K] = cut.featureShape;
  const Z = H * W;
  const eps = 1e-3;
  const sample = shapesSample(set, n);
  const { A, S, shifted } = tf.tidy(() => {
    const a = activations(cut, tf.tensor3d(sample.image, [64, 64, 3]));
    // Row k: A with eps added to every cell of channel k; row K + k: subtracted.
    const step = tf.reshape(tf.mul(tf.oneHot(tf.range(0, K, 1, 'int32'), K), eps), [K, 1, 1, K]);
    const batch = tf.concat([tf.add(a, step), tf.sub(a, step)]);
    const logits = cut.headModel.apply(batch, { training: false }) as tf.Tensor2D;
    return { A: a.arraySync() as number[][][], S: Array.from(cut.head(a).dataSync()), shifted: logits.arraySync() as number[][] };
  });
  const best = S.indexOf(Math.max(...S));
  const c = options.c ?? best;
  const y = (scores: number[]) => (options.target === 'probability' ? softmax(scores)[c] : scores[c]);
  const sign = options.counterfactual ? -1 : 1;
  const alpha = Array.from({ length: K }, (_, k) => (sign * (y(shifted[k]) - y(shifted[K + k]))) / (2 * eps * Z));
  const cells = A.flat(); // [H * W][K]
  const linear = cells.map((cell) => cell.reduce((s, a, k) => s + a * alpha[k], 0));
  const M = w ? cells.map((cell) => cell.reduce((s, a, k) => s + a * w[c][k], 0)) : null;
  return { S, p: softmax(S), best, c, alpha, linear, L: linear.map((v) => Math.max(0, v)), M };
}

/** The page's number in a dense grid's cell title (4 decimals, or 1.2e-5 for the tiny ones). */
export const cellValue = (text: string | null) => Number.parseFloat(text ?? '');

/** What a test reads of one widget: an output's text, its number, and a grid's cells (by data-output or data-map). */
export function widgetReader(tag: string) {
  const out = (page: Page, name: string) => page.locator(`${tag} [data-output="${name}"]`).first().textContent().then((t) => t ?? '');
  const cells = (page: Page, selector: string) =>
    page.locator(`${tag} table${selector} td`).evaluateAll((tds) => tds.map((td) => td.getAttribute('title') ?? td.textContent ?? ''));
  return {
    out,
    num: async (page: Page, name: string) => Number.parseFloat(await out(page, name)),
    /** A grid's cells by its data-output name. */
    grid: (page: Page, name: string) => cells(page, `[data-output="${name}"]`),
    /** A heat map's cells by its data-map name. */
    map: (page: Page, name: string) => cells(page, `[data-map="${name}"]`),
  };
}
