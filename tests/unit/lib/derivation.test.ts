import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { derive, type ToyInputs } from '../../../src/lib/derive.ts';
import { breakingLine, checkDerivation, derivationNumbers, gradientSpread, routeSteps, stepOnRoute, type DerivationRoute } from '../../../src/lib/derivation.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { expectClose, randomMaps, seededRandom } from './close.ts';

const holding = (inputs: ToyInputs, d: Awaited<ReturnType<typeof derive>>, route: DerivationRoute = 'chain') =>
  Object.fromEntries(checkDerivation(inputs, d, route).map((s) => [s.step, s.absent ? 'absent' : s.holds]));
const routes: DerivationRoute[] = ['chain', 'paper'];

function randomNetwork(rand: () => number, trial: number): ToyInputs {
  const [K, H, W, C] = [1 + (trial % 5), 2 + (trial % 6), 2 + ((trial * 3) % 7), 2 + (trial % 4)];
  return {
    A: randomMaps(rand, K, H, W, 20),
    w: Array.from({ length: C }, () => Array.from({ length: K }, () => rand() * 6 - 3)),
    b: Array.from({ length: C }, () => rand() * 2 - 1),
    c: trial % C,
  };
}

describe('the equivalence on random GAP networks and random maps', () => {
  const rand = seededRandom(317);
  for (let trial = 0; trial < 20; trial++) {
    const inputs = randomNetwork(rand, trial);
    const [K, H, W] = [inputs.A.length, inputs.A[0].length, inputs.A[0][0].length];
    it(`trial ${trial} (K=${K}, ${H}x${W}): sum_ij dY/dA = w within 1e-6, dY/dF = w, the gradient flat, every line holds`, async () => {
      const d = await derive(inputs);
      const wc = inputs.w[inputs.c];
      expectClose(d.sumGrad, wc, 1e-6);
      expectClose(d.dYdF, wc, 1e-6);
      expectClose(d.alpha, wc.map((x) => x / (H * W)), 1e-6);
      for (const s of gradientSpread(d)) expect(s).toBeLessThanOrEqual(1e-6);
      for (const route of routes) for (const step of checkDerivation(inputs, d, route)) expect(step.holds, `${route}: ${step.step}`).toBe(true);
    });
    it(`trial ${trial} with the plain sum: every line of both routes holds, and alpha = w exactly`, async () => {
      const d = await derive({ ...inputs, pooling: 'sum' });
      expectClose(d.alpha, inputs.w[inputs.c], 1e-5);
      for (const route of routes) for (const step of checkDerivation({ ...inputs, pooling: 'sum' }, d, route)) expect(step.holds, `${route}: ${step.step}`).toBe(true);
    });
  }
});

describe('breaking the equivalence on purpose', () => {
  it('the FC head: the gradient varies over positions, sum_ij dY/dA is not w, and the pooling lines are absent', async () => {
    const rand = seededRandom(42);
    let smallestSpread = Infinity;
    let largestMiss = 0;
    for (let trial = 0; trial < 10; trial++) {
      const inputs = { ...randomNetwork(rand, trial), head: 'fc' as const };
      // A sizeable map, so that the hidden units are awake.
      inputs.A = randomMaps(rand, inputs.A.length, 5, 5, 20).map((m) => m.map((r) => r.map((v) => v + 10)));
      const d = await derive(inputs);
      const spread = Math.max(...gradientSpread(d));
      smallestSpread = Math.min(smallestSpread, spread);
      largestMiss = Math.max(largestMiss, ...Array.from(d.check, Math.abs));
      const result = holding(inputs, d);
      expect(result.pool).toBe('absent');
      expect(result.dYdF).toBe('absent');
      expect(result.chain).toBe(false);
      const paper = holding(inputs, d, 'paper');
      expect([paper.ratio, paper.perCell, paper.sumBoth, paper.cancel]).toEqual(['absent', false, false, false]);
      expect(breakingLine(checkDerivation(inputs, d, 'paper'), 'fc', 'paper')).toBe(routeSteps('paper').indexOf('perCell'));
    }
    expect(smallestSpread).toBeGreaterThan(1e-3);
    expect(largestMiss).toBeGreaterThan(0.1);
  });

  it('the FC head on the talk’s maps: lines 5 to 8 fail by measurable amounts', async () => {
    const inputs = { ...seedExample(), head: 'fc' as const };
    const d = await derive(inputs);
    expect(Number.isNaN(d.dYdF[0])).toBe(true);
    const checks = checkDerivation(inputs, d);
    expect(checks.map((s) => s.step)).toEqual([...routeSteps('chain')]);
    for (const s of checks.slice(4)) {
      expect(s.holds, s.step).toBe(false);
      expect(s.error, s.step).toBeGreaterThan(1e-3);
    }
  });

  it('the probability: dY/dF is no longer w, though the gradient stays the same at every position', async () => {
    const inputs: ToyInputs = { ...seedExample(), c: 1, target: 'probability' };
    const d = await derive(inputs);
    // p = softmax(S); dp_c/dF^k = p_c (w_k^c - sum_c' p_c' w_k^c'), by hand from the derived S.
    const e = Array.from(d.S, (s) => Math.exp(s - Math.max(...d.S)));
    const p = e.map((v) => v / e.reduce((x, y) => x + y, 0));
    const expected = inputs.w[1].map((_, k) => p[1] * (inputs.w[1][k] - inputs.w.reduce((s, row, cc) => s + p[cc] * row[k], 0)));
    expectClose(d.dYdF, expected, 1e-6);
    for (const s of gradientSpread(d)) expect(s).toBeLessThanOrEqual(1e-7);
    expect(holding(inputs, d)).toEqual({ pool: true, dFdA: true, score: false, dYdF: false, chain: false, sum: false, alpha: false, maps: false });
    // The paper's division needs only that A reaches the output through F: it holds for the probability too.
    expect(holding(inputs, d, 'paper')).toEqual({ pool: true, dFdA: true, score: false, dYdF: false, ratio: true, perCell: false, sumBoth: false, cancel: false, alpha: false, maps: false });
    expect(breakingLine(checkDerivation(inputs, d, 'paper'), 'gap', 'paper')).toBe(2);
  });

  it('the plain-sum pooling of the CAM paper: dF/dA = 1, dS/dA = w at every cell, the sum Z w, alpha = w, L = ReLU(M)', async () => {
    const inputs: ToyInputs = { ...seedExample(), pooling: 'sum' };
    const d = await derive(inputs);
    expectClose(d.F, [1250, 0, 50], 1e-3);
    expectClose(d.gradMin, [1, 2, 3], 1e-6);
    expectClose(d.gradMax, [1, 2, 3], 1e-6);
    expectClose(d.sumGrad, [25, 50, 75], 1e-4);
    expectClose(d.alpha, [1, 2, 3], 1e-6);
    expectClose(d.gradCam, Array.from(d.M, (m) => Math.max(0, m)), 1e-3);
    for (const route of routes) expect(checkDerivation(inputs, d, route).every((s) => s.holds), route).toBe(true);
  });
});

describe('the talk’s example, line by line', () => {
  it('F = 50, 0, 2; dY/dF = 1, 2, 3; dY/dA = 0.04, 0.08, 0.12 everywhere; Grad-CAM = M/25; HiResCAM the same', async () => {
    const inputs = seedExample();
    const d = await derive(inputs);
    expectClose(d.F, [50, 0, 2]);
    expectClose(d.dYdF, [1, 2, 3], 1e-6);
    expectClose(d.gradMin, [0.04, 0.08, 0.12], 1e-7);
    expectClose(d.gradMax, [0.04, 0.08, 0.12], 1e-7);
    expectClose(d.Sgap, d.S);
    expectClose(d.gradCam, Array.from(d.M, (m) => m / 25), 1e-4);
    expectClose(d.hiResCam, d.gradCam, 1e-4);
    expect(checkDerivation(inputs, d).every((s) => s.holds)).toBe(true);
  });

  it('keeps the tensor count with every head and target', async () => {
    await derive({ ...seedExample(), head: 'fc' });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await derive({ ...seedExample(), head: i % 2 ? 'fc' : 'gap', target: i % 3 ? 'score' : 'probability', counterfactual: i % 5 === 0 });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the numbers each line substitutes', () => {
  it('on the talk’s example: sums 1250, 0, 50; the score 56; w/Z; L - ReLU(M/Z) = 0', async () => {
    const { derivationNumbers } = await import('../../../src/lib/derivation.ts');
    const inputs = seedExample();
    const n = derivationNumbers(inputs, await derive(inputs));
    expectClose(n.sumA, [1250, 0, 50], 1e-3);
    expect(n.linear).toBeCloseTo(56, 4);
    expect(n.y).toBeCloseTo(56, 4);
    expectClose(n.sw, [0.04, 0.08, 0.12], 1e-9);
    expectClose(n.Zsw, [1, 2, 3], 1e-9);
    expectClose(n.diff, [0, 0, 0], 1e-6);
    expect(n.mapError).toBeLessThan(1e-4);
    // M at the centre is 130*1 + 0*2 + 0*3 = 130 and at the top-right corner 20*1 + 12*3 = 56.
    expect(n.camScaled[12]).toBeCloseTo(130 / 25, 4);
    expect(n.camScaled[4]).toBeCloseTo(56 / 25, 4);
  });
  it('the paper’s route on the talk’s example: 0.04 / (1/25) = 1; 25 · 1 = 25 · 1; w = the sum of the gradients', async () => {
    const inputs = seedExample();
    const n = derivationNumbers(inputs, await derive(inputs), 'paper');
    expect(n.checks.map((s) => s.step)).toEqual(['pool', 'dFdA', 'score', 'dYdF', 'ratio', 'perCell', 'sumBoth', 'cancel', 'alpha', 'maps']);
    expect(n.slope).toBeCloseTo(0.04, 9);
    expectClose(n.ratioMin, [1, 2, 3], 1e-5);
    expectClose(n.ratioMax, [1, 2, 3], 1e-5);
    expectClose(n.Zw, [25, 50, 75], 1e-9);
    expectClose(n.sumOverSlope, [25, 50, 75], 1e-3);
    expectClose(n.cancelled, [1, 2, 3], 1e-5);
    expect([...n.ok.ratio, ...n.ok.perCell, ...n.ok.cancel].every(Boolean)).toBe(true);
    expect(n.checks.every((s) => s.holds)).toBe(true);
  });
  it('the plain sum on the talk’s example: F = 1250, 0, 50; S = 1400; dS/dA = 1, 2, 3; alpha = w; L = ReLU(M)', async () => {
    const inputs: ToyInputs = { ...seedExample(), pooling: 'sum' };
    const n = derivationNumbers(inputs, await derive(inputs), 'paper');
    expect(n.pooling).toBe('sum');
    expect(n.slope).toBe(1);
    expectClose(n.sumA, [1250, 0, 50], 1e-9);
    expectClose(n.F, [1250, 0, 50], 1e-3);
    expect(n.linear).toBeCloseTo(1 * 1250 + 2 * 0 + 3 * 50 + 0, 2);
    expect(n.y).toBeCloseTo(1400, 2);
    expectClose(n.sw, [1, 2, 3], 1e-9);
    expectClose(n.Zsw, [25, 50, 75], 1e-9);
    expectClose(n.ratioMax, [1, 2, 3], 1e-6);
    expectClose(n.sumOverSlope, [25, 50, 75], 1e-4);
    expectClose(n.cancelled, [1, 2, 3], 1e-6);
    expectClose(n.alpha, [1, 2, 3], 1e-6);
    expectClose(n.diff, [0, 0, 0], 1e-4);
    expect(n.camScaled[12]).toBeCloseTo(130, 3);
    expect(n.mapError).toBeLessThan(1e-3);
  });
  it('with the probability, the map difference is measurable', async () => {
    const { derivationNumbers } = await import('../../../src/lib/derivation.ts');
    const inputs: ToyInputs = { ...seedExample(), c: 1, target: 'probability' };
    const n = derivationNumbers(inputs, await derive(inputs));
    expect(n.mapError).toBeGreaterThan(0.1);
  });
});

describe('switching routes', () => {
  it('keeps the line where both routes have it, moves to the line stating the same fact where not', () => {
    expect([1, 2, 3, 4].map((n) => stepOnRoute('chain', 'paper', n))).toEqual([1, 2, 3, 4]);
    // chain rule -> w = Z dS/dA at every cell; sum of the gradients -> cancel Z; alpha and the maps keep their names.
    expect([5, 6, 7, 8].map((n) => stepOnRoute('chain', 'paper', n))).toEqual([6, 8, 9, 10]);
    expect([5, 6, 7, 8, 9, 10].map((n) => stepOnRoute('paper', 'chain', n))).toEqual([5, 5, 6, 6, 7, 8]);
  });
});
