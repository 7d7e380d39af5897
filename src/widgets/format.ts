/** How numbers are shown: at most four decimals, trailing zeros dropped; exponents for the very large or small. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-4)) return x.toExponential(3);
  const rounded = Number(x.toFixed(4));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A learner's text quoted back in a message: at most `max` characters, so a screen reader never reads out a page. */
export function quoteInput(text: string, max = 32): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}
