/**
 * Where a deck is: a slide (1-based, as people count and as the URL shows it) and a step on that slide
 * (0 = nothing revealed yet). Pure functions; the deck, the URL and the presenter sync all use these.
 */
export interface Position {
  slide: number;
  step: number;
}

/** The number of reveals of each slide, slide 1 first. */
export type StepCounts = readonly number[];

export function clamp(position: Position, steps: StepCounts): Position {
  if (steps.length === 0) return { slide: 1, step: 0 };
  // A position from elsewhere (the URL, the other window) may be anything: what is not a number counts as 1 and 0.
  const slide = Math.min(Math.max(1, Math.trunc(Number(position?.slide)) || 1), steps.length);
  const step = Math.min(Math.max(0, Math.trunc(Number(position?.step)) || 0), steps[slide - 1]);
  return { slide, step };
}

/** The next reveal on this slide, else the next slide with nothing revealed; the end stays the end. */
export function next({ slide, step }: Position, steps: StepCounts): Position {
  if (step < steps[slide - 1]) return { slide, step: step + 1 };
  if (slide < steps.length) return { slide: slide + 1, step: 0 };
  return { slide, step };
}

/** One reveal back, else the previous slide fully revealed (as it was left); the start stays the start. */
export function previous({ slide, step }: Position, steps: StepCounts): Position {
  if (step > 0) return { slide, step: step - 1 };
  if (slide > 1) return { slide: slide - 1, step: steps[slide - 2] };
  return { slide, step };
}

export function first(): Position {
  return { slide: 1, step: 0 };
}

export function last(steps: StepCounts): Position {
  return { slide: Math.max(1, steps.length), step: 0 };
}

/** The hash of a position: #/3 for slide 3, #/3/2 for its second reveal. */
export function toHash({ slide, step }: Position): string {
  return step > 0 ? `#/${slide}/${step}` : `#/${slide}`;
}

/** Reads #/3 or #/3/2 (a missing or foreign hash means the first slide), clamped to the deck. */
export function fromHash(hash: string, steps: StepCounts): Position {
  const match = /^#\/(\d+)(?:\/(\d+))?\/?$/.exec(hash);
  if (!match) return first();
  return clamp({ slide: Number(match[1]), step: Number(match[2] ?? 0) }, steps);
}

export function samePosition(a: Position, b: Position): boolean {
  return a.slide === b.slide && a.step === b.step;
}
