/**
 * Widgets start only when they scroll into view, one per animation frame (as distill's figures do),
 * so a page of prose loads no TensorFlow.js at all.
 */
import { isLocale, defaultLocale, type Locale } from '../i18n/locales.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { sanitizeQuery } from '../state/url-state.ts';

// Before any widget loads TensorFlow.js (which parses the query string and throws on a malformed escape).
const safeSearch = sanitizeQuery(location.search);
if (safeSearch !== location.search) history.replaceState(history.state, '', `${location.pathname}${safeSearch}${location.hash}`);

type Mount = (host: HTMLElement, locale: Locale) => Promise<ToyStore> | ToyStore;

const stores = new WeakMap<HTMLElement, ToyStore>();

/**
 * The store behind a started widget, for page-level features (URL state, slides, presenter sync).
 * Each widget also announces itself with a bubbling 'camlab:widget-ready' event carrying { store }.
 */
export function storeOf(host: HTMLElement): ToyStore | undefined {
  return stores.get(host);
}

// Each entry is a separate chunk, fetched the first time a widget of that kind is seen.
const widgets: Record<string, () => Promise<Mount>> = {
  'cam-class-scores': () => import('./class-scores-entry.ts').then((m) => m.mount),
  'cam-toy-cam': () => import('./lessons-entry.ts').then((m) => m.mountToyCamWidget),
  'cam-filters': () => import('./lessons-entry.ts').then((m) => m.mountFiltersWidget),
  'cam-gap': () => import('./lessons-entry.ts').then((m) => m.mountGapWidget),
  'cam-cam': () => import('./lessons-entry.ts').then((m) => m.mountCamWidget),
  'cam-limits': () => import('./cam-limits-entry.ts').then((m) => m.mount),
  'cam-grad-cam': () => import('./grad-cam-entry.ts').then((m) => m.mount),
  'cam-derivation': () => import('./derivation-entry.ts').then((m) => m.mount),
  'cam-vs-grad-cam': () => import('./cam-vs-grad-cam-entry.ts').then((m) => m.mount),
  'cam-shapes': () => import('./shapes-entry.ts').then((m) => m.mountClassify),
  'cam-shapes-box': () => import('./shapes-entry.ts').then((m) => m.mountLocalize),
};

const queue: HTMLElement[] = [];
let scheduled = false;

function startNext(): void {
  scheduled = false;
  const host = queue.shift();
  if (!host) return;
  void start(host);
  if (queue.length) schedule();
}

function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(startNext);
  }
}

async function start(host: HTMLElement): Promise<void> {
  const lang = host.closest('[lang]')?.getAttribute('lang');
  const locale = isLocale(lang) ? lang : defaultLocale;
  host.dataset.state = 'loading';
  try {
    const mount = await widgets[host.localName]();
    const store = await mount(host, locale);
    stores.set(host, store);
    host.dataset.state = 'ready';
    host.dispatchEvent(new CustomEvent('camlab:widget-ready', { bubbles: true, detail: { store } }));
  } catch (error) {
    host.dataset.state = 'failed';
    const status = host.querySelector('[data-widget-status]');
    const template = host.dataset.failedMessage ?? '{error}';
    if (status) status.textContent = template.replace('{error}', error instanceof Error ? error.message : String(error));
    console.error(error);
  }
}

const observer = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      queue.push(entry.target as HTMLElement);
      schedule();
    }
  },
  { rootMargin: '200px 0px' },
);

for (const tag of Object.keys(widgets)) {
  if (!customElements.get(tag)) {
    customElements.define(
      tag,
      class extends HTMLElement {
        connectedCallback() {
          observer.observe(this);
        }
      },
    );
  }
}
