import type { Derived, ToyInputs } from './derive.ts';

/**
 * The lines of the derivation that CAM is Grad-CAM's special case (Grad-CAM paper, section 3.1), by two
 * routes, each line checked against the numbers autodiff produced for the current state.
 *
 * Both routes start from the same four lines (the pooling, how F^k reacts to a cell, the score, how S_c
 * reacts to F^k) and part at line 5:
 *  - 'chain' runs the chain rule forward: dS/dA = dS/dF dF/dA = s w at every cell, then sums over the cells.
 *  - 'paper' follows the paper and the talk: dS/dF = (dS/dA) / (dF/dA), so w = (1/s) dS/dA at every cell;
 *    sum both sides over the Z cells and cancel.
 * s is the pooling's constant dF^k/dA^k_ij: 1/Z for the mean (Keras, the Grad-CAM paper), 1 for the plain
 * sum (the CAM paper). Every line is written for the pooling chosen, so the plain sum gives alpha = w exactly.
 */
export const derivationRoutes = {
  chain: ['pool', 'dFdA', 'score', 'dYdF', 'chain', 'sum', 'alpha', 'maps'],
  paper: ['pool', 'dFdA', 'score', 'dYdF', 'ratio', 'perCell', 'sumBoth', 'cancel', 'alpha', 'maps'],
} as const;
export type DerivationRoute = keyof typeof derivationRoutes;
export type DerivationStep = (typeof derivationRoutes)[DerivationRoute][number];

/** Every line of either route, once. */
export const derivationSteps: readonly DerivationStep[] = [...new Set<DerivationStep>([...derivationRoutes.chain, ...derivationRoutes.paper])];

/** The most lines a route has: the upper bound of a link's step. */
export const MAX_STEPS = Math.max(...Object.values(derivationRoutes).map((r) => r.length));

export function routeSteps(route: DerivationRoute = 'chain'): readonly DerivationStep[] {
  return derivationRoutes[route];
}

/**
 * The line to show after switching routes: the same line where the other route has it, else the line that
 * states the same fact (the gradient at every cell; the sum of the gradients), else the same number, clamped.
 */
export function stepOnRoute(from: DerivationRoute, to: DerivationRoute, step: number): number {
  const id = routeSteps(from)[step - 1];
  const same: Partial<Record<DerivationStep, DerivationStep>> = { chain: 'perCell', perCell: 'chain', ratio: 'chain', sum: 'cancel', cancel: 'sum', sumBoth: 'sum' };
  const target = routeSteps(to);
  for (const candidate of [id, same[id]]) {
    const at = candidate ? target.indexOf(candidate) : -1;
    if (at >= 0) return at + 1;
  }
  return Math.max(1, Math.min(step, target.length));
}

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

/** dF^k/dA^k_ij of the pooling: 1/Z for the mean, 1 for the plain sum. */
export function poolingSlope(inputs: Pick<ToyInputs, 'pooling'>, Z: number): number {
  return (inputs.pooling ?? 'mean') === 'mean' ? 1 / Z : 1;
}

/** sum_ij A^k_ij per channel, added up here from the inputs (not from F), so line 1 checks the pooling. */
export function channelSums(A: number[][][]): number[] {
  return A.map((map) => map.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0));
}

/**
 * Checks each line of every route with the live numbers. The derivation assumes a GAP head and the score
 * before softmax; switching to the FC head or the probability makes particular lines fail, and this says which.
 */
function allChecks(inputs: ToyInputs, d: Derived): Record<DerivationStep, StepCheck> {
  const { K, Z } = d;
  const wc = inputs.w[inputs.c];
  const fc = d.head === 'fc';
  const s = poolingSlope(inputs, Z);
  const scoreTarget = (inputs.target ?? 'score') === 'score';
  const wScale = 1 + maxAbs(wc);
  const check = (step: DerivationStep, error: number, scale: number): StepCheck => ({
    step,
    holds: Number.isFinite(error) && error <= STEP_TOLERANCE * scale,
    absent: false,
    error,
  });
  const absent = (step: DerivationStep): StepCheck => ({ step, holds: false, absent: true, error: NaN });

  const sums = channelSums(inputs.A);
  // S_c as the line writes it: sum_k w_k^c F^k + b_c.
  const linear = wc.reduce((t, w, k) => t + w * d.F[k], 0) + inputs.b[inputs.c];
  const y = scoreTarget ? d.S[inputs.c] : d.p[inputs.c];
  // The largest gap, over the channels and over every cell (through the gradient's min and max), between the
  // gradient and what a line says it is: value(k, g) for g = dS/dA^k_ij.
  const perCell = (value: (k: number, g: number) => number, target: (k: number) => number) => {
    let m = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, Math.abs(value(k, d.gradMin[k]) - target(k)), Math.abs(value(k, d.gradMax[k]) - target(k)));
    return m;
  };
  const mapScale = 1 + maxAbs(d.M) * s;

  return {
    pool: fc ? absent('pool') : check('pool', largestGap(d.F, (k) => s * sums[k]), 1 + maxAbs(sums) * s),
    dFdA: fc ? absent('dFdA') : check('dFdA', 0, 1),
    score: check('score', Math.abs(y - linear), 1 + Math.abs(linear)),
    dYdF: fc ? absent('dYdF') : check('dYdF', largestGap(d.dYdF, (k) => wc[k]), wScale),
    // Forward: dS/dA = s w at every cell; summed over the Z cells, Z s w.
    chain: check('chain', perCell((_, g) => g, (k) => s * wc[k]), wScale * s),
    sum: check('sum', largestGap(d.sumGrad, (k) => Z * s * wc[k]), wScale * Z * s),
    // The paper: dS/dF = (dS/dA) / (dF/dA), at every cell. It needs only that A^k reaches the score through F^k.
    ratio: fc ? absent('ratio') : check('ratio', perCell((_, g) => g / s, (k) => d.dYdF[k]), wScale),
    perCell: check('perCell', perCell((_, g) => g / s, (k) => wc[k]), wScale),
    sumBoth: check('sumBoth', largestGap(d.sumGrad, (k) => Z * s * wc[k]) / s, wScale * Z),
    cancel: check('cancel', largestGap(d.sumGrad, (k) => Z * s * wc[k]) / (Z * s), wScale),
    alpha: check('alpha', largestGap(d.alpha, (k) => s * wc[k]), wScale * s),
    // L^c against ReLU(s M_c).
    maps: check('maps', largestGap(d.gradCam, (i) => Math.max(0, s * d.M[i])), mapScale),
  };
}

/** The checks of a route's lines, in the route's order. */
export function checkDerivation(inputs: ToyInputs, d: Derived, route: DerivationRoute = 'chain'): StepCheck[] {
  const checks = allChecks(inputs, d);
  return routeSteps(route).map((step) => checks[step]);
}

/**
 * The line (index in the route) where the chain visibly breaks: for the flatten head, where the gradient
 * must be one number per channel and is not; otherwise the first line that exists and fails; -1 if none.
 */
export function breakingLine(checks: readonly StepCheck[], head: Derived['head'], route: DerivationRoute): number {
  if (head === 'fc') return routeSteps(route).indexOf(route === 'chain' ? 'chain' : 'perCell');
  return checks.findIndex((s) => !s.holds && !s.absent);
}

/** How far dS_c/dA^k_ij moves over the positions of each channel: 0 for any GAP head, even with the probability. */
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
  /** dF^k/dA^k_ij: 1/Z for the mean, 1 for the plain sum. */
  slope: number;
  pooling: 'mean' | 'sum';
  /** sum_ij A^k_ij per channel. */
  sumA: number[];
  F: number[];
  /** w_k^c (the GAP head's weights) and b_c. */
  w: number[];
  b: number;
  /** sum_k w_k^c F^k + b_c, the score the line predicts. */
  linear: number;
  /** What is differentiated, as the network computes it: S_c of the chosen head, or p_c. */
  y: number;
  dYdF: number[];
  /** s w_k^c: what the chain rule says dS_c/dA^k_ij is at every cell (w/Z for the mean, w for the sum). */
  sw: number[];
  /** Z s w_k^c: what the sum of the gradients should be (w for the mean, Z w for the sum). */
  Zsw: number[];
  gradMin: number[];
  gradMax: number[];
  /** The gradient divided by dF/dA, at its smallest and largest cell: the paper's route, eq. (7) to (9). */
  ratioMin: number[];
  ratioMax: number[];
  sumGrad: number[];
  /** sum_ij dS_c/dA^k_ij - Z s w_k^c: zero wherever the sum line holds. */
  diff: number[];
  /** Z w_k^c and (1/s) sum_ij dS_c/dA^k_ij: both sides of the paper's eq. (11). */
  Zw: number[];
  sumOverSlope: number[];
  /** (1/(Z s)) sum_ij dS_c/dA^k_ij: the paper's eq. (12), w_k^c when it holds. */
  cancelled: number[];
  alpha: number[];
  /** ReLU(s M_c), cell by cell, and L^c - ReLU(s M_c). */
  camScaled: Float32Array;
  mapDiff: Float32Array;
  mapError: number;
  checks: StepCheck[];
  /** Per channel: which equalities of the lines hold. */
  ok: { dYdF: boolean[]; chain: boolean[]; sum: boolean[]; alpha: boolean[]; ratio: boolean[]; perCell: boolean[]; cancel: boolean[] };
}

export function derivationNumbers(inputs: ToyInputs, d: Derived, route: DerivationRoute = 'chain'): DerivationNumbers {
  const c = inputs.c;
  const { Z } = d;
  const w = [...inputs.w[c]];
  const F = Array.from(d.F);
  const s = poolingSlope(inputs, Z);
  const gradMin = Array.from(d.gradMin);
  const gradMax = Array.from(d.gradMax);
  const sumGrad = Array.from(d.sumGrad);
  const dYdF = Array.from(d.dYdF);
  const camScaled = d.M.map((v) => Math.max(0, v * s));
  const mapDiff = d.gradCam.map((v, i) => v - camScaled[i]);
  const unit = (k: number) => 1 + Math.abs(w[k]);
  /** Whether at(g) matches target at both the gradient's smallest and largest cell, hence at every cell. */
  const both = (k: number, at: (g: number) => number, target: number, scale: number) => close(at(gradMin[k]), target, scale) && close(at(gradMax[k]), target, scale);
  return {
    c,
    Z,
    H: d.H,
    W: d.W,
    K: d.K,
    slope: s,
    pooling: (inputs.pooling ?? 'mean') === 'mean' ? 'mean' : 'sum',
    sumA: channelSums(inputs.A),
    F,
    w,
    b: inputs.b[c],
    linear: w.reduce((t, wk, k) => t + wk * F[k], 0) + inputs.b[c],
    y: (inputs.target ?? 'score') === 'score' ? d.S[c] : d.p[c],
    dYdF,
    sw: w.map((x) => x * s),
    Zsw: w.map((x) => x * s * Z),
    gradMin,
    gradMax,
    ratioMin: gradMin.map((g) => g / s),
    ratioMax: gradMax.map((g) => g / s),
    sumGrad,
    diff: sumGrad.map((g, k) => g - Z * s * w[k]),
    Zw: w.map((x) => Z * x),
    sumOverSlope: sumGrad.map((g) => g / s),
    cancelled: sumGrad.map((g) => g / (Z * s)),
    alpha: Array.from(d.alpha),
    camScaled,
    mapDiff,
    mapError: maxAbs(mapDiff),
    checks: checkDerivation(inputs, d, route),
    ok: {
      dYdF: w.map((wk, k) => d.head !== 'fc' && close(dYdF[k], wk, unit(k))),
      chain: w.map((wk, k) => both(k, (g) => g, wk * s, unit(k) * s)),
      sum: w.map((wk, k) => close(sumGrad[k], wk * s * Z, unit(k) * s * Z)),
      alpha: w.map((wk, k) => close(d.alpha[k], wk * s, unit(k) * s)),
      ratio: w.map((_, k) => d.head !== 'fc' && both(k, (g) => g / s, dYdF[k], unit(k))),
      perCell: w.map((wk, k) => both(k, (g) => g / s, wk, unit(k))),
      cancel: w.map((wk, k) => close(sumGrad[k] / (Z * s), wk, unit(k))),
    },
  };
}
