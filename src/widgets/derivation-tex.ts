import type { DerivationNumbers, DerivationStep } from '../lib/derivation.ts';
import type { HeadKind } from '../lib/derive.ts';
import type { Pooling } from '../lib/pooling.ts';
import type { GradientTarget } from '../lib/gradient.ts';
import { formatNumber } from './format.ts';

/**
 * The TeX of each line of the derivation: the general line, written for the pooling chosen (the mean's 1/Z
 * or the plain sum's 1), and the same line with the current numbers substituted. The score is S_c, as in
 * every lesson. Only numbers (formatted by formatNumber) and fixed TeX go in, so no learner text reaches KaTeX.
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

const sum = '\\sum_i\\sum_j';
const dSdA = '\\frac{\\partial S_c}{\\partial A^k_{ij}}';
const dSdF = '\\frac{\\partial S_c}{\\partial F^k}';
const dFdA = '\\frac{\\partial F^k}{\\partial A^k_{ij}}';

/** The general line, as the mean (1/Z) or the plain sum (1) makes it. */
const general: Record<Pooling, Record<DerivationStep, string>> = {
  mean: {
    pool: `F^k = \\frac{1}{Z}${sum} A^k_{ij}, \\qquad Z = H \\times W`,
    dFdA: `${dFdA} = \\frac{1}{Z}`,
    score: 'S_c = \\sum_k w_k^c F^k + b_c',
    dYdF: `${dSdF} = w_k^c`,
    chain: `${dSdA} = ${dSdF}\\,${dFdA} = \\frac{w_k^c}{Z}`,
    sum: `${sum} ${dSdA} = ${sum} \\frac{w_k^c}{Z} = Z \\cdot \\frac{w_k^c}{Z} = w_k^c`,
    ratio: `${dSdF} = \\dfrac{\\partial S_c / \\partial A^k_{ij}}{\\partial F^k / \\partial A^k_{ij}} = Z \\cdot ${dSdA}`,
    perCell: `w_k^c = Z \\cdot ${dSdA} \\qquad \\forall\\, i, j`,
    sumBoth: `${sum} w_k^c = ${sum} Z \\cdot ${dSdA} \\;\\Longrightarrow\\; Z\\, w_k^c = Z ${sum} ${dSdA}`,
    cancel: `w_k^c = ${sum} ${dSdA}`,
    alpha: `\\alpha_k^c = \\frac{1}{Z}${sum} ${dSdA} = \\frac{w_k^c}{Z}`,
    maps: 'L^c_{\\text{Grad-CAM}} = \\mathrm{ReLU}\\Big(\\sum_k \\alpha_k^c A^k\\Big) = \\mathrm{ReLU}\\Big(\\frac{1}{Z}\\sum_k w_k^c A^k\\Big) = \\mathrm{ReLU}\\Big(\\frac{M_c}{Z}\\Big)',
  },
  sum: {
    pool: `F^k = ${sum} A^k_{ij}, \\qquad Z = H \\times W`,
    dFdA: `${dFdA} = 1`,
    score: 'S_c = \\sum_k w_k^c F^k + b_c',
    dYdF: `${dSdF} = w_k^c`,
    chain: `${dSdA} = ${dSdF}\\,${dFdA} = w_k^c \\cdot 1 = w_k^c`,
    sum: `${sum} ${dSdA} = ${sum} w_k^c = Z\\, w_k^c`,
    ratio: `${dSdF} = \\dfrac{\\partial S_c / \\partial A^k_{ij}}{\\partial F^k / \\partial A^k_{ij}} = \\frac{${dSdA}}{1}`,
    perCell: `w_k^c = ${dSdA} \\qquad \\forall\\, i, j`,
    sumBoth: `${sum} w_k^c = ${sum} ${dSdA} \\;\\Longrightarrow\\; Z\\, w_k^c = ${sum} ${dSdA}`,
    cancel: `w_k^c = \\frac{1}{Z}${sum} ${dSdA}`,
    alpha: `\\alpha_k^c = \\frac{1}{Z}${sum} ${dSdA} = \\frac{Z\\, w_k^c}{Z} = w_k^c`,
    maps: 'L^c_{\\text{Grad-CAM}} = \\mathrm{ReLU}\\Big(\\sum_k \\alpha_k^c A^k\\Big) = \\mathrm{ReLU}\\Big(\\sum_k w_k^c A^k\\Big) = \\mathrm{ReLU}(M_c)',
  },
};

export function generalTex(step: DerivationStep, pooling: Pooling): string {
  return general[pooling][step];
}

function rows(lines: string[]): string {
  return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
}

/** The symbol of what is differentiated, for class c: S_c, the flatten head's score, or p_c. */
export function differentiated(c: number, head: HeadKind, target: GradientTarget): string {
  if (target === 'probability') return `p_{${c}}`;
  return head === 'fc' ? `S^{\\mathrm{FC}}_{${c}}` : `S_{${c}}`;
}

/** The line with the numbers of the current state in it; null when the line has no meaning for this head. */
export function numbersTex(step: DerivationStep, n: DerivationNumbers, head: HeadKind, target: GradientTarget): string | null {
  const c = n.c + 1;
  const ks = n.w.map((_, k) => k);
  const Z = n.Z;
  const mean = n.pooling === 'mean';
  const Y = differentiated(c, head, target);
  const dY = (k: number, over: 'A' | 'F') => (over === 'A' ? `\\frac{\\partial ${Y}}{\\partial A^{${k + 1}}_{ij}}` : `\\frac{\\partial ${Y}}{\\partial F^{${k + 1}}}`);
  const w = (k: number) => `w^{${c}}_{${k + 1}}`;
  /** The gradient of channel k: one number where it is the same at every cell, else its range. */
  const grad = (k: number, scale = '') => {
    const g = n.gradMin[k] === n.gradMax[k] ? factor(n.gradMax[k]) : `[${texNumber(n.gradMin[k])},\\ ${texNumber(n.gradMax[k])}]`;
    return scale ? `${scale} \\cdot ${g}` : g;
  };
  const flat = (k: number) => n.gradMin[k] === n.gradMax[k];
  switch (step) {
    case 'pool':
      if (head === 'fc') return null;
      return rows([
        `Z &= ${n.H} \\times ${n.W} = ${Z}`,
        ...ks.map((k) => (mean ? `F^{${k + 1}} &= \\tfrac{1}{${Z}} \\cdot ${factor(n.sumA[k])} = ${texNumber(n.F[k])}` : `F^{${k + 1}} &= ${texNumber(n.sumA[k])}`)),
      ]);
    case 'dFdA':
      if (head === 'fc') return null;
      return mean ? `\\frac{\\partial F^k}{\\partial A^k_{ij}} = \\frac{1}{${Z}} = ${texNumber(1 / Z)} \\qquad \\forall\\, i, j, k` : '\\frac{\\partial F^k}{\\partial A^k_{ij}} = 1 \\qquad \\forall\\, i, j, k';
    case 'score': {
      const total = `${ks.map((k) => `${factor(n.w[k])} \\cdot ${factor(n.F[k])}`).join(' + ')} + ${factor(n.b)} = ${texNumber(n.linear)}`;
      if (head === 'fc' || target === 'probability') return `${Y} = ${texNumber(n.y)} ${rel(n.checks.find((s) => s.step === 'score')?.holds ?? false)} ${total}`;
      return `${Y} = ${total}`;
    }
    case 'dYdF':
      if (head === 'fc') return null;
      return rows(ks.map((k) => `${dY(k, 'F')} &= ${texNumber(n.dYdF[k])} ${rel(n.ok.dYdF[k])} ${texNumber(n.w[k])} = ${w(k)}`));
    case 'chain':
      return rows(
        ks.map((k) => {
          const expected = mean ? `\\tfrac{${factor(n.w[k])}}{${Z}} = ${texNumber(n.sw[k])}` : `${w(k)} = ${texNumber(n.w[k])}`;
          if (flat(k) || n.ok.chain[k]) return `${dY(k, 'A')} &= ${texNumber(n.gradMax[k])} ${rel(n.ok.chain[k])} ${expected}`;
          return `${dY(k, 'A')} &\\in [${texNumber(n.gradMin[k])},\\ ${texNumber(n.gradMax[k])}] \\;\\neq\\; ${expected}`;
        }),
      );
    case 'sum':
      return rows(
        ks.map((k) => {
          const expected = mean ? `${texNumber(n.w[k])} = ${w(k)}` : `${Z} \\cdot ${factor(n.w[k])} = ${texNumber(n.Zsw[k])}`;
          return `\\sum_{i,j} ${dY(k, 'A')} &= ${texNumber(n.sumGrad[k])} ${rel(n.ok.sum[k])} ${expected}`;
        }),
      );
    case 'ratio':
      if (head === 'fc') return null;
      return rows(
        ks.map((k) => {
          const quotient = mean ? `\\dfrac{${grad(k)}}{1/${Z}}` : `\\dfrac{${grad(k)}}{1}`;
          const value = flat(k) ? texNumber(n.ratioMax[k]) : `[${texNumber(n.ratioMin[k])},\\ ${texNumber(n.ratioMax[k])}]`;
          return `${dY(k, 'F')} &= ${texNumber(n.dYdF[k])} ${rel(n.ok.ratio[k])} ${quotient} = ${value}`;
        }),
      );
    case 'perCell':
      return rows(
        ks.map((k) => {
          const value = flat(k) ? texNumber(n.ratioMax[k]) : `[${texNumber(n.ratioMin[k])},\\ ${texNumber(n.ratioMax[k])}]`;
          return `${w(k)} &= ${texNumber(n.w[k])} ${rel(n.ok.perCell[k])} ${mean ? `${grad(k, String(Z))} = ${value}` : value}`;
        }),
      );
    case 'sumBoth':
      return rows(
        ks.map((k) => {
          const right = mean ? `${Z} \\cdot ${factor(n.sumGrad[k])} = ${texNumber(n.sumOverSlope[k])}` : texNumber(n.sumGrad[k]);
          return `${Z} \\cdot ${factor(n.w[k])} = ${texNumber(n.Zw[k])} &${rel(n.ok.cancel[k])} ${right}`;
        }),
      );
    case 'cancel':
      return rows(
        ks.map((k) => {
          const right = mean ? `\\sum_{i,j} ${dY(k, 'A')} = ${texNumber(n.sumGrad[k])}` : `\\tfrac{1}{${Z}} \\cdot ${factor(n.sumGrad[k])} = ${texNumber(n.cancelled[k])}`;
          return `${w(k)} = ${texNumber(n.w[k])} &${rel(n.ok.cancel[k])} ${right}`;
        }),
      );
    case 'alpha':
      return rows(
        ks.map((k) => {
          const expected = mean ? `\\tfrac{${factor(n.w[k])}}{${Z}} = ${texNumber(n.sw[k])}` : `${w(k)} = ${texNumber(n.w[k])}`;
          return `\\alpha^{${c}}_{${k + 1}} &= ${texNumber(n.alpha[k])} ${rel(n.ok.alpha[k])} ${expected}`;
        }),
      );
    case 'maps':
      return mean
        ? `\\max_{i,j}\\,\\Big|L^{${c}}_{ij} - \\mathrm{ReLU}\\Big(\\frac{M_{${c}}(i,j)}{${Z}}\\Big)\\Big| = ${texNumber(n.mapError)}`
        : `\\max_{i,j}\\,\\Big|L^{${c}}_{ij} - \\mathrm{ReLU}\\big(M_{${c}}(i,j)\\big)\\Big| = ${texNumber(n.mapError)}`;
  }
}
