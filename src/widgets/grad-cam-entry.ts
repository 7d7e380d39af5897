import type { Locale } from '../i18n/index.ts';
import { withBackend } from './explain-entry.ts';
import { mountGradCam } from './grad-cam.ts';

export const mount = (host: HTMLElement, locale: Locale) => withBackend(mountGradCam, host, locale);
