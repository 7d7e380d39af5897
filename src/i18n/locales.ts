export const locales = ['en', 'ko'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The path of a page in a locale, under the site's base path: English at the root, Korean under /ko/. */
export function localePath(locale: Locale, path = '', base: string = import.meta.env.BASE_URL): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const prefix = locale === defaultLocale ? '' : `${locale}/`;
  return `${root}${prefix}${path.replace(/^\//, '')}`;
}
