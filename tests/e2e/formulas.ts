/**
 * The lessons' formulas, written out again in plain JavaScript (float64, no tfjs), so the browser tests
 * compare what the page shows with an independent computation.
 */
export const mean = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0) / m.flat().length;
export const max = (m: number[][]) => Math.max(...m.flat());

/** (x * K)_ij = sum_ab K_ab x_{i+a-1, j+b-1}, zero outside, then ReLU. */
export function convRelu(x: number[][], K: number[][]): number[][] {
  const H = x.length;
  const W = x[0].length;
  return x.map((row, i) =>
    row.map((_, j) => {
      let s = 0;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
        const ii = i + a - 1;
        const jj = j + b - 1;
        if (ii >= 0 && jj >= 0 && ii < H && jj < W) s += K[a][b] * x[ii][jj];
      }
      return Math.max(0, s);
    }),
  );
}

/** S_c = sum_k w_k^c F^k + b_c. */
export const scores = (F: number[], w: number[][], b: number[]) => w.map((row, c) => row.reduce((s, wk, k) => s + wk * F[k], b[c]));

/** M_c(i, j) = sum_k w_k^c A^k_ij, row-major. */
export const cam = (A: number[][][], wc: number[]) => A[0].flatMap((row, i) => row.map((_, j) => wc.reduce((s, wk, k) => s + wk * A[k][i][j], 0)));

/** Bilinear upsampling with half-pixel centres, edges clamped (OpenCV, tf.image.resizeBilinear(..., halfPixelCenters)). */
export function upsample(M: number[], H: number, W: number, height: number, width: number): number[] {
  const out: number[] = [];
  const at = (i: number, j: number) => M[Math.min(H - 1, Math.max(0, i)) * W + Math.min(W - 1, Math.max(0, j))];
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, (y + 0.5) * (H / height) - 0.5);
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, (x + 0.5) * (W / width) - 0.5);
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx;
      const bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx;
      out.push(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

/** The box (half-open) of the largest 8-connected set of pixels above fraction x max. */
export function camBox(up: number[], width: number, height: number, fraction: number) {
  const top = Math.max(...up);
  const keep = up.map((v) => v > fraction * top || v === top);
  const seen = new Array<boolean>(up.length).fill(false);
  let best: number[] = [];
  for (let s = 0; s < up.length; s++) {
    if (!keep[s] || seen[s]) continue;
    const part: number[] = [];
    const stack = [s];
    seen[s] = true;
    while (stack.length) {
      const p = stack.pop()!;
      part.push(p);
      const px = p % width;
      const py = Math.floor(p / width);
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const x = px + dx;
        const y = py + dy;
        const q = y * width + x;
        if (x >= 0 && y >= 0 && x < width && y < height && keep[q] && !seen[q]) {
          seen[q] = true;
          stack.push(q);
        }
      }
    }
    if (part.length > best.length) best = part;
  }
  const xs = best.map((p) => p % width);
  const ys = best.map((p) => Math.floor(p / width));
  return { max: top, cut: fraction * top, box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs) + 1, y1: Math.max(...ys) + 1 } };
}

type Box = { x0: number; y0: number; x1: number; y1: number };
export function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = w * h;
  return inter / ((a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter);
}
