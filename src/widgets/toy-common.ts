import type { Messages } from '../i18n/index.ts';
import type { FromUrl } from '../state/url-state.ts';
import type { DerivedState } from '../state/toy-store.ts';
import { h } from './dom.ts';

/**
 * The notice a widget shows when its link could not be read. It says why in general words and never
 * repeats the link's text: nothing from the URL reaches the page but the numbers that passed the checks.
 */
export function linkNotice(m: Messages, fromUrl: FromUrl): HTMLElement {
  const notice = h('p', { class: 'widget-notice', role: 'status', 'data-link-notice': true, hidden: fromUrl.status !== 'refused' });
  if (fromUrl.status === 'refused') notice.textContent = m['widget.linkRefused'];
  else if (fromUrl.status === 'ok') {
    notice.hidden = false;
    notice.dataset.restored = '';
    notice.textContent = m['widget.linkRestored'];
  }
  return notice;
}

/** Tells page-level tools (the bench, presenter sync) that the widget has drawn a state. */
export function announceRendered(host: HTMLElement, state: DerivedState): void {
  host.dispatchEvent(new CustomEvent('camlab:rendered', { detail: { backend: state.backend, ms: state.ms } }));
}

/** A labelled select of named options, with i18n labels. */
export function selectControl<T extends string>(label: string, options: { value: T; label: string }[], current: T, onChange: (value: T) => void, attr: string): { element: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { class: 'widget-select', [attr]: true });
  for (const o of options) select.append(h('option', { value: o.value }, o.label));
  select.value = current;
  select.addEventListener('change', () => onChange(select.value as T));
  return { element: h('label', { class: 'widget-control' }, h('span', {}, label, ' '), select), select };
}

