/**
 * What the trained-network widgets must show, computed in Node from the model files (tfjs cpu backend), so
 * the browser tests compare the page with the network itself rather than with the page's own code.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadModel } from '../../src/model/load.ts';
import { activations, camWeights, cutModel, type CutModel } from '../../src/model/cut.ts';
import { shapesSample, type SampleSet } from '../../src/state/shapes-samples.ts';

export interface NodeModel {
  cut: CutModel;
  w: number[][];
  b: number[];
  /** The head's global pooling: GAP (shapes-gap) or GMP (shapes-gmp). */
  pooling: 'mean' | 'max';
}

export async function nodeModel(folder = 'models/shapes-gap'): Promise<NodeModel> {
  await tf.setBackend('cpu');
  const cut = cutModel(await loadModel(folder));
  const head = camWeights(cut)!;
  const w = head.w.arraySync();
  const b = head.b.arraySync();
  tf.dispose([head.w, head.b]);
  return { cut, w, b, pooling: head.pooling };
}

/** Test image n: its scores S, the predicted class, and M of class c (the prediction when c is left out). */
export function expected({ cut, w, b, pooling }: NodeModel, set: SampleSet, n: number, c?: number) {
  const sample = shapesSample(set, n);
  const A = tf.tidy(() => activations(cut, tf.tensor3d(sample.image, [64, 64, 3])).arraySync()); // [16][16][64]
  const K = w[0].length;
  const cells = A.flat();
  const F = Array.from({ length: K }, (_, k) =>
    pooling === 'max' ? Math.max(...cells.map((cell) => cell[k])) : cells.reduce((s, cell) => s + cell[k], 0) / 256,
  );
  const S = w.map((row, cls) => row.reduce((s, wk, k) => s + wk * F[k], b[cls]));
  const best = S.indexOf(Math.max(...S));
  const cls = c ?? best;
  const M = A.flat().map((cell) => cell.reduce((s, a, k) => s + a * w[cls][k], 0));
  return { sample, S, best, M, c: cls };
}
