/**
 * Seeded draws for the shapes generator and training: seed mixing, uniform and integer draws, normal noise,
 * shuffling. Every one takes its numbers from a `Random`; the generator itself is the project's one
 * seeded generator, `seededRandom` (src/lib/random.ts).
 */
export type Random = () => number;

/** Mixes several integers into one seed, so image i of set s has its own stream, whatever the order. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export const uniform = (rand: Random, lo: number, hi: number): number => lo + (hi - lo) * rand();
export const randInt = (rand: Random, lo: number, hiInclusive: number): number => lo + Math.floor(rand() * (hiInclusive - lo + 1));
export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/**
 * Adds normal noise of standard deviation sigma to every value. Box-Muller gives two independent normal
 * samples per pair of uniforms (its cosine and its sine); both are used, which halves the cost.
 */
export function addGaussianNoise(out: Float32Array, sigma: number, rand: Random): void {
  for (let i = 0; i < out.length; i += 2) {
    const r = sigma * Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12)));
    const t = 2 * Math.PI * rand();
    out[i] += r * Math.cos(t);
    if (i + 1 < out.length) out[i + 1] += r * Math.sin(t);
  }
}

/** Fisher-Yates shuffle of 0..n-1, seeded. */
export function shuffledIndices(n: number, rand: Random): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx;
}
