import { derivationSteps, type DerivationNumbers, type DerivationStep } from '../lib/derivation.ts';
import type { HeadKind } from '../lib/derive.ts';
import type { GradientTarget } from '../lib/gradient.ts';
import { formatNumber } from './format.ts';

/**
 * The TeX of each line of the derivation: the general line as the Grad-CAM paper writes it, and the
 * same line with the current numbers substituted. Only numbers (formatted by formatNumber) and fixed
 * TeX go in, so no learner text reaches KaTeX.
 */

/** A number as TeX: exponents as "× 10^{n}", and NaN as a dash. */
export function texNumber(x: number): string {
  if (Number.isNaN(x)) return '\\text{—}';
  const s = formatNumber(x);
  const e = s.indexOf('e');
  return e < 0 ? s : `${s.slice(0, e)} \\times 10^{${Number(s.slice(e + 1))}}`;
}

/** A number as a factor: negatives in parentheses. */
function factor(x: number): string {
  return x < 0 ? `(${texNumber(x)})` : texNumber(x);
}

const rel = (ok: boolean) => (ok ? '=' : '\\neq');

export const generalTex: Record<DerivationStep, string> = {
  pool: 'F^k = \\frac{1}{Z}\\sum_i\\sum_j A^k_{ij}, \\qquad Z = H \\times W',
  dFdA: '\\frac{\\partial F^k}{\\partial A^k_{ij}} = \\frac{1}{Z}',
  score: 'Y^c = \\sum_k w_k^c F^k + b_c',
  dYdF: '\\frac{\\partial Y^c}{\\partial F^k} = w_k^c',
  chain: '\\frac{\\partial Y^c}{\\partial A^k_{ij}} = \\frac{\\partial Y^c}{\\partial F^k}\\,\\frac{\\partial F^k}{\\partial A^k_{ij}} = \\frac{w_k^c}{Z}',
  sum: '\\sum_i\\sum_j \\frac{\\partial Y^c}{\\partial A^k_{ij}} = \\sum_i\\sum_j \\frac{w_k^c}{Z} = Z \\cdot \\frac{w_k^c}{Z} = w_k^c',
  alpha:
    'w_k^c = \\sum_i\\sum_j \\frac{\\partial Y^c}{\\partial A^k_{ij}} \\;\\Longrightarrow\\; \\alpha_k^c = \\frac{1}{Z}\\sum_i\\sum_j \\frac{\\partial Y^c}{\\partial A^k_{ij}} = \\frac{w_k^c}{Z}',
  maps: 'L^c_{\\text{Grad-CAM}} = \\mathrm{ReLU}\\Big(\\sum_k \\alpha_k^c A^k\\Big) = \\mathrm{ReLU}\\Big(\\frac{1}{Z}\\sum_k w_k^c A^k\\Big) = \\mathrm{ReLU}\\Big(\\frac{M_c}{Z}\\Big)',
};

function rows(lines: string[]): string {
  return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
}

/** The line with the numbers of the current state in it; null when the line has no meaning for this head. */
export function numbersTex(step: DerivationStep, n: DerivationNumbers, head: HeadKind, target: GradientTarget): string | null {
  const c = n.c + 1;
  const ks = n.w.map((_, k) => k);
  const Z = n.Z;
  switch (step) {
    case 'pool':
      if (head === 'fc') return null;
      return rows([`Z &= ${n.H} \\times ${n.W} = ${Z}`, ...ks.map((k) => `F^{${k + 1}} &= \\tfrac{1}{${Z}} \\cdot ${factor(n.sumA[k])} = ${texNumber(n.F[k])}`)]);
    case 'dFdA':
      if (head === 'fc') return null;
      return `\\frac{\\partial F^k}{\\partial A^k_{ij}} = \\frac{1}{${Z}} = ${texNumber(1 / Z)} \\qquad \\forall\\, i, j, k`;
    case 'score': {
      const sum = `${ks.map((k) => `${factor(n.w[k])} \\cdot ${factor(n.F[k])}`).join(' + ')} + ${factor(n.b)} = ${texNumber(n.linear)}`;
      const holds = n.checks[2].holds;
      if (head === 'fc') return `Y^{${c}} = S^{\\mathrm{FC}}_{${c}} = ${texNumber(n.y)} ${rel(holds)} ${sum}`;
      if (target === 'probability') return `Y^{${c}} = p_{${c}} = ${texNumber(n.y)} ${rel(holds)} ${sum}`;
      return `Y^{${c}} = ${sum}`;
    }
    case 'dYdF':
      if (head === 'fc') return null;
      return rows(ks.map((k) => `\\frac{\\partial Y^{${c}}}{\\partial F^{${k + 1}}} &= ${texNumber(n.dYdF[k])} ${rel(n.ok.dYdF[k])} ${texNumber(n.w[k])} = w^{${c}}_{${k + 1}}`));
    case 'chain':
      return rows(
        ks.map((k) => {
          const lhs = `\\frac{\\partial Y^{${c}}}{\\partial A^{${k + 1}}_{ij}}`;
          const wz = `\\tfrac{${factor(n.w[k])}}{${Z}} = ${texNumber(n.wOverZ[k])}`;
          if (n.gradMin[k] === n.gradMax[k] || n.ok.chain[k]) return `${lhs} &= ${texNumber(n.gradMax[k])} ${rel(n.ok.chain[k])} ${wz}`;
          return `${lhs} &\\in [${texNumber(n.gradMin[k])},\\ ${texNumber(n.gradMax[k])}] \\;\\neq\\; ${wz}`;
        }),
      );
    case 'sum':
      return rows(ks.map((k) => `\\sum_{i,j} \\frac{\\partial Y^{${c}}}{\\partial A^{${k + 1}}_{ij}} &= ${texNumber(n.sumGrad[k])} ${rel(n.ok.sum[k])} ${texNumber(n.w[k])} = w^{${c}}_{${k + 1}}`));
    case 'alpha':
      return rows(ks.map((k) => `\\alpha^{${c}}_{${k + 1}} &= ${texNumber(n.alpha[k])} ${rel(n.ok.alpha[k])} \\tfrac{${factor(n.w[k])}}{${Z}} = ${texNumber(n.wOverZ[k])}`));
    case 'maps':
      return `\\max_{i,j}\\,\\Big|L^{${c}}_{ij} - \\mathrm{ReLU}\\Big(\\frac{M_{${c}}(i,j)}{${Z}}\\Big)\\Big| = ${texNumber(n.mapError)}`;
  }
}

export { derivationSteps };
