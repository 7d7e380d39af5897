import { describe, expect, it } from 'vitest';
import { formatNumber, quoteInput } from '../../../src/widgets/format.ts';

describe('showing a number', () => {
  it.each([
    [56, '56'], [55.99999, '56'], [0.123456, '0.1235'], [-0, '0'], [-1e-9, '-1.000e-9'], [2.5e8, '2.500e+8'], [1 / 3, '0.3333'],
  ])('shows %d as %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });
});

describe('quoting what a learner typed', () => {
  it('quotes short text whole and cuts long text to a few dozen characters', () => {
    expect(quoteInput('  abc ')).toBe('abc');
    const long = 'x'.repeat(10_000);
    const quoted = quoteInput(long);
    expect(quoted.length).toBe(32);
    expect(quoted.endsWith('…')).toBe(true);
  });
});
