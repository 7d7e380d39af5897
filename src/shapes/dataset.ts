/**
 * The shapes dataset: 64x64 RGB images in [0, 1] of one filled circle, square, triangle or cross
 * (bounding side 14-40 px, fully inside, any rotation and colour, lighter or darker than what lies under it)
 * on varied backgrounds with small distractor blobs and lines. Every image has its own seeded stream,
 * so image i of a set is the same, byte for byte, however the set is generated.
 *
 * Variants: two objects of different classes (counterfactuals); a corner mark whose colour goes with the
 * class (the biased training set), or whose colour is random (the fixed training set and the cue-free test).
 */
import type { Box } from '../lib/localize.ts';
import { CLASS_NAMES, placeShape, randomGeometry, scaledExtent, type PlacedShape } from './geometry.ts';
import { SIZE, luminance, paintBackground, randomColour, type RGB } from './backgrounds.ts';
import { seededRandom } from '../lib/random.ts';
import { type Random, mixSeed, randInt, uniform } from './random.ts';

export { CLASS_NAMES, SIZE };
export const NUM_CLASSES = CLASS_NAMES.length;

/** 'class': the mark's colour is the class's (with probability CUE_AGREEMENT); 'random': any mark colour. */
export type Cue = 'none' | 'class' | 'random';
export const CUE_COLOURS: RGB[] = [[0.9, 0.1, 0.1], [0.1, 0.75, 0.1], [0.15, 0.25, 0.95], [0.95, 0.85, 0.1]];
export const CUE_AGREEMENT = 0.95;
/** The mark: a 6x6 square one pixel from the top-left corner; shapes keep out of a 9x9 corner. */
export const CUE_BOX: Box = { x0: 1, y0: 1, x1: 7, y1: 7 };
const CUE_KEEP_OUT: Box = { x0: 0, y0: 0, x1: 9, y1: 9 };

export interface SampleOptions {
  /** Two shapes of different classes instead of one. */
  twoObjects?: boolean;
  cue?: Cue;
  /**
   * The share of easy images (flat or gradient background, strong contrast, no distractors, side >= 20):
   * a curriculum that gets training off the 25% plateau. Decided by its own stream, so it does not
   * change the other images.
   */
  easyFraction?: number;
}

export interface Sample {
  /** [64, 64, 3] row-major RGB, multiples of 1/255 in [0, 1]. */
  image: Float32Array;
  /** The class of the (first) shape. */
  label: number;
  /** One entry per shape: its class and its true box (half-open pixel ranges, pixels at least half covered). */
  objects: { label: number; box: Box }[];
  /** The class whose colour the corner mark has, or -1 for no mark. */
  cueClass: number;
}

const overlaps = (a: Box, b: Box, gap = 0) => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

/** A colour of the given luminance, with random hue and saturation. */
function colourWithLuminance(rand: Random, target: number): RGB {
  const grey = rand();
  const s = uniform(rand, 0, 1);
  let c = randomColour(rand).map((v) => grey + (v - grey) * s) as RGB;
  for (let i = 0; i < 4; i++) {
    const shift = target - luminance(c[0], c[1], c[2]);
    c = c.map((v) => Math.min(1, Math.max(0, v + shift))) as RGB;
  }
  return c;
}

/** Anti-aliased coverage of a shape over a pixel window (4x4 samples per pixel), or hard edges. */
function coverage(shape: PlacedShape, hard: boolean): { cov: Float32Array; x0: number; y0: number; w: number; h: number } {
  const x0 = Math.max(0, Math.floor(shape.extent[0]) - 1), y0 = Math.max(0, Math.floor(shape.extent[1]) - 1);
  const x1 = Math.min(SIZE, Math.ceil(shape.extent[2]) + 1), y1 = Math.min(SIZE, Math.ceil(shape.extent[3]) + 1);
  const w = x1 - x0, h = y1 - y0;
  const cov = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let n = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape.inside(x0 + x + (sx + 0.5) / 4, y0 + y + (sy + 0.5) / 4)) n++;
    cov[y * w + x] = hard ? (n >= 8 ? 1 : 0) : n / 16;
  }
  return { cov, x0, y0, w, h };
}

/** Paints a shape over the image: solid, two-tone gradient or mottled fill, lighter or darker than beneath. */
function paintShape(rand: Random, image: Float32Array, shape: PlacedShape, easy = false): Box {
  const { cov, x0, y0, w, h } = coverage(shape, rand() < 0.2);
  let sum = 0, weight = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const c = cov[y * w + x];
    if (!c) continue;
    const i = ((y0 + y) * SIZE + x0 + x) * 3;
    sum += c * luminance(image[i], image[i + 1], image[i + 2]);
    weight += c;
  }
  const under = weight ? sum / weight : 0.5;
  const delta = easy ? uniform(rand, 0.35, 0.6) : uniform(rand, 0.16, 0.6);
  // Easy images are all lighter than their background: one polarity is learned first, then the other.
  let lighter = easy || rand() < 0.5;
  if (lighter && under + delta > 1) lighter = under - delta < 0;
  else if (!lighter && under - delta < 0) lighter = under + delta <= 1 || under < 0.5;
  const target = (l: number) => Math.min(1, Math.max(0, under + (lighter ? l : -l)));
  const a = colourWithLuminance(rand, target(delta));
  const style = rand();
  const b = style < 0.75 ? a : colourWithLuminance(rand, target(uniform(rand, 0.16, 0.6)));
  const angle = uniform(rand, 0, 2 * Math.PI);
  const gx = Math.cos(angle) / 40, gy = Math.sin(angle) / 40;
  const mottle = style > 0.9 ? uniform(rand, 0.03, 0.1) : 0;

  let bx0 = SIZE, by0 = SIZE, bx1 = -1, by1 = -1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const c = cov[y * w + x];
    if (!c) continue;
    const px = x0 + x, py = y0 + y;
    if (c >= 0.5) {
      bx0 = Math.min(bx0, px); by0 = Math.min(by0, py); bx1 = Math.max(bx1, px); by1 = Math.max(by1, py);
    }
    const t = Math.min(1, Math.max(0, 0.5 + (px - 32) * gx + (py - 32) * gy));
    const noise = mottle ? mottle * (rand() * 2 - 1) : 0;
    const i = (py * SIZE + px) * 3;
    for (let ch = 0; ch < 3; ch++) {
      const fg = a[ch] + (b[ch] - a[ch]) * t + noise;
      image[i + ch] += (fg - image[i + ch]) * c;
    }
  }
  return { x0: bx0, y0: by0, x1: bx1 + 1, y1: by1 + 1 };
}

/** Chooses a size and position for a class whose box avoids the given boxes; null when none fits. */
function placeObject(rand: Random, cls: number, minSide: number, maxSide: number, avoid: Box[]): PlacedShape | null {
  for (let attempt = 0; attempt < 60; attempt++) {
    const g = randomGeometry(cls, rand);
    const side = uniform(rand, minSide, maxSide);
    const { width, height } = scaledExtent(g, side);
    const left = uniform(rand, 1, SIZE - 1 - width);
    const top = uniform(rand, 1, SIZE - 1 - height);
    const box = { x0: left, y0: top, x1: left + width, y1: top + height };
    if (avoid.some((b) => overlaps(box, b, 2))) continue;
    return placeShape(g, side, left, top);
  }
  return null;
}

/** Small blobs and short lines that are none of the classes (all under 9 px), kept off the shapes' places. */
function paintDistractors(rand: Random, image: Float32Array, avoid: Box[]): void {
  const count = randInt(rand, 0, 4);
  for (let n = 0; n < count; n++) {
    const line = rand() < 0.35;
    const cx = uniform(rand, 3, SIZE - 3), cy = uniform(rand, 3, SIZE - 3);
    const reach = line ? uniform(rand, 2.5, 4.5) : uniform(rand, 1.2, 3.5);
    const box = { x0: cx - reach - 1, y0: cy - reach - 1, x1: cx + reach + 1, y1: cy + reach + 1 };
    if (avoid.some((b) => overlaps(box, b, 1))) continue;
    const angle = uniform(rand, 0, Math.PI);
    const c = Math.cos(angle), s = Math.sin(angle);
    const squash = line ? uniform(rand, 0.12, 0.3) : uniform(rand, 0.5, 1);
    const colour = rand() < 0.5 ? randomColour(rand) : colourWithLuminance(rand, rand() < 0.5 ? 0.05 : 0.95);
    for (let y = Math.floor(box.y0); y < Math.ceil(box.y1); y++) for (let x = Math.floor(box.x0); x < Math.ceil(box.x1); x++) {
      if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
      const dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      const u = (c * dx + s * dy) / reach, v = (-s * dx + c * dy) / (reach * squash);
      const d = line ? Math.max(Math.abs(u), Math.abs(v)) : Math.hypot(u, v);
      const alpha = Math.min(1, Math.max(0, (1 - d) * reach));
      if (alpha <= 0) continue;
      const i = (y * SIZE + x) * 3;
      for (let ch = 0; ch < 3; ch++) image[i + ch] += (colour[ch] - image[i + ch]) * alpha;
    }
  }
}

function paintMark(image: Float32Array, colour: RGB): void {
  for (let y = CUE_BOX.y0; y < CUE_BOX.y1; y++) for (let x = CUE_BOX.x0; x < CUE_BOX.x1; x++) {
    const i = (y * SIZE + x) * 3;
    image[i] = colour[0]; image[i + 1] = colour[1]; image[i + 2] = colour[2];
  }
}

function boxBlur(image: Float32Array): void {
  const src = image.slice();
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) for (let ch = 0; ch < 3; ch++) {
    let s = 0, n = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const yy = y + dy, xx = x + dx;
      if (yy < 0 || xx < 0 || yy >= SIZE || xx >= SIZE) continue;
      s += src[(yy * SIZE + xx) * 3 + ch];
      n++;
    }
    image[(y * SIZE + x) * 3 + ch] = s / n;
  }
}

/** Sample `index` of the set seeded `seed`. The label cycles through the classes, so sets are balanced. */
export function generateSample(seed: number, index: number, options: SampleOptions = {}): Sample {
  const rand = seededRandom(mixSeed(seed, index, options.twoObjects ? 2 : 1));
  const cue = options.cue ?? 'none';
  const label = index % NUM_CLASSES;
  const easy = seededRandom(mixSeed(seed, index, 0xea5e))() < (options.easyFraction ?? 0);
  const image = paintBackground(rand, easy);
  const avoid: Box[] = cue === 'none' ? [] : [CUE_KEEP_OUT];

  const classes = [label];
  if (options.twoObjects) classes.push((label + 1 + randInt(rand, 0, NUM_CLASSES - 2)) % NUM_CLASSES);
  const maxSide = options.twoObjects ? 28 : 40;
  const shapes: PlacedShape[] = [];
  for (const cls of classes) {
    const shape = placeObject(rand, cls, easy ? 20 : 14, maxSide, avoid) ?? placeObject(rand, cls, 14, 16, avoid);
    if (!shape) throw new Error(`No room for a ${CLASS_NAMES[cls]} in sample ${index}.`);
    shapes.push(shape);
    avoid.push({ x0: shape.extent[0], y0: shape.extent[1], x1: shape.extent[2], y1: shape.extent[3] });
  }
  if (!easy) paintDistractors(rand, image, avoid);
  const objects = shapes.map((shape, i) => ({ label: classes[i], box: paintShape(rand, image, shape, easy) }));

  let cueClass = -1;
  if (cue !== 'none') {
    cueClass = cue === 'class' && rand() < CUE_AGREEMENT ? label : randInt(rand, 0, NUM_CLASSES - 1);
    paintMark(image, CUE_COLOURS[cueClass]);
  }
  if (!easy && rand() < 0.12) boxBlur(image);
  for (let i = 0; i < image.length; i++) image[i] = Math.round(Math.min(1, Math.max(0, image[i])) * 255) / 255;
  return { image, label, objects, cueClass };
}

export interface ShapeSet {
  count: number;
  /** [count, 64, 64, 3]. */
  images: Float32Array;
  labels: Int32Array;
  /** The first object's box per image. */
  boxes: Box[];
  samples: Omit<Sample, 'image'>[];
}

/** `count` samples starting at `start` (so train and test sets can share a seed without sharing images). */
export function generateSet(seed: number, count: number, options: SampleOptions = {}, start = 0): ShapeSet {
  const pixels = SIZE * SIZE * 3;
  const images = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  const boxes: Box[] = [];
  const samples: Omit<Sample, 'image'>[] = [];
  for (let i = 0; i < count; i++) {
    const { image, ...rest } = generateSample(seed, start + i, options);
    images.set(image, i * pixels);
    labels[i] = rest.label;
    boxes.push(rest.objects[0].box);
    samples.push(rest);
  }
  return { count, images, labels, boxes, samples };
}
