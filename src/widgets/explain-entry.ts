import type { Locale } from '../i18n/index.ts';
import { savedBackend, useBackend } from '../state/backend.ts';
import type { ToyStore } from '../state/toy-store.ts';

/** Toy-sized tensors compute faster on the CPU backend than through a WebGL read-back (see the bench). */
export async function withBackend(mount: (host: HTMLElement, locale: Locale) => ToyStore, host: HTMLElement, locale: Locale): Promise<ToyStore> {
  await useBackend(savedBackend() ?? 'cpu');
  return mount(host, locale);
}
