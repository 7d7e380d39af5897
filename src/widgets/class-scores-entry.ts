import type { Locale } from '../i18n/index.ts';
import { savedBackend, useBackend } from '../state/backend.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { mountClassScores } from './class-scores.ts';

/** Toy-sized tensors compute faster on the CPU backend than through a WebGL read-back (see the bench). */
const preferredBackend = 'cpu';

export async function mount(host: HTMLElement, locale: Locale): Promise<ToyStore> {
  await useBackend(savedBackend() ?? preferredBackend);
  return mountClassScores(host, locale);
}
