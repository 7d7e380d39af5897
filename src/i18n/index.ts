import en from './en.json';
import ko from './ko.json';

import type { Locale } from './locales.ts';

export * from './locales.ts';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

// Korean must offer every key English has: a missing one is a type error here.
const catalogue: Record<Locale, Messages> = { en, ko: ko satisfies Messages };

export function messages(locale: Locale): Messages {
  return catalogue[locale];
}

/** Fills {name} placeholders. Values are inserted as text by the caller, never as markup. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function t(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  return format(catalogue[locale][key], values);
}
