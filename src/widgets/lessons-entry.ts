import type { Locale } from '../i18n/index.ts';
import { savedBackend, useBackend } from '../state/backend.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { mountGap } from './gap-widget.ts';
import { mountCam } from './cam-widget.ts';
import { mountToyNetwork } from './toy-network-widget.ts';

/** Toy-sized tensors compute faster on the CPU backend than through a WebGL read-back (see the bench). */
const preferredBackend = 'cpu';

async function ready(): Promise<void> {
  await useBackend(savedBackend() ?? preferredBackend);
}

export async function mountGapWidget(host: HTMLElement, locale: Locale): Promise<ToyStore> {
  await ready();
  return mountGap(host, locale);
}

export async function mountCamWidget(host: HTMLElement, locale: Locale): Promise<ToyStore> {
  await ready();
  return mountCam(host, locale);
}

export async function mountToyCamWidget(host: HTMLElement, locale: Locale): Promise<ToyStore> {
  await ready();
  return mountToyNetwork(host, locale, 'cam');
}

export async function mountFiltersWidget(host: HTMLElement, locale: Locale): Promise<ToyStore> {
  await ready();
  return mountToyNetwork(host, locale, 'filters');
}
