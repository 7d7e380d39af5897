/**
 * Widgets start only when they scroll into view, one per animation frame (as distill's figures do),
 * so a page of prose loads no TensorFlow.js at all. Which code a tag runs, and on which backend, is the
 * registry's to say (registry.ts).
 */
import { isLocale, defaultLocale } from '../i18n/locales.ts';
import { sanitizeQuery } from '../state/url-state.ts';
import { widgetEntry, widgetRegistry } from './registry.ts';
import type { WidgetHandle } from './kit/mount.ts';
import { READY_EVENT } from './kit/events.ts';

export { READY_EVENT };

// Before any widget loads TensorFlow.js (which parses the query string and throws on a malformed escape).
const safeSearch = sanitizeQuery(location.search);
if (safeSearch !== location.search) history.replaceState(history.state, '', `${location.pathname}${safeSearch}${location.hash}`);

const handles = new WeakMap<HTMLElement, WidgetHandle>();

/** The handle of a started widget, for page-level features (the slides' presenter sync). */
export function handleOf(host: HTMLElement): WidgetHandle | undefined {
  return handles.get(host);
}

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
  const entry = widgetEntry(host.localName);
  if (!entry) return;
  const lang = host.closest('[lang]')?.getAttribute('lang');
  const locale = isLocale(lang) ? lang : defaultLocale;
  host.dataset.state = 'loading';
  try {
    // The kit, the backend and the widget's own code are separate chunks, fetched together.
    const [{ mountWidget }, { useBackend, savedBackend }, { default: definition }] = await Promise.all([
      import('./kit/mount.ts'),
      import('../state/backend.ts'),
      entry.load(),
    ]);
    await useBackend(savedBackend() ?? entry.backend);
    const handle = await mountWidget(definition, host, locale);
    handles.set(host, handle);
    host.dataset.state = 'ready';
    host.dispatchEvent(new CustomEvent(READY_EVENT, { bubbles: true, detail: { handle } }));
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

for (const { tag } of widgetRegistry) {
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
