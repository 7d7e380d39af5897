import { describe, expect, it } from 'vitest';
import { colourScale, interpolateJet, luminance } from '../../../src/widgets/colormap.ts';

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('colour scales', () => {
  it('draws jet as the papers do: dark blue, cyan, yellow-green, dark red', () => {
    expect(interpolateJet(0)).toBe('rgb(0, 0, 128)');
    expect(interpolateJet(0.5)).toBe('rgb(128, 255, 128)');
    expect(interpolateJet(1)).toBe('rgb(128, 0, 0)');
  });
  it('uses the chosen sequential map over min..max for values of one sign', () => {
    const v = colourScale('viridis', 0, 10);
    expect([v.kind, v.min, v.max]).toEqual(['viridis', 0, 10]);
    expect(v(0).fill).toBe('#440154');
    expect(v(10).fill).toBe('#fde725');
    const j = colourScale('jet', 2, 4);
    expect(j.kind).toBe('jet');
    expect(j(4).fill).toBe('rgb(128, 0, 0)');
  });
  it('switches to a red-blue map centred on zero for signed values, whatever the choice', () => {
    for (const choice of ['viridis', 'jet'] as const) {
      const s = colourScale(choice, -2, 8);
      expect([s.kind, s.min, s.max]).toEqual(['diverging', -8, 8]);
      const zero = s(0).fill.match(/\d+/g)!.map(Number);
      const hot = s(8).fill.match(/\d+/g)!.map(Number);
      const cold = s(-8).fill.match(/\d+/g)!.map(Number);
      expect(Math.min(...zero)).toBeGreaterThan(230); // near white at zero
      expect(hot[0]).toBeGreaterThan(hot[2]); // red above zero
      expect(cold[2]).toBeGreaterThan(cold[0]); // blue below
    }
  });
  it('keeps cell text readable on every map (contrast >= 4.5)', () => {
    for (const [kind, lo, hi] of [['viridis', 0, 1], ['jet', 0, 1], ['viridis', -1, 1]] as const) {
      const s = colourScale(kind, lo, hi);
      for (let t = 0; t <= 1; t += 0.05) {
        const v = lo + t * (hi - lo);
        const { fill, text } = s(v);
        expect(contrast(fill, text), `${kind} ${v}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
  it('survives a flat map', () => {
    expect(() => colourScale('viridis', 3, 3)(3)).not.toThrow();
  });
});
