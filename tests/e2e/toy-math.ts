import { toyFcParams } from '../../src/lib/fc-head.ts';

/**
 * The formulas of lessons 6-9 in plain loops, independent of tfjs and of the page, for checking the numbers
 * the widgets show. The toy FC head's weights are data (seeded); its forward pass and gradient are redone here.
 */
export const fmt = (x: number) => {
  const r = Number(x.toFixed(4));
  return Object.is(r, -0) ? '0' : String(r);
};

export function mean(map: number[][]): number {
  const flat = map.flat();
  return flat.reduce((a, b) => a + b, 0) / flat.length;
}

export function gapScores(A: number[][][], w: number[][], b: number[]): number[] {
  return w.map((row, c) => row.reduce((s, wk, k) => s + wk * mean(A[k]), b[c]));
}

/** The FC head: scores and dS_c/dA, the gradient laid out [K][H][W]. */
export function fcHeadByHand(A: number[][][], C: number, c: number) {
  const [K, H, W] = [A.length, A[0].length, A[0][0].length];
  const p = toyFcParams(K, H, W, C);
  const x: number[] = [];
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) for (let k = 0; k < K; k++) x.push(A[k][i][j]);
  const pre = p.W1.map((row, d) => row.reduce((s, v, n) => s + v * x[n], p.b1[d]));
  const hidden = pre.map((v) => Math.max(0, v));
  const S = p.W2.map((row, cc) => row.reduce((s, v, d) => s + v * hidden[d], p.b2[cc]));
  const grad = A.map((_, k) =>
    Array.from({ length: H }, (__, i) =>
      Array.from({ length: W }, (___, j) => p.W2[c].reduce((s, v, d) => s + (pre[d] > 0 ? v * p.W1[d][(i * W + j) * K + k] : 0), 0)),
    ),
  );
  return { S, grad };
}

export function camMap(A: number[][][], wc: number[]): number[] {
  const [H, W] = [A[0].length, A[0][0].length];
  const out: number[] = [];
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) out.push(wc.reduce((s, w, k) => s + w * A[k][i][j], 0));
  return out;
}

export function scale01(m: number[]): number[] {
  const lo = Math.min(...m);
  const hi = Math.max(...m);
  return m.map((v) => (hi - lo > 1e-12 ? (v - lo) / (hi - lo) : 0));
}

export function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((x, y) => x + y, 0) / a.length;
  const mb = b.reduce((x, y) => x + y, 0) / b.length;
  const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
  const va = a.reduce((s, v) => s + (v - ma) ** 2, 0);
  const vb = b.reduce((s, v) => s + (v - mb) ** 2, 0);
  return cov / Math.sqrt(va * vb);
}

export function contrast(scaled: number[]): { surround: number; contrast: number } {
  const hot = scaled.filter((v) => v >= 0.5);
  const rest = scaled.filter((v) => v < 0.5);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return { surround: avg(rest), contrast: avg(hot) - avg(rest) };
}
