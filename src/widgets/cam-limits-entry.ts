import type { Locale } from '../i18n/index.ts';
import { withBackend } from './explain-entry.ts';
import { mountCamLimits } from './cam-limits.ts';

export const mount = (host: HTMLElement, locale: Locale) => withBackend(mountCamLimits, host, locale);
