/**
 * Shapes drawn by a different program (Pillow, tests/fixtures/pil-shapes/draw.py: hard edges, axis-aligned
 * or rotated, equilateral triangles, flat, split or gradient backgrounds), loaded as a ShapeSet: the check
 * that the models learned shapes rather than our renderer's habits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Box } from '../lib/localize.ts';
import { readImage } from '../node/image-io.ts';
import { SIZE, type ShapeSet } from '../shapes/dataset.ts';

export const PIL_SHAPES_DIR = 'tests/fixtures/pil-shapes';

export function loadDrawnElsewhere(dir = PIL_SHAPES_DIR): ShapeSet & { drawnBy: string } {
  const manifest: { drawnBy: string; images: { file: string; label: number; box: Box }[] } = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  const pixels = SIZE * SIZE * 3;
  const images = new Float32Array(manifest.images.length * pixels);
  manifest.images.forEach((entry, i) => {
    const image = readImage(join(dir, entry.file));
    if (image.width !== SIZE || image.height !== SIZE) throw new Error(`${entry.file} is not ${SIZE}x${SIZE}`);
    images.set(image.data, i * pixels);
  });
  return {
    drawnBy: manifest.drawnBy,
    count: manifest.images.length,
    images,
    labels: Int32Array.from(manifest.images.map((e) => e.label)),
    boxes: manifest.images.map((e) => e.box),
    samples: manifest.images.map((e) => ({ label: e.label, objects: [{ label: e.label, box: e.box }], cueClass: -1 })),
  };
}
