import { format, type Messages } from '../i18n/index.ts';
import { formatNumber, parseCell } from '../state/parse-number.ts';
import { h } from './dom.ts';

/**
 * The inline message area of a widget. Each invalid field keeps its own message until it is fixed;
 * the newest one is shown and announced to screen readers.
 */
export class Problems {
  readonly element: HTMLElement;
  #open = new Map<string, string>();

  constructor() {
    this.element = h('p', { class: 'widget-problem', role: 'status', 'aria-live': 'polite', hidden: true });
  }

  set(key: string, message: string | null): void {
    if (message) this.#open.set(key, message);
    else this.#open.delete(key);
    const newest = [...this.#open.values()].at(-1);
    this.element.hidden = !newest;
    this.element.textContent = newest ?? '';
  }

  clear(): void {
    this.#open.clear();
    this.set('', null);
  }

  get count(): number {
    return this.#open.size;
  }
}

export interface NumberInputOptions {
  key: string;
  label: string;
  value: number;
  messages: Messages;
  problems: Problems;
  onValue: (value: number) => void;
}

/**
 * A text input that accepts a number. Valid text is applied at once; invalid text stays in the field
 * (nothing the learner typed is lost), is marked, and the last valid value keeps driving the page.
 */
export function numberInput(options: NumberInputOptions): HTMLInputElement & { setValue(v: number): void } {
  const { key, label, messages, problems, onValue } = options;
  let lastValid = options.value;
  const input = h('input', {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-label': label,
    value: formatNumber(lastValid),
  }) as HTMLInputElement & { setValue(v: number): void };

  input.setValue = (v: number) => {
    lastValid = v;
    input.value = formatNumber(v);
    input.removeAttribute('aria-invalid');
    problems.set(key, null);
  };

  input.addEventListener('input', () => {
    const parsed = parseCell(input.value);
    if (parsed.ok) {
      lastValid = parsed.value;
      input.removeAttribute('aria-invalid');
      problems.set(key, null);
      onValue(parsed.value);
      return;
    }
    input.setAttribute('aria-invalid', 'true');
    const template = messages[`widget.invalid.${parsed.reason}`];
    problems.set(key, format(template, { cell: label, text: input.value.trim(), value: formatNumber(lastValid) }));
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.getAttribute('aria-invalid')) {
      input.setValue(lastValid);
      event.stopPropagation();
    }
  });
  input.addEventListener('focus', () => input.select());
  return input;
}
