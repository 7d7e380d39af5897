import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { scaleSequential } from 'd3-scale';
import { rgb } from 'd3-color';

/** WCAG relative luminance of a CSS colour. */
export function luminance(colour: string): number {
  const { r, g, b } = rgb(colour);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Black or white, whichever contrasts more with the fill (WCAG contrast ratio). */
export function textColourOn(fill: string): string {
  const l = luminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/**
 * Cell colours: viridis is perceptually uniform and readable with the common colour-vision deficiencies.
 * Returns the fill and the text colour (black or white) that keeps the most contrast on it.
 */
export function sequentialColours(min: number, max: number): (value: number) => { fill: string; text: string } {
  const lo = Math.min(min, max);
  const hi = max > lo ? max : lo + 1;
  const scale = scaleSequential(interpolateViridis).domain([lo, hi]).clamp(true);
  return (value) => {
    const fill = scale(value);
    return { fill, text: textColourOn(fill) };
  };
}

/** min and max over several flat arrays. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] < min) min = a[i];
      if (a[i] > max) max = a[i];
    }
  }
  return min <= max ? [min, max] : [0, 0];
}

/**
 * Signed values (gradients, maps before the ReLU): a diverging red-blue map symmetric about zero,
 * red for positive, blue for negative, near-white at zero; never red-green.
 */
export function divergingColours(maxAbs: number): (value: number) => { fill: string; text: string } {
  const m = maxAbs > 0 ? maxAbs : 1;
  return (value) => {
    const s = Math.max(-1, Math.min(1, value / m));
    return { fill: interpolateRdBu(0.5 - s / 2), text: Math.abs(s) > 0.6 ? '#ffffff' : '#111111' };
  };
}
