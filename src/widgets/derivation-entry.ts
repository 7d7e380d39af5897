import type { Locale } from '../i18n/index.ts';
import { withBackend } from './explain-entry.ts';
import { mountDerivation } from './derivation-stepper.ts';

export const mount = (host: HTMLElement, locale: Locale) => withBackend(mountDerivation, host, locale);
