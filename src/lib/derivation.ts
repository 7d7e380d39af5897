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
