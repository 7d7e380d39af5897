import { describe, expect, it } from 'vitest';
import { ToyStore, type DerivedState } from '../../../src/state/toy-store.ts';

// The talk's example (lesson 4): F = 50, 0, 2 from three 1 x 1 maps; class 1 weights 1, 2, 3, so S_1 = 56.
const inputs = () => ({
  A: [[[50]], [[0]], [[2]]],
  w: [[1, 2, 3], [0, 1, 0]],
  b: [0, 0],
  c: 0,
});

describe('ToyStore', () => {
  it('update edits a copy: the inputs the last derive saw are left as they were', async () => {
    const store = new ToyStore(inputs());
    const seen: DerivedState[] = [];
    store.subscribe((s) => seen.push(s));
    await store.refresh();
    await store.update((s) => void (s.A[0][0][0] = 10));
    expect(seen.map((s) => s.derived.S[0])).toEqual([56, 16]);
    expect(seen[0].inputs.A[0][0][0]).toBe(50);
  });

  it('assign replaces whole fields and shares the rest with the previous inputs', async () => {
    const store = new ToyStore(inputs());
    await store.refresh();
    const before = store.inputs;
    await store.assign({ c: 1 });
    expect(store.inputs.c).toBe(1);
    expect(store.inputs.A).toBe(before.A); // not copied
    expect(before.c).toBe(0); // the previous inputs are not changed
    expect(Array.from(store.last!.derived.S)).toEqual([56, 0]);
    expect(Array.from(store.last!.derived.M)).toEqual([0]); // M_2 = 0 * 50 + 1 * 0 + 0 * 2
  });
});
