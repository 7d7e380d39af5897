/** The largest magnitude a toy cell accepts: beyond it float32 sums lose the digits the lessons show. */
export const CELL_LIMIT = 1_000_000;

export type ParsedCell =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'nan' | 'range' };

/**
 * Reads what a learner typed into a cell. Accepts ordinary decimals and exponents ("2", "-0.5", "1e3"),
 * a leading "+", a Unicode minus and a decimal comma; refuses empty text, words, NaN, Infinity and 1e30.
 */
export function parseCell(text: string): ParsedCell {
  const cleaned = text.trim().replace(/\u2212/g, '-').replace(/^(-?\d*),(\d+)$/, '$1.$2');
  if (cleaned === '') return { ok: false, reason: 'empty' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return { ok: false, reason: 'nan' };
  const value = Number(cleaned);
  if (!Number.isFinite(value) || Math.abs(value) > CELL_LIMIT) return { ok: false, reason: 'range' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}
