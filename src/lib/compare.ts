/**
 * Comparing two maps drawn the same way (lesson 9): min-max scaling as pytorch-grad-cam draws,
 * their difference, their correlation, and the contrast between the hot centre and its surroundings.
 * Plain numbers in, plain numbers out: the maps are a few dozen cells and are already read back.
 */

/** Scales a map to [0, 1] by its own min and max; a flat map becomes all zeros. */
export function minMaxScale(map: ArrayLike<number>): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    min = Math.min(min, map[i]);
    max = Math.max(max, map[i]);
  }
  const out = new Float32Array(map.length);
  const range = max - min;
  if (!(range > 1e-12)) return out;
  for (let i = 0; i < map.length; i++) out[i] = (map[i] - min) / range;
  return out;
}

/** Pearson's correlation; NaN when either map is flat (it has no pattern to correlate). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 1e-12 && sbb > 1e-12 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/**
 * Centre against surroundings on a map scaled to [0, 1]: the mean of the cells at or above `cut`
 * (the hot region) minus the mean of the others. Larger means a sharper picture.
 */
export function centreContrast(scaled: ArrayLike<number>, cut = 0.5): { centre: number; surround: number; contrast: number } {
  let hot = 0;
  let hotN = 0;
  let rest = 0;
  let restN = 0;
  for (let i = 0; i < scaled.length; i++) {
    if (scaled[i] >= cut) {
      hot += scaled[i];
      hotN++;
    } else {
      rest += scaled[i];
      restN++;
    }
  }
  const centre = hotN ? hot / hotN : 0;
  const surround = restN ? rest / restN : 0;
  return { centre, surround, contrast: centre - surround };
}

export interface MapComparison {
  /** Both maps min-max scaled. */
  a: Float32Array;
  b: Float32Array;
  /** b - a, after scaling. */
  diff: Float32Array;
  /** Correlation of the raw maps (scaling does not change it). */
  correlation: number;
  contrastA: ReturnType<typeof centreContrast>;
  contrastB: ReturnType<typeof centreContrast>;
}

export function compareMaps(rawA: ArrayLike<number>, rawB: ArrayLike<number>): MapComparison {
  const a = minMaxScale(rawA);
  const b = minMaxScale(rawB);
  const diff = b.map((v, i) => v - a[i]);
  return { a, b, diff, correlation: pearson(rawA, rawB), contrastA: centreContrast(a), contrastB: centreContrast(b) };
}

/** Moves every map by (di, dj) cells, wrapping around the edges: the content stays, its position changes. */
export function shiftMaps(A: number[][][], di: number, dj: number): number[][][] {
  return A.map((map) => {
    const H = map.length;
    const W = map[0]?.length ?? 0;
    return map.map((_, i) => map[0].map((__, j) => map[(((i - di) % H) + H) % H][(((j - dj) % W) + W) % W]));
  });
}

/** The mean of a map's cells: (1/Z) sum_xy M(x, y). */
export function mapMean(map: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < map.length; i++) s += map[i];
  return map.length ? s / map.length : 0;
}
