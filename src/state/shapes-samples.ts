/**
 * The test images the trained-network widgets show: drawn in the page by the same generator and seeds
 * as the test sets of `npm run evaluate`, so image n in the browser is image n of the clean test set,
 * byte for byte, and none of them was ever a training image.
 */
import { CLASS_NAMES, NUM_CLASSES, SIZE, generateSample, type Sample } from '../shapes/dataset.ts';
import { TEST_SETS, TEST_SET_SIZE, TWO_OBJECT_TEST_SEED } from '../shapes/test-sets.ts';

export { CLASS_NAMES, NUM_CLASSES, SIZE };

/** 'one': the clean test set (one shape); 'two': two shapes of different classes. */
export const sampleSets = ['one', 'two'] as const;
export type SampleSet = (typeof sampleSets)[number];

/** The first two-shape image shown: a triangle and a square, the network's top two classes, each map on its own shape. */
export const DEFAULT_TWO_INDEX = 14;

/** Image indices run over the test set's size. */
export const SAMPLE_COUNT = TEST_SET_SIZE;

export function shapesSample(set: SampleSet, index: number): Sample {
  if (!Number.isInteger(index) || index < 0 || index >= SAMPLE_COUNT) throw new RangeError(`image ${index} is not in the test set (0-${SAMPLE_COUNT - 1})`);
  return set === 'one' ? generateSample(TEST_SETS.clean.seed, index, TEST_SETS.clean.options) : generateSample(TWO_OBJECT_TEST_SEED, index, { twoObjects: true });
}

/** The next index after `from` whose (first) shape is of class c: labels cycle through the classes. */
export function nextOfClass(c: number, from: number): number {
  const next = from + 1 + ((((c - (from + 1)) % NUM_CLASSES) + NUM_CLASSES) % NUM_CLASSES);
  return next < SAMPLE_COUNT ? next : c;
}

/** The index `step` images on, wrapping around the set. */
export function stepIndex(from: number, step: number): number {
  return (((from + step) % SAMPLE_COUNT) + SAMPLE_COUNT) % SAMPLE_COUNT;
}
