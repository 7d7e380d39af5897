import { describe, expect, it } from 'vitest';
import { handSetNetwork, toyImage } from '../../../src/model/toy-network.ts';
import { shiftGrid } from '../../../src/state/presets.ts';

const mean = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0) / m.flat().length;
async function scores(image: number[][]) {
  const A = await handSetNetwork.features(image);
  const F = A.map(mean);
  return { A, F, S: handSetNetwork.w.map((row, c) => row.reduce((s, w, k) => s + w * F[k], handSetNetwork.b[c])) };
}
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

describe('the hand-set toy network', () => {
  it('gives each toy image its own class', async () => {
    const names = ['vertical', 'horizontal', 'diagonal', 'cross'] as const;
    for (const [c, name] of names.entries()) expect(argmax((await scores(toyImage(name))).S), name).toBe(c);
  });
  it('answers a vertical stroke by hand: six pixels in column 6; the vertical filter sees 3, 2 or 1 of them (6, 4, 2), so F^1 = 36/144', async () => {
    const { A, F } = await scores(toyImage('vertical'));
    expect(A[0].map((row) => row[5])).toEqual([0, 0, 2, 4, 6, 6, 6, 6, 4, 2, 0, 0]);
    expect(F[0]).toBeCloseTo(36 / 144, 6);
  });
  it('keeps every F^k when the stroke moves, while the maps themselves move', async () => {
    const a = await scores(toyImage('cross'));
    const b = await scores(shiftGrid(toyImage('cross'), 1, -2));
    b.F.forEach((f, k) => expect(f).toBeCloseTo(a.F[k], 6));
    expect(b.A).not.toEqual(a.A);
  });
});
