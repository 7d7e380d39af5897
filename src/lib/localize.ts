/**
 * Weakly supervised localization from a map, on plain arrays read back from tfjs.
 * A map is row-major, `width` x `height`. Boxes are half-open pixel ranges [x0, x1) x [y0, y1).
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Mask = Uint8Array;

/** Keep the pixels whose value is above `fraction` of the map's maximum (the CAM paper uses 0.2). */
export function thresholdMask(map: ArrayLike<number>, fraction: number): Mask {
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) if (map[i] > max) max = map[i];
  const mask = new Uint8Array(map.length);
  if (!(max > 0)) return mask; // nothing is positive: nothing is kept
  const cut = fraction * max;
  for (let i = 0; i < map.length; i++) mask[i] = map[i] > cut || map[i] === max ? 1 : 0;
  return mask;
}

/** The largest 8-connected region of a mask, as a new mask (ties: the one met first in row order). */
export function largestConnectedComponent(mask: Mask, width: number, height: number): Mask {
  const label = new Int32Array(mask.length);
  const stack: number[] = [];
  let best = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start]) continue;
    next++;
    let size = 0;
    label[start] = next;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const px = p % width;
      const py = (p - px) / width;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = px + dx;
          const y = py + dy;
          if (x < 0 || y < 0 || x >= width || y >= height) continue;
          const q = y * width + x;
          if (mask[q] && !label[q]) {
            label[q] = next;
            stack.push(q);
          }
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = next;
    }
  }
  const out = new Uint8Array(mask.length);
  if (best) for (let i = 0; i < mask.length; i++) out[i] = label[i] === best ? 1 : 0;
  return out;
}

/** The tightest box around a mask's pixels, or null for an empty mask. */
export function boundingBox(mask: Mask, width: number): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = i % width;
    const y = (i - x) / width;
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

export function boxArea(b: Box): number {
  return Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
}

/** Intersection over union of two boxes; 0 when either is missing or empty. */
export function iou(a: Box | null, b: Box | null): number {
  if (!a || !b) return 0;
  const inter = boxArea({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export interface Localization {
  mask: Mask;
  component: Mask;
  box: Box | null;
}

/** The CAM paper's protocol: threshold at a fraction of the max, keep the largest component, box it. */
export function localize(map: ArrayLike<number>, width: number, height: number, fraction = 0.2): Localization {
  const mask = thresholdMask(map, fraction);
  const component = largestConnectedComponent(mask, width, height);
  return { mask, component, box: boundingBox(component, width) };
}
