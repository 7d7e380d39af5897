import { format, type Messages } from '../i18n/index.ts';
import { backendNames, currentBackend, saveBackend, useBackend, type BackendName } from '../state/backend.ts';
import { formatNumber } from './format.ts';
import { h } from './dom.ts';
import { BACKEND_EVENT } from './kit/events.ts';

/**
 * Shows which backend computed the last edit and how long it took, with a switch between them,
 * so the GPU path stays one click away and the choice is visible.
 */
export class BackendSwitch {
  readonly element: HTMLElement;
  #select: HTMLSelectElement;
  #timing: HTMLElement;
  #messages: Messages;

  /** `onOutcome` receives the message to show when the backend asked for is unavailable, or null when it runs. */
  constructor(messages: Messages, onOutcome: (problem: string | null) => void) {
    this.#messages = messages;
    this.#select = h('select', { 'aria-label': messages['widget.backendLabel'], 'data-backend-select': true });
    for (const name of backendNames) this.#select.append(h('option', { value: name }, messages[`widget.backend.${name}`]));
    this.#select.value = currentBackend();
    this.#select.addEventListener('change', async () => {
      const wanted = this.#select.value as BackendName;
      const ok = await useBackend(wanted);
      if (ok) saveBackend(wanted);
      else this.#select.querySelector<HTMLOptionElement>(`option[value="${wanted}"]`)!.disabled = true;
      this.#select.value = currentBackend();
      onOutcome(ok ? null : format(messages['widget.backendUnavailable'], { backend: messages[`widget.backend.${wanted}`] }));
      window.dispatchEvent(new CustomEvent(BACKEND_EVENT));
    });
    this.#timing = h('span', { class: 'backend-timing', 'data-backend-timing': true });
    this.element = h(
      'div',
      { class: 'backend-switch' },
      h('label', {}, h('span', {}, messages['widget.backendLabel'], ' '), this.#select),
      this.#timing,
    );
  }

  show(backend: BackendName, ms: number): void {
    this.#select.value = backend;
    this.#timing.dataset.backend = backend;
    this.#timing.textContent = format(this.#messages['widget.backend'], {
      backend: this.#messages[`widget.backend.${backend}`],
      ms: formatNumber(Number(ms.toFixed(ms < 10 ? 2 : 1))),
    });
  }
}
