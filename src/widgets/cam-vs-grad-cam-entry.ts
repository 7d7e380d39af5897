import type { Locale } from '../i18n/index.ts';
import { withBackend } from './explain-entry.ts';
import { mountCamVsGradCam } from './cam-vs-grad-cam.ts';

export const mount = (host: HTMLElement, locale: Locale) => withBackend(mountCamVsGradCam, host, locale);
