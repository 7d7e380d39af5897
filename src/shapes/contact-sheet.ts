/** A grid of dataset samples with their true boxes outlined: the picture of the data for the README. */
import type { Box } from '../lib/localize.ts';
import { SIZE } from './backgrounds.ts';

export interface SheetTile {
  image: Float32Array;
  boxes: Box[];
}

const GAP = 2;
const OUTLINE: [number, number, number] = [1, 0, 1];

export function contactSheet(tiles: SheetTile[], columns: number): { width: number; height: number; data: Float32Array } {
  const rows = Math.ceil(tiles.length / columns);
  const width = columns * (SIZE + GAP) + GAP;
  const height = rows * (SIZE + GAP) + GAP;
  const data = new Float32Array(width * height * 3).fill(1);
  tiles.forEach((tile, t) => {
    const ox = GAP + (t % columns) * (SIZE + GAP);
    const oy = GAP + Math.floor(t / columns) * (SIZE + GAP);
    for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) for (let ch = 0; ch < 3; ch++) {
      data[((oy + y) * width + ox + x) * 3 + ch] = tile.image[(y * SIZE + x) * 3 + ch];
    }
    for (const b of tile.boxes) {
      const set = (x: number, y: number) => {
        for (let ch = 0; ch < 3; ch++) data[((oy + y) * width + ox + x) * 3 + ch] = OUTLINE[ch];
      };
      for (let x = b.x0; x < b.x1; x++) { set(x, b.y0); set(x, b.y1 - 1); }
      for (let y = b.y0; y < b.y1; y++) { set(b.x0, y); set(b.x1 - 1, y); }
    }
  });
  return { width, height, data };
}
