/**
 * The test sets: their seeds and options, shared by training and evaluation (which score them) and the
 * page (src/state/shapes-samples.ts draws the same images), so test image n is the same image everywhere.
 */
import type { SampleOptions } from './dataset.ts';

export interface TestSetSpec {
  name: string;
  description: string;
  seed: number;
  options: SampleOptions;
}

/** Test sets are drawn with their own seeds, so no test image is a training image. */
export const TEST_SETS = {
  clean: { name: 'clean', description: 'one shape, no corner mark', seed: 9001, options: {} },
  cueFree: { name: 'cue-free', description: 'corner mark of a random colour (independent of the class)', seed: 9002, options: { cue: 'random' } },
  cued: { name: 'cued', description: "corner mark in the class's colour 95% of the time, as in the biased training set", seed: 9003, options: { cue: 'class' } },
} satisfies Record<string, TestSetSpec>;

export const TEST_SET_SIZE = 1000;

/** Two shapes of different classes per image (the counterfactual lessons' test images); never trained on. */
export const TWO_OBJECT_TEST_SEED = 9004;
