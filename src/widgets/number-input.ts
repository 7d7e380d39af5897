import { format, type Messages } from '../i18n/index.ts';
import { CELL_LIMIT, parseCell } from '../state/parse-number.ts';
import { formatNumber, quoteInput } from './format.ts';
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
    else if (!this.#open.delete(key)) return;
    const newest = [...this.#open.values()].at(-1);
    this.element.hidden = !newest;
    this.element.textContent = newest ?? '';
  }

  clear(): void {
    this.#open.clear();
    this.element.hidden = true;
    this.element.textContent = '';
  }

  get count(): number {
    return this.#open.size;
  }
}

/** The values a field accepts; a cell of feature maps takes any number the maps can hold. */
export interface Range {
  min: number;
  max: number;
  /** Whole numbers only (sizes, counts). */
  integer?: boolean;
}
export const CELL_RANGE: Range = { min: -CELL_LIMIT, max: CELL_LIMIT };

/** Why a text is not a value in range, as the message a field shows, or the value. */
export function readNumber(text: string, range: Range, m: Messages, cell: string, lastValid: number): { ok: true; value: number } | { ok: false; message: string } {
  const parsed = parseCell(text);
  const reason = !parsed.ok ? parsed.reason : parsed.value < range.min || parsed.value > range.max ? 'range' : range.integer && !Number.isInteger(parsed.value) ? 'integer' : null;
  if (parsed.ok && reason === null) return { ok: true, value: parsed.value };
  return {
    ok: false,
    message: format(m[`widget.invalid.${reason ?? 'nan'}`], {
      cell,
      text: quoteInput(text),
      value: formatNumber(lastValid),
      // As the papers print them: thousands grouped, a true minus sign.
      min: range.min.toLocaleString('en').replace('-', '−'),
      max: range.max.toLocaleString('en').replace('-', '−'),
    }),
  };
}

export interface NumberInputOptions {
  key: string;
  label: string;
  value: number;
  messages: Messages;
  problems: Problems;
  /** The values accepted (default: any a feature map holds); anything else is refused with the range named. */
  range?: Range;
  onValue: (value: number) => void;
}

export type NumberField = HTMLInputElement & {
  /** Shows a value (from the state), clearing any invalid mark; the field being typed in keeps its text if it already means this value. */
  setValue(v: number): void;
};

/**
 * A text input that accepts a number. Valid text is applied at once; invalid text stays in the field
 * (nothing the learner typed is lost), is marked, and the last valid value keeps driving the page.
 */
export function numberInput(options: NumberInputOptions): NumberField {
  const { key, label, messages, problems, onValue } = options;
  const range = options.range ?? CELL_RANGE;
  let lastValid = options.value;
  const input = h('input', {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-label': label,
    value: formatNumber(lastValid),
  }) as NumberField;

  const show = (v: number) => {
    lastValid = v;
    input.value = formatNumber(v);
    input.removeAttribute('aria-invalid');
    problems.set(key, null);
  };
  input.setValue = (v: number) => {
    // The same value: keep text the learner is still typing or has typed for it (invalid text included).
    if (v === lastValid && (input.getAttribute('aria-invalid') || document.activeElement === input || input.value === formatNumber(v))) return;
    show(v);
  };

  input.addEventListener('input', () => {
    const read = readNumber(input.value, range, messages, label, lastValid);
    if (read.ok) {
      lastValid = read.value;
      input.removeAttribute('aria-invalid');
      problems.set(key, null);
      onValue(read.value);
      return;
    }
    input.setAttribute('aria-invalid', 'true');
    problems.set(key, read.message);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.getAttribute('aria-invalid')) {
      show(lastValid);
      event.stopPropagation();
    }
  });
  input.addEventListener('focus', () => input.select());
  return input;
}
