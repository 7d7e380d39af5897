/**
 * The derivation's current line lives in the query string as ?step=N (1-based, as people count lines),
 * so a study group can send one another a link to a line. Other query parameters are kept as they are.
 */
export const STEP_PARAM = 'step';

/** The 0-based step a query string points at; 0 when it names none or one out of range. */
export function readStep(search: string, count: number): number {
  const raw = new URLSearchParams(search).get(STEP_PARAM);
  if (raw === null || !/^\d+$/.test(raw)) return 0;
  const n = Number(raw);
  return n >= 1 && n <= count ? n - 1 : 0;
}

/** The query string that points at a 0-based step, keeping every other parameter. */
export function stepSearch(search: string, step: number): string {
  const params = new URLSearchParams(search);
  params.set(STEP_PARAM, String(step + 1));
  return `?${params.toString()}`;
}
