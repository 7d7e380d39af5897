/**
 * Varied backgrounds, so that no colour, brightness or texture tells the class:
 * flat, gradients, stripes, checks, blotches and hard-edged regions, often layered, always with some noise.
 * Images are RGB, row-major, channels last, values in [0, 1].
 */
import { type Random, addGaussianNoise, pick, randInt, uniform } from './random.ts';

export const SIZE = 64;
export type RGB = [number, number, number];

export function randomColour(rand: Random): RGB {
  return [rand(), rand(), rand()];
}

export function luminance(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

type Painter = (rand: Random, out: Float32Array) => void;

function fill(out: Float32Array, f: (x: number, y: number) => RGB): void {
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
    const c = f(x + 0.5, y + 0.5);
    const i = (y * SIZE + x) * 3;
    out[i] = c[0]; out[i + 1] = c[1]; out[i + 2] = c[2];
  }
}

const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

const flat: Painter = (rand, out) => {
  const c = randomColour(rand);
  fill(out, () => c);
};

const gradient: Painter = (rand, out) => {
  const a = randomColour(rand), b = randomColour(rand);
  const angle = uniform(rand, 0, 2 * Math.PI);
  const dx = Math.cos(angle), dy = Math.sin(angle);
  const radial = rand() < 0.3;
  const cx = uniform(rand, 0, SIZE), cy = uniform(rand, 0, SIZE);
  fill(out, (x, y) => {
    const t = radial
      ? Math.min(1, Math.hypot(x - cx, y - cy) / (SIZE * 0.9))
      : Math.min(1, Math.max(0, ((x - SIZE / 2) * dx + (y - SIZE / 2) * dy) / (SIZE * 0.72) + 0.5));
    return mix(a, b, t);
  });
};

const stripes: Painter = (rand, out) => {
  const a = randomColour(rand), b = randomColour(rand);
  const angle = uniform(rand, 0, Math.PI);
  const period = uniform(rand, 3, 16);
  const soft = rand() < 0.5;
  const dx = Math.cos(angle), dy = Math.sin(angle);
  fill(out, (x, y) => {
    const phase = (x * dx + y * dy) / period;
    const t = soft ? 0.5 + 0.5 * Math.sin(2 * Math.PI * phase) : (phase - Math.floor(phase) < 0.5 ? 0 : 1);
    return mix(a, b, t);
  });
};

const checks: Painter = (rand, out) => {
  const a = randomColour(rand), b = randomColour(rand);
  const cell = randInt(rand, 3, 12);
  const angle = uniform(rand, 0, Math.PI / 2);
  const c = Math.cos(angle), s = Math.sin(angle);
  fill(out, (x, y) => (((Math.floor((c * x + s * y) / cell) + Math.floor((-s * x + c * y) / cell)) & 1) ? a : b));
};

const blotches: Painter = (rand, out) => {
  const base = randomColour(rand);
  const blobs = Array.from({ length: randInt(rand, 3, 9) }, () => ({
    x: uniform(rand, -8, SIZE + 8), y: uniform(rand, -8, SIZE + 8), r: uniform(rand, 5, 22), c: randomColour(rand), hard: rand() < 0.35,
  }));
  fill(out, (x, y) => {
    let col = base;
    for (const b of blobs) {
      const d2 = ((x - b.x) ** 2 + (y - b.y) ** 2) / (b.r * b.r);
      const t = b.hard ? (d2 < 1 ? 1 : 0) : Math.exp(-2 * d2);
      col = mix(col, b.c, t);
    }
    return col;
  });
};

/** Regions cut by random straight lines, each region its own colour: hard edges everywhere. */
const hardEdges: Painter = (rand, out) => {
  const lines = Array.from({ length: randInt(rand, 1, 4) }, () => {
    const angle = uniform(rand, 0, 2 * Math.PI);
    return { nx: Math.cos(angle), ny: Math.sin(angle), d: uniform(rand, 10, SIZE - 10), c: randomColour(rand) };
  });
  const base = randomColour(rand);
  fill(out, (x, y) => {
    let col = base;
    for (const l of lines) if ((x - SIZE / 2) * l.nx + (y - SIZE / 2) * l.ny + SIZE / 2 > l.d) col = mix(col, l.c, 0.7);
    return col;
  });
};

const noiseField: Painter = (rand, out) => {
  // Coarse value noise: random colours on a grid, bilinearly interpolated.
  const cells = randInt(rand, 2, 8);
  const grid = Array.from({ length: (cells + 1) * (cells + 1) }, () => randomColour(rand));
  fill(out, (x, y) => {
    const gx = (x / SIZE) * cells, gy = (y / SIZE) * cells;
    const ix = Math.min(cells - 1, Math.floor(gx)), iy = Math.min(cells - 1, Math.floor(gy));
    const tx = gx - ix, ty = gy - iy;
    const at = (i: number, j: number) => grid[j * (cells + 1) + i];
    return mix(mix(at(ix, iy), at(ix + 1, iy), tx), mix(at(ix, iy + 1), at(ix + 1, iy + 1), tx), ty);
  });
};

const painters: Painter[] = [flat, gradient, stripes, checks, blotches, hardEdges, noiseField];
export const BACKGROUND_KINDS = ['flat', 'gradient', 'stripes', 'checks', 'blotches', 'hard edges', 'noise field'];

/** A background: one pattern, sometimes a second blended over it, then pixel noise (easy: flat or gradient only). */
export function paintBackground(rand: Random, easy = false): Float32Array {
  const out = new Float32Array(SIZE * SIZE * 3);
  if (easy) {
    pick(rand, [flat, gradient])(rand, out);
    return out;
  }
  pick(rand, painters)(rand, out);
  if (rand() < 0.35) {
    const layer = new Float32Array(out.length);
    pick(rand, painters)(rand, layer);
    const alpha = uniform(rand, 0.15, 0.5);
    for (let i = 0; i < out.length; i++) out[i] += (layer[i] - out[i]) * alpha;
  }
  if (rand() < 0.25) {
    // Low contrast: squeeze towards a random grey level.
    const level = rand(), k = uniform(rand, 0.2, 0.6);
    for (let i = 0; i < out.length; i++) out[i] = level + (out[i] - level) * k;
  }
  const sigma = rand() < 0.3 ? 0 : uniform(rand, 0.005, 0.07);
  if (sigma > 0) addGaussianNoise(out, sigma, rand);
  return out;
}
