/**
 * The recap's chain: one step per lesson, in course order, with the lesson's key formulas (KaTeX source, the
 * symbols of the lessons: S_c for the class score throughout). The words of each step are the interface
 * strings recap.step.<order>; the lesson's title and link come from the lesson itself.
 */
export interface RecapStep {
  /** The lesson's `order`. */
  order: number;
  formulas: string[];
}

export const recapSteps: readonly RecapStep[] = [
  { order: 1, formulas: [] },
  { order: 2, formulas: ['A^k \\in \\mathbb{R}^{H \\times W}, \\qquad k = 1, \\dots, K'] },
  { order: 3, formulas: ['F^k = \\frac{1}{Z} \\sum_{i=1}^{H} \\sum_{j=1}^{W} A^k_{ij}, \\qquad Z = H \\cdot W'] },
  { order: 4, formulas: ['S_c = \\sum_k w_k^c \\, F^k + b_c, \\qquad p_c = \\frac{e^{S_c}}{\\sum_{c\'} e^{S_{c\'}}}', '50 \\cdot 1 + 0 \\cdot 2 + 2 \\cdot 3 = 56'] },
  {
    order: 5,
    formulas: [
      'M_c(x, y) = \\sum_k w_k^c \\, f_k(x, y), \\qquad S_c = \\frac{1}{Z} \\sum_{x,y} M_c(x, y) + b_c',
      '\\mathrm{IoU}(B, B^\\ast) = \\frac{|B \\cap B^\\ast|}{|B \\cup B^\\ast|}',
    ],
  },
  { order: 6, formulas: [] },
  {
    order: 7,
    formulas: ['\\alpha_k^c = \\frac{1}{Z} \\sum_i \\sum_j \\frac{\\partial S_c}{\\partial A^k_{ij}}, \\qquad L^c_{\\text{Grad-CAM}} = \\mathrm{ReLU}\\Big(\\sum_k \\alpha_k^c A^k\\Big)'],
  },
  {
    order: 8,
    formulas: [
      '\\frac{\\partial S_c}{\\partial A^k_{ij}} = \\frac{\\partial S_c}{\\partial F^k} \\, \\frac{\\partial F^k}{\\partial A^k_{ij}} = \\frac{w_k^c}{Z} \\quad\\Longrightarrow\\quad \\alpha_k^c = \\frac{w_k^c}{Z}',
      'L^c_{\\text{Grad-CAM}} = \\mathrm{ReLU}\\Big(\\frac{M_c}{Z}\\Big)',
    ],
  },
  { order: 9, formulas: ['\\hat{M}(x, y) = \\frac{M(x, y) - \\min M}{\\max M - \\min M}'] },
];

/** The parts still to come, in order: written as plans, with no link until they exist. */
export const comingParts = ['10', '11', '12', 'playground'] as const;
