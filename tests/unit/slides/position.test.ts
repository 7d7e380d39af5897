import { describe, expect, it } from 'vitest';
import { clamp, first, fromHash, last, next, previous, toHash, type Position } from '../../../src/slides/position.ts';

// Four slides: the title (no reveals), one with two reveals, one with none, one with one.
const steps = [0, 2, 0, 1];
const at = (slide: number, step = 0): Position => ({ slide, step });

describe('moving through a deck', () => {
  it('walks every reveal forward, then stops at the end', () => {
    const seen: string[] = [];
    let p = first();
    for (let i = 0; i < 8; i++) {
      seen.push(toHash(p));
      p = next(p, steps);
    }
    expect(seen).toEqual(['#/1', '#/2', '#/2/1', '#/2/2', '#/3', '#/4', '#/4/1', '#/4/1']);
  });

  it('walks back one reveal at a time, arriving on a previous slide fully revealed', () => {
    expect(previous(at(3), steps)).toEqual(at(2, 2));
    expect(previous(at(2, 2), steps)).toEqual(at(2, 1));
    expect(previous(at(2), steps)).toEqual(at(1));
    expect(previous(at(1), steps)).toEqual(at(1));
  });

  it('goes to the first and the last slide', () => {
    expect(first()).toEqual(at(1));
    expect(last(steps)).toEqual(at(4));
    expect(last([])).toEqual(at(1));
  });

  it('clamps positions outside the deck', () => {
    expect(clamp(at(9, 5), steps)).toEqual(at(4, 1));
    expect(clamp(at(0, -1), steps)).toEqual(at(1));
    expect(clamp(at(2, 7), steps)).toEqual(at(2, 2));
    expect(clamp(at(Number.NaN), steps)).toEqual(at(1));
  });
});

describe('the position in the URL', () => {
  it('writes #/slide and #/slide/step', () => {
    expect(toHash(at(3))).toBe('#/3');
    expect(toHash(at(2, 1))).toBe('#/2/1');
  });

  it('reads back what it wrote, and clamps', () => {
    for (const p of [at(1), at(2, 1), at(2, 2), at(4, 1)]) expect(fromHash(toHash(p), steps)).toEqual(p);
    expect(fromHash('#/12/9', steps)).toEqual(at(4, 1));
    expect(fromHash('#/2/9', steps)).toEqual(at(2, 2));
  });

  it('starts at the first slide for an empty or foreign hash', () => {
    for (const hash of ['', '#', '#top', '#/x', '#/-2']) expect(fromHash(hash, steps)).toEqual(at(1));
  });
});
