import { describe, expect, it } from 'vitest';
import { boundingBox, iou, largestConnectedComponent, localize, thresholdMask } from '../../../src/lib/localize.ts';

/** Parses a hand-drawn grid: digits are map values, '#' and '.' a mask. */
function grid(rows: string[]): { values: number[]; width: number; height: number } {
  const values = rows.flatMap((r) => [...r.replace(/ /g, '')].map((ch) => (ch === '#' ? 1 : ch === '.' ? 0 : Number(ch))));
  return { values, width: rows[0].replace(/ /g, '').length, height: rows.length };
}
const draw = (mask: Uint8Array, width: number) =>
  Array.from({ length: mask.length / width }, (_, y) => Array.from(mask.subarray(y * width, (y + 1) * width), (v) => (v ? '#' : '.')).join(''));

describe('localization', () => {
  it('keeps pixels above 20% of the max (9 -> cut at 1.8)', () => {
    const g = grid(['0 1 2', '9 1 3']);
    expect(Array.from(thresholdMask(g.values, 0.2))).toEqual([0, 0, 1, 1, 0, 1]);
  });
  it('keeps nothing when no value is positive', () => {
    expect(Array.from(thresholdMask([-1, 0, -3], 0.2))).toEqual([0, 0, 0]);
  });
  it('picks the largest 8-connected component', () => {
    const g = grid([
      '##....',
      '#...#.',
      '....##',
      '...#..',
    ]);
    const out = largestConnectedComponent(Uint8Array.from(g.values), g.width, g.height);
    expect(draw(out, g.width)).toEqual(['......', '....#.', '....##', '...#..']);
  });
  it('boxes a mask with half-open ranges', () => {
    const g = grid(['.....', '..#..', '.###.', '.....']);
    expect(boundingBox(Uint8Array.from(g.values), g.width)).toEqual({ x0: 1, y0: 1, x1: 4, y1: 3 });
    expect(boundingBox(new Uint8Array(6), 3)).toBeNull();
  });
  it('computes IoU by hand: two 2x2 boxes overlapping in one pixel give 1/7', () => {
    expect(iou({ x0: 0, y0: 0, x1: 2, y1: 2 }, { x0: 1, y0: 1, x1: 3, y1: 3 })).toBeCloseTo(1 / 7, 10);
    expect(iou({ x0: 0, y0: 0, x1: 2, y1: 2 }, { x0: 0, y0: 0, x1: 2, y1: 2 })).toBe(1);
    expect(iou({ x0: 0, y0: 0, x1: 1, y1: 1 }, { x0: 5, y0: 5, x1: 6, y1: 6 })).toBe(0);
    expect(iou(null, { x0: 0, y0: 0, x1: 1, y1: 1 })).toBe(0);
  });
  it('runs the whole protocol: threshold, largest component, box', () => {
    const g = grid([
      '0 0 0 0 0 0',
      '0 5 9 0 0 0',
      '0 6 7 0 0 3',
      '0 0 0 0 0 0',
    ]);
    const { box } = localize(g.values, g.width, g.height, 0.2);
    expect(box).toEqual({ x0: 1, y0: 1, x1: 3, y1: 3 });
  });
});
