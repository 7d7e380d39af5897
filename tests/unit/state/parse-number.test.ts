import { describe, expect, it } from 'vitest';
import { parseCell } from '../../../src/state/parse-number.ts';

describe('reading a typed cell', () => {
  it.each([
    ['2', 2], [' -0.5 ', -0.5], ['1e3', 1000], ['+7', 7], ['.25', 0.25], ['\u22123', -3], ['2,5', 2.5], ['-0', 0], ['1000000', 1e6],
  ])('accepts %j as %d', (text, value) => {
    expect(parseCell(text)).toEqual({ ok: true, value });
  });
  it.each([
    ['', 'empty'], ['   ', 'empty'], ['abc', 'nan'], ['NaN', 'nan'], ['1,2,3', 'nan'], ['2x', 'nan'], ['0x10', 'nan'], ['<b>1</b>', 'nan'],
    ['Infinity', 'nan'], ['1e30', 'range'], ['-1000001', 'range'], ['1e400', 'range'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parseCell(text)).toEqual({ ok: false, reason });
  });
});
