import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { scaleSequential } from 'd3-scale';

/**
 * Cell colours: viridis is perceptually uniform and readable with the common colour-vision deficiencies.
 * Returns the fill and a text colour that keeps contrast on it (viridis is dark at the low end).
 */
export function sequentialColours(min: number, max: number): (value: number) => { fill: string; text: string } {
  const lo = Math.min(min, max);
  const hi = max > lo ? max : lo + 1;
  const scale = scaleSequential(interpolateViridis).domain([lo, hi]).clamp(true);
  return (value) => {
    const t = (Math.min(Math.max(value, lo), hi) - lo) / (hi - lo);
    return { fill: scale(value), text: t < 0.6 ? '#ffffff' : '#111111' };
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
