import type { Pooling } from './pooling.ts';

export interface CamIdentity {
  /** sum_{x,y} M_c(x,y). */
  sumM: number;
  /** What the identity predicts for S_c: sum M_c + b_c (plain-sum pooling) or (1/Z) sum M_c + b_c (mean). */
  predicted: number;
  /** Whether S_c, as the head computed it, equals the prediction (to float32 precision). */
  holds: boolean;
}

/**
 * The identity between the class activation map and the score: with F_k the plain sum,
 * S_c = sum_k w_k^c sum_{x,y} f_k(x,y) = sum_{x,y} M_c(x,y); with the mean, S_c = (1/Z) sum M_c. Plus b_c.
 */
export function camIdentity(M: ArrayLike<number>, pooling: Pooling, bias: number, score: number): CamIdentity {
  let sumM = 0;
  for (let i = 0; i < M.length; i++) sumM += M[i];
  const predicted = (pooling === 'mean' ? sumM / M.length : sumM) + bias;
  const holds = Math.abs(predicted - score) <= 1e-4 * Math.max(1, Math.abs(score), Math.abs(sumM));
  return { sumM, predicted, holds };
}

/** How many entries differ between two equally long vectors (the flattened maps before and after a move). */
export function countChanged(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('The vectors differ in length.');
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
