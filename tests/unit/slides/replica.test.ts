import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffValues, newer, Replica, seedValues, valuesUnder, type Write } from '../../../src/slides/replica.ts';

const prefix = 'w/cam-gap:0/';
const A = () => [[[1, 2], [3, 4]]];

describe('stamps', () => {
  it('orders by counter, then gives equal counters to the older window', () => {
    expect(newer([2, 'b'], [1, 'a'])).toBe(true);
    expect(newer([1, 'a'], [1, 'b'])).toBe(true);
    expect(newer([1, 'b'], [1, 'a'])).toBe(false);
    expect(newer([1, 'a'], [1, 'a'])).toBe(false);
  });
});

describe('a replica', () => {
  it('turns an edit into cell writes, and a new size into a whole array', () => {
    const r = new Replica('a');
    const cells = diffValues(r, prefix, { A: A(), c: 0 }, { A: [[[1, 9], [3, 4]]], c: 1 });
    expect(cells.map((w) => [w.path, w.value])).toEqual([[`${prefix}A#1`, 9], [`${prefix}c`, 1]]);
    const whole = diffValues(r, prefix, { A: A() }, { A: [[[1, 2, 0], [3, 4, 0]]] });
    expect(whole.map((w) => [w.path, w.value])).toEqual([[`${prefix}A`, { dims: [1, 2, 3], flat: [1, 2, 0, 3, 4, 0] }]]);
    expect(diffValues(r, prefix, { c: 1, t: 0.5 }, { c: 1 }).map((w) => [w.path, w.value])).toEqual([[`${prefix}t`, null]]);
  });

  it('keeps both of two cells edited at the same moment in two windows, and the same winner for one cell', () => {
    const [a, b] = [new Replica('a'), new Replica('b')];
    const seeds = seedValues(a, prefix, { A: A() });
    seeds.forEach((w) => b.receive(w));
    const fromA = diffValues(a, prefix, { A: A() }, { A: [[[7, 2], [3, 4]]] });
    const fromB = diffValues(b, prefix, { A: A() }, { A: [[[1, 2], [3, 8]]] });
    const sameCellA = diffValues(a, prefix, { A: [[[7, 2], [3, 4]]] }, { A: [[[7, 5], [3, 4]]] });
    const sameCellB = diffValues(b, prefix, { A: [[[1, 2], [3, 8]]] }, { A: [[[1, 6], [3, 8]]] });
    [...fromB, ...sameCellB].forEach((w) => a.receive(w));
    [...fromA, ...sameCellA].forEach((w) => b.receive(w));
    expect(valuesUnder(a, prefix)).toEqual(valuesUnder(b, prefix));
    expect(valuesUnder(a, prefix).A).toEqual([[[7, 5], [3, 8]]]); // equal counters: the older window ('a') wins cell 1
  });

  it('lets a whole new array override cells written before it, and ignores a cell older than its array', () => {
    const r = new Replica('a');
    r.receive({ path: `${prefix}A`, value: { dims: [1, 1, 2], flat: [1, 2] }, stamp: [1, 'x'] });
    r.receive({ path: `${prefix}A#0`, value: 5, stamp: [2, 'x'] });
    r.receive({ path: `${prefix}A`, value: { dims: [1, 1, 3], flat: [0, 0, 0] }, stamp: [3, 'y'] });
    expect(valuesUnder(r, prefix).A).toEqual([[[0, 0, 0]]]);
    expect(r.receive({ path: `${prefix}A#1`, value: 9, stamp: [2, 'z'] })).toBe(false);
    expect(valuesUnder(r, prefix).A).toEqual([[[0, 0, 0]]]);
  });

  it('ignores what is not a write', () => {
    const r = new Replica('a');
    for (const junk of [null, 1, 'x', {}, { path: 'p' }, { path: 'p', stamp: ['1', 'a'] }, { path: 'p', stamp: [-1, 'a'] }, { path: 'p', stamp: [Infinity, 'a'] }]) {
      expect(r.receive(junk as unknown as Write)).toBe(false);
    }
    expect(r.snapshot()).toEqual([]);
  });

  it('ends in the same state in every window, whatever order the edits arrive in (property)', () => {
    const cell = fc.record({ window: fc.integer({ min: 0, max: 2 }), i: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: -9, max: 9 }), grow: fc.boolean() });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (edits, seeds) => {
        const windows = ['s0', 's1', 's2'].map((site) => ({ replica: new Replica(site), shown: { A: [[[0, 0], [0, 0]]] } as Record<string, unknown>, sent: [] as Write[] }));
        // Each window edits what it shows, and sends its writes; nothing is delivered until the end.
        for (const { window, i, v, grow } of edits) {
          const w = windows[window];
          const before = w.shown.A as number[][][];
          const flat = before.flat(2);
          const after = grow && flat.length < 6 ? [[[...flat, v]]] : [[flat.map((x, n) => (n === i % flat.length ? v : x))]];
          w.sent.push(...diffValues(w.replica, prefix, w.shown, { A: after }));
          w.shown = { A: after };
        }
        // Deliver every window's writes to every other window, each in its own shuffled order.
        const all = windows.flatMap((w) => w.sent);
        windows.forEach((w, n) => {
          const order = fc.sample(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), { numRuns: 1, seed: seeds[n] })[0];
          for (const write of order) w.replica.receive(write);
        });
        const states = windows.map((w) => JSON.stringify(valuesUnder(w.replica, prefix)));
        expect(new Set(states).size).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
