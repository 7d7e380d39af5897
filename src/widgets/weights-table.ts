import { format, type Messages } from '../i18n/index.ts';
import type { DerivedState } from '../state/toy-store.ts';
import type { ToyInputs } from '../lib/derive.ts';
import { formatNumber } from '../state/parse-number.ts';
import { numberInput, type Problems } from './number-input.ts';
import { h, symbol } from './dom.ts';

type Input = ReturnType<typeof numberInput>;

export interface WeightsTableOptions {
  messages: Messages;
  problems: Problems;
  /** Names of the classes (default "class 1", "class 2", ...). */
  classNames?: string[];
  /** Apply an edit to the toy inputs. */
  edit: (change: (draft: ToyInputs) => void) => void;
  /** Show the bias and probability columns (default true). */
  bias?: boolean;
  /** Let the learner edit the weights (default true); read-only tables show them as text. */
  editable?: boolean;
}

/**
 * One row per class: pick the class, edit w_k^c and b_c, read S_c and p_c. Each weight's column
 * is linked to its channel (data-link k), so hovering w_2 highlights map 2 and the term w_2 F_2.
 * Rebuilds itself when the number of channels or classes changes.
 */
export class WeightsTable {
  readonly element: HTMLElement;
  #options: WeightsTableOptions;
  #shape = '';
  #inputs: Input[][] = [];
  #biases: Input[] = [];
  #radios: HTMLInputElement[] = [];
  #outS: HTMLElement[] = [];
  #outP: HTMLElement[] = [];
  #name = `class-${Math.random().toString(36).slice(2)}`;

  constructor(options: WeightsTableOptions) {
    this.#options = options;
    this.element = h('div', { class: 'table-scroll' });
  }

  #build(inputs: ToyInputs): void {
    const { messages: m, problems, edit } = this.#options;
    const showBias = this.#options.bias ?? true;
    const editable = this.#options.editable ?? true;
    const K = inputs.w[0].length;
    const C = inputs.w.length;
    const table = h('table', { class: 'weights' });
    const head = h('tr', {}, h('th', { scope: 'col' }, m['widget.class']));
    for (let k = 0; k < K; k++) head.append(h('th', { scope: 'col', 'data-link': `k${k}` }, symbol('w', k + 1, 'c')));
    if (showBias) head.append(h('th', { scope: 'col' }, symbol('b', 'c')));
    head.append(h('th', { scope: 'col' }, symbol('S', 'c')), h('th', { scope: 'col' }, symbol('p', 'c')));
    table.append(h('thead', {}, head));
    const body = h('tbody');
    this.#inputs = [];
    this.#biases = [];
    this.#radios = [];
    this.#outS = [];
    this.#outP = [];
    for (let c = 0; c < C; c++) {
      const className = this.#options.classNames?.[c] ?? format(m['widget.className'], { c: c + 1 });
      const radio = h('input', { type: 'radio', name: this.#name, value: c, checked: c === inputs.c });
      radio.addEventListener('change', () => radio.checked && edit((s) => void (s.c = c)));
      this.#radios.push(radio);
      const tr = h('tr', { 'data-class': c }, h('th', { scope: 'row' }, h('label', {}, radio, ' ', className)));
      const row: Input[] = [];
      for (let k = 0; k < K; k++) {
        if (editable) {
          const input = numberInput({
            key: `w${c}-${k}`,
            label: format(m['widget.weight'], { k: k + 1, c: c + 1 }),
            value: inputs.w[c][k],
            messages: m,
            problems,
            onValue: (v) => edit((s) => void (s.w[c][k] = v)),
          });
          input.dataset.w = `${c}-${k}`;
          row.push(input);
          tr.append(h('td', { 'data-link': `k${k}` }, input));
        } else tr.append(h('td', { 'data-link': `k${k}` }, formatNumber(inputs.w[c][k])));
      }
      if (showBias) {
        const bias = numberInput({
          key: `b${c}`,
          label: format(m['widget.bias'], { c: c + 1 }),
          value: inputs.b[c],
          messages: m,
          problems,
          onValue: (v) => edit((s) => void (s.b[c] = v)),
        });
        bias.dataset.b = String(c);
        this.#biases.push(bias);
        tr.append(h('td', {}, bias));
      }
      this.#inputs.push(row);
      const s = h('output', { 'data-output': `S-${c}` });
      const p = h('output', { 'data-output': `p-${c}` });
      this.#outS.push(s);
      this.#outP.push(p);
      tr.append(h('td', {}, s), h('td', {}, p));
      body.append(tr);
    }
    table.append(body);
    this.element.replaceChildren(table);
  }

  /** Shows a derived state; `newest` (the store's current inputs) also refreshes fields changed from outside. */
  show({ inputs, derived }: DerivedState, newest: ToyInputs = inputs): void {
    const shape = `${inputs.w.length}x${inputs.w[0].length}`;
    if (shape !== this.#shape) {
      this.#shape = shape;
      this.#build(inputs);
    }
    const sync = (field: Input | undefined, value: number) => {
      if (!field || field === document.activeElement || field.getAttribute('aria-invalid')) return;
      if (field.value !== formatNumber(value)) field.setValue(value);
    };
    if (`${newest.w.length}x${newest.w[0].length}` === shape) {
      newest.w.forEach((row, c) => row.forEach((v, k) => sync(this.#inputs[c]?.[k], v)));
      newest.b.forEach((v, c) => sync(this.#biases[c], v));
    }
    for (let c = 0; c < this.#radios.length; c++) {
      this.#outS[c].textContent = formatNumber(derived.S[c]);
      this.#outP[c].textContent = formatNumber(derived.p[c]);
      this.#radios[c].checked = c === inputs.c;
      (this.#radios[c].closest('tr') as HTMLElement).classList.toggle('chosen', c === inputs.c);
    }
  }

  /** Writes new weights and biases into the fields (after a reset or a link). */
  setValues(fresh: { w: number[][]; b: number[] }): void {
    if (`${fresh.w.length}x${fresh.w[0].length}` !== this.#shape) return; // show() rebuilds with the new values
    fresh.w.forEach((row, c) => row.forEach((v, k) => this.#inputs[c]?.[k]?.setValue(v)));
    fresh.b.forEach((v, c) => this.#biases[c]?.setValue(v));
  }
}
