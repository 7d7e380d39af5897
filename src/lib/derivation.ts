import type { Derived, ToyInputs } from './derive.ts';

/**
 * The lines of the derivation that CAM is Grad-CAM's special case (Grad-CAM paper, section 3.1),
 * each checked against the numbers autodiff produced for the current state.
 */
export const derivationSteps = ['pool', 'dFdA', 'score', 'dYdF', 'chain', 'sum', 'alpha', 'maps'] as const;
export type DerivationStep = (typeof derivationSteps)[number];

export interface StepCheck {
  step: DerivationStep;
  /** Does this line hold for the current head and target? */
  holds: boolean;
  /** 'absent' when the line has no meaning for this head (the FC head never pools, so there is no F^k to differentiate). */
  absent: boolean;
  /** The largest deviation from the line, in the line's own units (0 when it holds exactly). */
  error: number;
}

/** Relative tolerance for float32 arithmetic: a line holds when it is off by less than this times its scale. */
export const STEP_TOLERANCE = 1e-4;

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= STEP_TOLERANCE * scale;
}

function largestGap(a: ArrayLike<number>, b: (i: number) => number): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b(i)));
  return m;
}

/**
 * Checks each line with the live numbers. The derivation assumes the mean-GAP head and the score
 * before softmax; switching to the FC head or the probability makes particular lines fail, and this says which.
 */
export function checkDerivation(inputs: ToyInputs, d: Derived): StepCheck[] {
  const { K, Z } = d;
  const c = inputs.c;
  const wc = inputs.w[c];
  const fc = d.head === 'fc';
  const mean = (inputs.pooling ?? 'mean') === 'mean';
  const scoreTarget = (inputs.target ?? 'score') === 'score';
  const wScale = 1 + maxAbs(wc);
  const check = (step: DerivationStep, error: number, scale: number): StepCheck => ({
    step,
    holds: Number.isFinite(error) && error <= STEP_TOLERANCE * scale,
    absent: false,
    error,
  });
  const absent = (step: DerivationStep): StepCheck => ({ step, holds: false, absent: true, error: NaN });

  // Y^c as the line writes it: sum_k w_k^c F^k + b_c.
  const linear = wc.reduce((s, w, k) => s + w * d.F[k], 0) + inputs.b[c];
  const y = scoreTarget ? d.S[c] : d.p[c];
  // dY^c/dA^k_ij against w_k^c / Z at every position.
  let chain = 0;
  for (let k = 0; k < K; k++) chain = Math.max(chain, Math.abs(d.gradMax[k] - wc[k] / Z), Math.abs(d.gradMin[k] - wc[k] / Z));
  // L^c against ReLU(M_c / Z).
  const maps = largestGap(d.gradCam, (i) => Math.max(0, d.M[i] / Z));

  return [
    fc ? absent('pool') : check('pool', 0, 1),
    fc ? absent('dFdA') : check('dFdA', mean ? 0 : Math.abs(1 - 1 / Z), 1),
    check('score', Math.abs(y - linear), 1 + Math.abs(linear)),
    fc ? absent('dYdF') : check('dYdF', largestGap(d.dYdF, (k) => wc[k]), wScale),
    check('chain', chain, wScale / Z),
    check('sum', largestGap(d.sumGrad, (k) => wc[k]), wScale),
    check('alpha', largestGap(d.alpha, (k) => wc[k] / Z), wScale / Z),
    check('maps', maps, 1 + maxAbs(d.M) / Z),
  ];
}

/** How far dY^c/dA^k_ij moves over the positions of each channel: 0 for any GAP head, even with the probability. */
export function gradientSpread(d: Derived): number[] {
  return Array.from({ length: d.K }, (_, k) => d.gradMax[k] - d.gradMin[k]);
}

/** The numbers each line substitutes, for the current class c, worked out once here so views only format them. */
export interface DerivationNumbers {
  c: number;
  Z: number;
  H: number;
  W: number;
  K: number;
  /** sum_ij A^k_ij per channel. */
  sumA: number[];
  F: number[];
  /** w_k^c (the GAP head's weights) and b_c. */
  w: number[];
  b: number;
  /** sum_k w_k^c F^k + b_c, the score the line predicts. */
  linear: number;
  /** Y^c as the network computes it: S_c of the chosen head, or p_c. */
  y: number;
  dYdF: number[];
  /** w_k^c / Z. */
  wOverZ: number[];
  gradMin: number[];
  gradMax: number[];
  sumGrad: number[];
  /** sum_ij dY^c/dA^k_ij - w_k^c. */
  diff: number[];
  alpha: number[];
  /** ReLU(M_c / Z), cell by cell, and L^c - ReLU(M_c / Z). */
  camOverZ: Float32Array;
  mapDiff: Float32Array;
  mapError: number;
  checks: StepCheck[];
  /** Per channel, whether dY/dF = w, dY/dA = w/Z at every cell, sum = w, and alpha = w/Z hold. */
  ok: { dYdF: boolean[]; chain: boolean[]; sum: boolean[]; alpha: boolean[] };
}

export function derivationNumbers(inputs: ToyInputs, d: Derived): DerivationNumbers {
  const c = inputs.c;
  const w = [...inputs.w[c]];
  const F = Array.from(d.F);
  const mean = (inputs.pooling ?? 'mean') === 'mean';
  const camOverZ = d.M.map((v) => Math.max(0, v / d.Z));
  const mapDiff = d.gradCam.map((v, i) => v - camOverZ[i]);
  return {
    c,
    Z: d.Z,
    H: d.H,
    W: d.W,
    K: d.K,
    sumA: F.map((f) => (mean ? f * d.Z : f)),
    F,
    w,
    b: inputs.b[c],
    linear: w.reduce((s, wk, k) => s + wk * F[k], 0) + inputs.b[c],
    y: (inputs.target ?? 'score') === 'score' ? d.S[c] : d.p[c],
    dYdF: Array.from(d.dYdF),
    wOverZ: w.map((x) => x / d.Z),
    gradMin: Array.from(d.gradMin),
    gradMax: Array.from(d.gradMax),
    sumGrad: Array.from(d.sumGrad),
    diff: Array.from(d.check),
    alpha: Array.from(d.alpha),
    camOverZ,
    mapDiff,
    mapError: maxAbs(mapDiff),
    checks: checkDerivation(inputs, d),
    ok: {
      dYdF: w.map((wk, k) => d.head !== 'fc' && close(d.dYdF[k], wk, 1 + Math.abs(wk))),
      chain: w.map((wk, k) => close(d.gradMin[k], wk / d.Z, (1 + Math.abs(wk)) / d.Z) && close(d.gradMax[k], wk / d.Z, (1 + Math.abs(wk)) / d.Z)),
      sum: w.map((wk, k) => close(d.sumGrad[k], wk, 1 + Math.abs(wk))),
      alpha: w.map((wk, k) => close(d.alpha[k], wk / d.Z, (1 + Math.abs(wk)) / d.Z)),
    },
  };
}
