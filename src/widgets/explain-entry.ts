import type { Locale } from '../i18n/index.ts';
import { savedBackend, useBackend, type BackendName } from '../state/backend.ts';
import type { ToyStore } from '../state/toy-store.ts';

/**
 * Starts a widget on the learner's saved backend, or on the one the bench measured fastest for its sizes:
 * toy-sized tensors on the CPU backend (a WebGL read-back costs more than the arithmetic), a trained
 * network's 64 maps on WebAssembly.
 */
export async function withBackend(mount: (host: HTMLElement, locale: Locale) => ToyStore | Promise<ToyStore>, host: HTMLElement, locale: Locale, preferred: BackendName = 'cpu'): Promise<ToyStore> {
  await useBackend(savedBackend() ?? preferred);
  return mount(host, locale);
}
