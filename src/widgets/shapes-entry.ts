import type { Locale } from '../i18n/index.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { withBackend } from './explain-entry.ts';
import { mountShapesCam } from './shapes-cam.ts';

export const mountClassify = (host: HTMLElement, locale: Locale): Promise<ToyStore> => withBackend((h, l) => mountShapesCam(h, l, 'classify'), host, locale, 'wasm');
export const mountLocalize = (host: HTMLElement, locale: Locale): Promise<ToyStore> => withBackend((h, l) => mountShapesCam(h, l, 'localize'), host, locale, 'wasm');
