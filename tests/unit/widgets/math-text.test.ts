import { describe, expect, it } from 'vitest';
import { mathParts } from '../../../src/widgets/math-text.ts';

describe('symbols in interface text', () => {
  it('finds subscripts and superscripts in either order', () => {
    expect(mathParts('the means α_k^c')).toEqual(['the means ', { name: 'α', sub: 'k', sup: 'c' }]);
    expect(mathParts('∂Y^c/∂A^k_ij changes')).toEqual(['∂', { name: 'Y', sup: 'c' }, '/∂', { name: 'A', sub: 'ij', sup: 'k' }, ' changes']);
    expect(mathParts('S_{1} = 56')).toEqual([{ name: 'S', sub: '1' }, ' = 56']);
  });
  it('keeps a comma inside a subscript, and a comma after one in the sentence', () => {
    expect(mathParts('A_i,j')).toEqual([{ name: 'A', sub: 'i,j' }]);
    expect(mathParts('the score S_c, before softmax')).toEqual(['the score ', { name: 'S', sub: 'c' }, ', before softmax']);
    expect(mathParts('by ∂F^k/∂A^k_ij, which')).toEqual(['by ∂', { name: 'F', sup: 'k' }, '/∂', { name: 'A', sub: 'ij', sup: 'k' }, ', which']);
  });
  it('leaves words, library names and plain letters alone', () => {
    expect(mathParts('pytorch_grad_cam and ReLU(x)')).toEqual(['pytorch_grad_cam and ReLU(x)']);
    expect(mathParts('a map of Z cells')).toEqual(['a map of Z cells']);
  });
});
