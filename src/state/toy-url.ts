/**
 * The URL form of a toy state (feature maps, weights, bias, class, pooling) plus a widget's own options.
 */
import { checkShapes, type ToyInputs } from '../lib/derive.ts';
import { LIMITS } from './presets.ts';
import type { Schema, StateValues } from './url-state.ts';

export const colourMaps = ['viridis', 'jet'] as const;
export type ColourMapName = (typeof colourMaps)[number];

export const toySchema = {
  A: { kind: 'array', rank: 3, max: [LIMITS.K, LIMITS.H, LIMITS.W] },
  w: { kind: 'array', rank: 2, max: [LIMITS.C, LIMITS.K] },
  b: { kind: 'array', rank: 1, max: [LIMITS.C] },
  c: { kind: 'int', min: 0, max: LIMITS.C - 1 },
  pool: { kind: 'enum', values: ['mean', 'sum'], optional: true },
  cmap: { kind: 'enum', values: colourMaps, optional: true },
} as const satisfies Schema;

export function toyValues(inputs: ToyInputs, cmap: ColourMapName): StateValues {
  return { A: inputs.A, w: inputs.w, b: inputs.b, c: inputs.c, pool: inputs.pooling ?? 'mean', cmap };
}

/** A consistency problem of decoded toy values (K of A and w agree, one bias per class, c a class), or null. */
export function checkToyValues(values: StateValues): string | null {
  try {
    checkShapes(toyInputsFrom(values, { A: [], w: [], b: [], c: 0 }));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'inconsistent';
  }
}

/** Toy inputs from decoded values, over a default for what the link leaves out. */
export function toyInputsFrom(values: StateValues, fallback: ToyInputs): ToyInputs {
  return {
    ...fallback,
    A: (values.A as number[][][] | undefined) ?? fallback.A,
    w: (values.w as number[][] | undefined) ?? fallback.w,
    b: (values.b as number[] | undefined) ?? fallback.b,
    c: (values.c as number | undefined) ?? fallback.c,
    pooling: values.pool === 'sum' ? 'sum' : values.pool === 'mean' ? 'mean' : fallback.pooling,
  };
}
