import { describe, expect, it } from 'vitest';
import { extent, luminance, sequentialColours, textColourOn } from '../../../src/widgets/colormap.ts';

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('cell colours', () => {
  it('has the WCAG luminance of black and white', () => {
    expect(luminance('#000')).toBe(0);
    expect(luminance('#fff')).toBeCloseTo(1, 10);
  });
  it('keeps text readable (contrast >= 4.5) on every step of the scale', () => {
    const colour = sequentialColours(0, 100);
    for (let v = 0; v <= 100; v += 2.5) {
      const { fill, text } = colour(v);
      expect(contrast(fill, text), `value ${v} on ${fill}`).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('picks white on viridis’s dark end and black on its yellow end', () => {
    const colour = sequentialColours(0, 1);
    expect(colour(0).text).toBe('#ffffff');
    expect(colour(1).text).toBe('#000000');
    expect(textColourOn('#777777')).toBe('#000000');
  });
  it('survives a flat map and finds the range of several arrays', () => {
    expect(() => sequentialColours(5, 5)(5)).not.toThrow();
    expect(extent([3, -1], [7])).toEqual([-1, 7]);
    expect(extent()).toEqual([0, 0]);
  });
});
