import { describe, expect, it } from 'vitest';
import { SAMPLE_COUNT, nextOfClass, shapesSample, stepIndex } from '../../../src/state/shapes-samples.ts';
import { generateSample } from '../../../src/shapes/dataset.ts';
import { TEST_SETS, TWO_OBJECT_TEST_SEED } from '../../../src/shapes/test-sets.ts';

describe('the test images the trained-network widgets show', () => {
  it('are the clean test set of npm run evaluate, byte for byte, and two-shape images of their own seed', () => {
    expect(shapesSample('one', 17).image).toEqual(generateSample(TEST_SETS.clean.seed, 17).image);
    const two = shapesSample('two', 5);
    expect(two.objects).toHaveLength(2);
    expect(two.objects[0].label).not.toBe(two.objects[1].label);
    expect(two.image).toEqual(generateSample(TWO_OBJECT_TEST_SEED, 5, { twoObjects: true }).image);
  });

  it('finds the next image of a class (labels cycle 0, 1, 2, 3) and steps around the set', () => {
    // From image 2 (a triangle): the next circle is 4, square 5, triangle 6, cross 3.
    expect([0, 1, 2, 3].map((c) => nextOfClass(c, 2))).toEqual([4, 5, 6, 3]);
    expect(shapesSample('one', nextOfClass(3, 2)).label).toBe(3);
    // Past the end of the set, the search starts again at the class's first image.
    expect(nextOfClass(1, SAMPLE_COUNT - 2)).toBe(1);
    expect(stepIndex(0, -1)).toBe(SAMPLE_COUNT - 1);
    expect(stepIndex(SAMPLE_COUNT - 1, 1)).toBe(0);
  });

  it('refuses an index outside the test set', () => {
    expect(() => shapesSample('one', SAMPLE_COUNT)).toThrow(/not in the test set/);
    expect(() => shapesSample('one', 1.5)).toThrow(/not in the test set/);
  });
});
