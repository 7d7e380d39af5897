import { describe, expect, it } from 'vitest';
import { readStep, stepSearch } from '../../../src/state/step-url.ts';

describe('the derivation step in the URL', () => {
  it('reads ?step=N as the 0-based step N-1', () => {
    expect(readStep('?step=3', 8)).toBe(2);
    expect(readStep('?a=1&step=8', 8)).toBe(7);
  });
  it('falls back to the first step for missing, malformed or out-of-range values', () => {
    for (const search of ['', '?step=', '?step=0', '?step=9', '?step=2.5', '?step=-1', '?step=abc']) expect(readStep(search, 8)).toBe(0);
  });
  it('writes the step, keeping the other parameters', () => {
    expect(stepSearch('', 0)).toBe('?step=1');
    expect(stepSearch('?state=abc&step=2', 4)).toBe('?state=abc&step=5');
  });
});
