/**
 * The four shapes as point-in-shape tests, built from convex polygons (a circle is its own test).
 * Unit shapes are centred near the origin; `placeShape` rotates and scales one so that its bounding
 * box's longer side is the requested size.
 */
import type { Random } from './random.ts';
import { uniform } from './random.ts';

export const CLASS_NAMES = ['circle', 'square', 'triangle', 'cross'] as const;
export type ClassName = (typeof CLASS_NAMES)[number];

type Point = [number, number];

export interface PlacedShape {
  /** Returns true when (x, y), in pixel coordinates, lies inside the shape. */
  inside: (x: number, y: number) => boolean;
  /** The continuous bounding box [x0, y0, x1, y1], before pixel coverage. */
  extent: [number, number, number, number];
}

function convexInside(poly: Point[]): (x: number, y: number) => boolean {
  // Orient counter-clockwise once, then a point is inside when it is left of every edge.
  let area = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i];
    const [bx, by] = poly[(i + 1) % poly.length];
    area += ax * by - bx * ay;
  }
  const p = area < 0 ? [...poly].reverse() : poly;
  const n = p.length;
  const ex = new Float64Array(n), ey = new Float64Array(n), px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = p[i][0];
    py[i] = p[i][1];
    ex[i] = p[(i + 1) % n][0] - p[i][0];
    ey[i] = p[(i + 1) % n][1] - p[i][1];
  }
  return (x, y) => {
    for (let i = 0; i < n; i++) if (ex[i] * (y - py[i]) - ey[i] * (x - px[i]) < 0) return false;
    return true;
  };
}

/** A triangle with every angle at least 30 degrees: equilateral, isosceles or scalene. */
function unitTriangle(rand: Random): Point[] {
  const deg = Math.PI / 180;
  let A: number, B: number;
  const kind = rand();
  if (kind < 0.3) {
    A = 60 * deg;
    B = 60 * deg;
  } else if (kind < 0.65) {
    const apex = uniform(rand, 36, 110) * deg; // isosceles
    A = (Math.PI - apex) / 2;
    B = A;
  } else {
    A = uniform(rand, 32, 100) * deg;
    B = uniform(rand, 32, Math.min(100, 180 - 32 - A / deg)) * deg;
  }
  // Base from (0,0) to (1,0); the apex where the two base angles meet.
  const t = Math.tan(A), u = Math.tan(B);
  const x = u / (t + u);
  const y = x * t;
  const pts: Point[] = [[0, 0], [1, 0], [x, -y]];
  const cx = (pts[0][0] + pts[1][0] + pts[2][0]) / 3;
  const cy = (pts[0][1] + pts[1][1] + pts[2][1]) / 3;
  return pts.map(([a, b]) => [a - cx, b - cy]);
}

function rectangle(w: number, h: number): Point[] {
  return [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
}

/** The convex parts of a unit shape (a circle returns none: it is handled analytically). */
function unitParts(cls: number, rand: Random): Point[][] {
  switch (cls) {
    case 0:
      return [];
    case 1: {
      const aspect = uniform(rand, 0.94, 1.06);
      return [rectangle(aspect, 1 / aspect)];
    }
    case 2:
      return [unitTriangle(rand)];
    case 3: {
      const thickness = uniform(rand, 0.24, 0.42); // arm width as a fraction of arm length
      return [rectangle(1, thickness), rectangle(thickness, 1)];
    }
    default:
      throw new Error(`Unknown class ${cls}`);
  }
}

/** Geometry parameters for one shape; the placement is chosen afterwards. */
export interface ShapeGeometry {
  cls: number;
  parts: Point[][];
  angle: number;
}

export function randomGeometry(cls: number, rand: Random): ShapeGeometry {
  return { cls, parts: unitParts(cls, rand), angle: uniform(rand, 0, 2 * Math.PI) };
}

/** Rotated unit parts and their bounding box (circle: diameter 1). */
function rotated(g: ShapeGeometry): { parts: Point[][]; box: [number, number, number, number] } {
  if (g.cls === 0) return { parts: [], box: [-0.5, -0.5, 0.5, 0.5] };
  const c = Math.cos(g.angle), s = Math.sin(g.angle);
  const parts = g.parts.map((poly) => poly.map(([x, y]) => [c * x - s * y, s * x + c * y] as Point));
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of parts) for (const [x, y] of poly) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return { parts, box: [x0, y0, x1, y1] };
}

/** The size (longer box side) and the box's width and height once scaled. */
export function scaledExtent(g: ShapeGeometry, side: number): { width: number; height: number } {
  const { box } = rotated(g);
  const k = side / Math.max(box[2] - box[0], box[3] - box[1]);
  return { width: (box[2] - box[0]) * k, height: (box[3] - box[1]) * k };
}

/** Places a shape so that its bounding box's top-left corner is (left, top) and its longer side is `side` px. */
export function placeShape(g: ShapeGeometry, side: number, left: number, top: number): PlacedShape {
  const { parts, box } = rotated(g);
  const k = side / Math.max(box[2] - box[0], box[3] - box[1]);
  const ox = left - box[0] * k;
  const oy = top - box[1] * k;
  const extent: [number, number, number, number] = [left, top, left + (box[2] - box[0]) * k, top + (box[3] - box[1]) * k];
  if (g.cls === 0) {
    const r = side / 2;
    const cx = left + r, cy = top + r;
    return { inside: (x, y) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r, extent };
  }
  const tests = parts.map((poly) => convexInside(poly.map(([x, y]) => [ox + x * k, oy + y * k] as Point)));
  return { inside: (x, y) => tests.some((t) => t(x, y)), extent };
}
