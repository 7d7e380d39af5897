import type { Locale } from '../../i18n/index.ts';

/** A probability as a percentage with one decimal, in the locale's way of writing it: 0.9987 -> "99.9%". */
export function formatPercent(p: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(p);
}
