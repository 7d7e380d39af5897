import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { derive, type ToyInputs } from '../../../src/lib/derive.ts';
import { derivationNumbers, routeSteps, type DerivationRoute } from '../../../src/lib/derivation.ts';
import { generalTex, numbersTex } from '../../../src/widgets/derivation-tex.ts';
import { seedExample } from '../../../src/state/seed-example.ts';

const parses = (tex: string) => katex.renderToString(tex, { displayMode: true, throwOnError: true });

async function linesOf(inputs: ToyInputs, route: DerivationRoute) {
  const d = await derive(inputs);
  const n = derivationNumbers(inputs, d, route);
  return Object.fromEntries(routeSteps(route).map((id) => [id, numbersTex(id, n, d.head, inputs.target ?? 'score')]));
}

describe('the derivation’s TeX', () => {
  it('every general line and every line with numbers parses, for both routes, poolings, heads and targets', async () => {
    for (const pooling of ['mean', 'sum'] as const) {
      for (const route of ['chain', 'paper'] as const) {
        for (const id of routeSteps(route)) parses(generalTex(id, pooling));
        for (const head of ['gap', 'fc'] as const) {
          for (const target of ['score', 'probability'] as const) {
            const lines = await linesOf({ ...seedExample(), pooling, head, target }, route);
            for (const [id, tex] of Object.entries(lines)) if (tex !== null) expect(() => parses(tex), `${pooling} ${route} ${head} ${target} ${id}`).not.toThrow();
          }
        }
      }
    }
  });

  it('names the score S_c, never Y^c', () => {
    for (const pooling of ['mean', 'sum'] as const) {
      for (const id of routeSteps('paper')) expect(generalTex(id, pooling)).not.toMatch(/Y\^/);
    }
    expect(generalTex('score', 'mean')).toBe('S_c = \\sum_k w_k^c F^k + b_c');
  });

  it('writes the paper’s route with the talk’s numbers: 1 = 0.04 / (1/25); 1 = 25 · 0.04; 25 · 1 = 25 · 1; 1 = Σ', async () => {
    const lines = await linesOf(seedExample(), 'paper');
    expect(lines.score).toBe('S_{1} = 1 \\cdot 50 + 2 \\cdot 0 + 3 \\cdot 2 + 0 = 56');
    expect(lines.ratio).toContain('\\frac{\\partial S_{1}}{\\partial F^{1}} &= 1 = \\dfrac{0.04}{1/25} = 1');
    expect(lines.ratio).toContain('\\frac{\\partial S_{1}}{\\partial F^{3}} &= 3 = \\dfrac{0.12}{1/25} = 3');
    expect(lines.perCell).toContain('w^{1}_{2} &= 2 = 25 \\cdot 0.08 = 2');
    expect(lines.sumBoth).toContain('25 \\cdot 3 = 75 &= 25 \\cdot 3 = 75');
    expect(lines.cancel).toContain('w^{1}_{1} = 1 &= \\sum_{i,j} \\frac{\\partial S_{1}}{\\partial A^{1}_{ij}} = 1');
    expect(lines.alpha).toContain('\\alpha^{1}_{3} &= 0.12 = \\tfrac{3}{25} = 0.12');
  });

  it('rewrites every line for the plain sum: F = 1250; dF/dA = 1; the gradient is w; alpha = w; L = ReLU(M)', async () => {
    const chain = await linesOf({ ...seedExample(), pooling: 'sum' }, 'chain');
    expect(chain.pool).toContain('F^{1} &= 1250');
    expect(chain.dFdA).toBe('\\frac{\\partial F^k}{\\partial A^k_{ij}} = 1 \\qquad \\forall\\, i, j, k');
    expect(chain.score).toBe('S_{1} = 1 \\cdot 1250 + 2 \\cdot 0 + 3 \\cdot 50 + 0 = 1400');
    expect(chain.chain).toContain('\\frac{\\partial S_{1}}{\\partial A^{2}_{ij}} &= 2 = w^{1}_{2} = 2');
    expect(chain.sum).toContain('&= 75 = 25 \\cdot 3 = 75');
    expect(chain.alpha).toContain('\\alpha^{1}_{1} &= 1 = w^{1}_{1} = 1');
    expect(chain.maps).toContain('\\mathrm{ReLU}\\big(M_{1}(i,j)\\big)');
    const paper = await linesOf({ ...seedExample(), pooling: 'sum' }, 'paper');
    expect(paper.ratio).toContain('&= 1 = \\dfrac{1}{1} = 1');
    expect(paper.cancel).toContain('w^{1}_{3} = 3 &= \\tfrac{1}{25} \\cdot 75 = 3');
    expect(generalTex('alpha', 'sum')).toContain('= w_k^c');
  });

  it('marks a failing line with ≠ and names what is differentiated: p_c for the probability', async () => {
    const lines = await linesOf({ ...seedExample(), target: 'probability' }, 'paper');
    expect(lines.score).toMatch(/^p_\{1\} = .* \\neq 1 \\cdot 50/);
    expect(lines.perCell).toContain('\\neq');
    // The division itself still holds: the probability reaches A through F too.
    expect(lines.ratio).not.toContain('\\neq');
  });
});
