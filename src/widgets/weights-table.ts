import { format, type Messages } from '../i18n/index.ts';
import { formatNumber } from './format.ts';
import { numberInput, type NumberField, type Problems } from './number-input.ts';
import { h, symbol, setText } from './dom.ts';

export interface WeightsTableOptions {
  messages: Messages;
  problems: Problems;
  /** A weight w_k^c, a bias b_c or the class was changed by the learner. */
  onWeight: (c: number, k: number, value: number) => void;
  onBias: (c: number, value: number) => void;
  onClass: (c: number) => void;
  /** Names of the classes (default "class 1", "class 2", ...). */
  classNames?: string[];
}

/** What the table shows: the weights, biases and class of a state, and the scores derived from it. */
export interface WeightsShown {
  w: number[][];
  b: number[];
  c: number;
  S: ArrayLike<number>;
  p: ArrayLike<number>;
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
  #weights: NumberField[][] = [];
  #biases: NumberField[] = [];
  #radios: HTMLInputElement[] = [];
  #rows: HTMLElement[] = [];
  #outS: HTMLElement[] = [];
  #outP: HTMLElement[] = [];
  #name = `class-${Math.random().toString(36).slice(2)}`;

  constructor(options: WeightsTableOptions) {
    this.#options = options;
    this.element = h('div', { class: 'table-scroll' });
  }

  #build(w: number[][], b: number[]): void {
    const { messages: m, problems } = this.#options;
    const K = w[0].length;
    const C = w.length;
    const head = h('tr', {}, h('th', { scope: 'col' }, m['widget.class']));
    for (let k = 0; k < K; k++) head.append(h('th', { scope: 'col', 'data-link': `k${k}` }, symbol('w', k + 1, 'c')));
    head.append(h('th', { scope: 'col' }, symbol('b', 'c')), h('th', { scope: 'col' }, symbol('S', 'c')), h('th', { scope: 'col' }, symbol('p', 'c')));
    const body = h('tbody');
    this.#weights = [];
    this.#biases = [];
    this.#radios = [];
    this.#rows = [];
    this.#outS = [];
    this.#outP = [];
    for (let c = 0; c < C; c++) {
      const className = this.#options.classNames?.[c] ?? format(m['widget.className'], { c: c + 1 });
      const radio = h('input', { type: 'radio', name: this.#name, value: c });
      radio.addEventListener('change', () => radio.checked && this.#options.onClass(c));
      const tr = h('tr', { 'data-class': c }, h('th', { scope: 'row' }, h('label', {}, radio, ' ', className)));
      const row = w[c].map((value, k) => {
        const input = numberInput({ key: `w${c}-${k}`, label: format(m['widget.weight'], { k: k + 1, c: c + 1 }), value, messages: m, problems, onValue: (v) => this.#options.onWeight(c, k, v) });
        input.dataset.w = `${c}-${k}`;
        tr.append(h('td', { 'data-link': `k${k}` }, input));
        return input;
      });
      const bias = numberInput({ key: `b${c}`, label: format(m['widget.bias'], { c: c + 1 }), value: b[c], messages: m, problems, onValue: (v) => this.#options.onBias(c, v) });
      bias.dataset.b = String(c);
      const S = h('output', { 'data-output': `S-${c}` });
      const p = h('output', { 'data-output': `p-${c}` });
      tr.append(h('td', {}, bias), h('td', {}, S), h('td', {}, p));
      body.append(tr);
      this.#weights.push(row);
      this.#biases.push(bias);
      this.#radios.push(radio);
      this.#rows.push(tr);
      this.#outS.push(S);
      this.#outP.push(p);
    }
    this.element.replaceChildren(h('table', { class: 'weights' }, h('thead', {}, head), body));
  }

  show({ w, b, c, S, p }: WeightsShown): void {
    const shape = `${w.length}x${w[0].length}`;
    if (shape !== this.#shape) {
      this.#shape = shape;
      this.#build(w, b);
    }
    w.forEach((row, r) => row.forEach((v, k) => this.#weights[r][k].setValue(v)));
    b.forEach((v, r) => this.#biases[r].setValue(v));
    for (let r = 0; r < this.#radios.length; r++) {
      setText(this.#outS[r], formatNumber(S[r]));
      setText(this.#outP[r], formatNumber(p[r]));
      this.#radios[r].checked = r === c;
      this.#rows[r].classList.toggle('chosen', r === c);
    }
  }
}
