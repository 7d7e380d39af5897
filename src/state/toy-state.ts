/**
 * The state of a toy widget as its link holds it: feature maps, class weights, biases, the class and the
 * pooling, and how it becomes the inputs of derive(). Widgets add their own fields beside these.
 */
import { checkShapes, type ToyInputs } from '../lib/derive.ts';
import { LIMITS } from './presets.ts';
import type { Schema, StateOf } from './url-state.ts';

export const toySchema = {
  A: { kind: 'array', rank: 3, max: [LIMITS.K, LIMITS.H, LIMITS.W] },
  w: { kind: 'array', rank: 2, max: [LIMITS.C, LIMITS.K] },
  b: { kind: 'array', rank: 1, max: [LIMITS.C] },
  c: { kind: 'int', min: 0, max: LIMITS.C - 1 },
  pool: { kind: 'enum', values: ['mean', 'sum'], optional: true },
} as const satisfies Schema;

/** The head's choices lessons 6-8 offer: GAP or flatten, and the score or the probability as the gradient's target. */
export const headSchema = {
  head: { kind: 'enum', values: ['gap', 'fc'], optional: true },
  target: { kind: 'enum', values: ['score', 'probability'], optional: true },
} as const satisfies Schema;

export type ToyState = StateOf<typeof toySchema> & Partial<StateOf<typeof headSchema>>;

/** The fields derive() reads: an edit of any other field redraws without computing. */
export const toyComputeFrom = ['A', 'w', 'b', 'c', 'pool', 'head', 'target'] as const;

export function toyState(inputs: ToyInputs): ToyState {
  // The toy pages pool by GAP, as a mean or a sum; GMP heads are for lesson 3's trained twin only.
  if (inputs.pooling === 'max') throw new Error('A toy page pools by the mean or the sum, not the max.');
  return { A: inputs.A, w: inputs.w, b: inputs.b, c: inputs.c, pool: inputs.pooling ?? 'mean' };
}

export function toyInputs(state: ToyState): ToyInputs {
  return { A: state.A, w: state.w, b: state.b, c: state.c, pooling: state.pool ?? 'mean', head: state.head ?? 'gap', target: state.target ?? 'score' };
}

/** Why a toy state cannot be derived (sizes that disagree, a class out of range), or null. */
export function checkToy(state: ToyState): string | null {
  try {
    checkShapes(toyInputs(state));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'inconsistent';
  }
}
