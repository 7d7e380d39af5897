import { format, messages as messagesFor, type Locale, type Messages } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import type { ToyStore, DerivedState } from '../state/toy-store.ts';
import { numberInput, type Problems } from './number-input.ts';
import { formatNumber } from '../state/parse-number.ts';
import { WeightsTable } from './weights-table.ts';
import { toyKit } from './toy-kit.ts';
import { announceRendered } from './toy-common.ts';
import { h, symbol } from './dom.ts';

export const CLASS_SCORES_TAG = 'cam-class-scores';

/**
 * Lesson 4's widget: editable feature maps and the weights of every class; it shows F_k under each map
 * and S_c = sum_k w_k^c F_k + b_c with the live numbers plugged in, each term linked to its map.
 */
export function mountClassScores(host: HTMLElement, locale: Locale): ToyStore {
  const m = messagesFor(locale);
  let weights: WeightsTable;
  const kit = toyKit({
    host,
    locale,
    key: CLASS_SCORES_TAG,
    defaults: seedExample,
    footer: (k) => [h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', h('output', { 'data-output': `F-${k}` }))],
    onReplace: (next) => weights.setValues(next),
  });
  const { store, problems, editor } = kit;
  weights = new WeightsTable({ messages: m, problems, edit: kit.edit });
  const formula = h('p', { class: 'score-formula', 'aria-live': 'off' });

  host.replaceChildren(
    kit.bar,
    kit.notice,
    problems.element,
    h('h4', { class: 'widget-heading' }, m['widget.gapHeading']),
    kit.controls,
    editor.element,
    kit.legend.element,
    h('p', { class: 'widget-hint' }, m['widget.keys']),
    h('h4', { class: 'widget-heading' }, m['widget.weightsHeading']),
    weights.element,
    h('h4', { class: 'widget-heading' }, m['widget.scoreHeading']),
    formula,
  );

  store.subscribe((state) => {
    const { derived } = state;
    kit.paintMaps(state);
    for (let k = 0; k < derived.K; k++) {
      const out = host.querySelector(`[data-output="F-${k}"]`);
      if (out) out.textContent = formatNumber(derived.F[k]);
    }
    weights.show(state, store.inputs);
    renderScoreFormula(formula, state);
    kit.relink();
    kit.save(state);
    announceRendered(host, state);
  });
  void store.refresh();
  return store;
}

/** S_c = w_1^c F_1 + ... + b_c = (numbers) = S_c, built as text nodes, each term linked to its channel. */
export function renderScoreFormula(target: HTMLElement, { inputs, derived }: DerivedState): void {
  const c = inputs.c;
  const symbolic: (Node | string)[] = [symbol('S', c + 1), ' = '];
  const terms: (Node | string)[] = [' = '];
  inputs.w[c].forEach((wk, k) => {
    if (k > 0) {
      symbolic.push(' + ');
      terms.push(' + ');
    }
    symbolic.push(h('span', { class: 'term', 'data-link': `k${k}` }, symbol('w', k + 1, c + 1), ' ', symbol('F', undefined, k + 1)));
    terms.push(h('span', { class: 'term', 'data-link': `k${k}`, 'data-term': k }, formatNumber(wk), ' × ', formatNumber(derived.F[k])));
  });
  symbolic.push(' + ', symbol('b', c + 1));
  terms.push(' + ', h('span', { class: 'term', 'data-bias': true }, formatNumber(inputs.b[c])));
  terms.push(' = ', h('output', { class: 'score', 'data-output': 'S' }, formatNumber(derived.S[c])));
  target.replaceChildren(...symbolic, ...terms);
}

/*
 * The first version's weight table, kept for the widgets of lessons 6-9 (toy-frame.ts), which read its
 * `fields` and `biases`. New widgets use WeightsTable (weights-table.ts): linked columns, any K and C.
 */
/** One row per class: pick the class, edit w_k^c and b_c, read S_c and p_c. */
export function weightTable(m: Messages, store: ToyStore, problems: Problems, K: number, C: number) {
  const table = h('table', { class: 'weights' });
  const head = h('tr', {}, h('th', { scope: 'col' }, m['widget.class']));
  for (let k = 0; k < K; k++) head.append(h('th', { scope: 'col' }, symbol('w', k + 1, 'c')));
  head.append(h('th', { scope: 'col' }, symbol('b', 'c')), h('th', { scope: 'col' }, symbol('S', 'c')), h('th', { scope: 'col' }, symbol('p', 'c')));
  table.append(h('thead', {}, head));
  const body = h('tbody');
  const inputs: ReturnType<typeof numberInput>[][] = [];
  const biases: ReturnType<typeof numberInput>[] = [];
  const radios: HTMLInputElement[] = [];
  const outS: HTMLElement[] = [];
  const outP: HTMLElement[] = [];
  const name = `class-${Math.random().toString(36).slice(2)}`;
  for (let c = 0; c < C; c++) {
    const radio = h('input', { type: 'radio', name, value: c, checked: c === store.inputs.c });
    radio.addEventListener('change', () => radio.checked && store.update((s) => void (s.c = c)));
    radios.push(radio);
    const tr = h('tr', { 'data-class': c }, h('th', { scope: 'row' }, h('label', {}, radio, ' ', format(m['widget.className'], { c: c + 1 }))));
    const row: ReturnType<typeof numberInput>[] = [];
    for (let k = 0; k < K; k++) {
      const input = numberInput({
        key: `w${c}-${k}`,
        label: format(m['widget.weight'], { k: k + 1, c: c + 1 }),
        value: store.inputs.w[c][k],
        messages: m,
        problems,
        onValue: (v) => store.update((s) => void (s.w[c][k] = v)),
      });
      row.push(input);
      tr.append(h('td', {}, input));
    }
    const bias = numberInput({
      key: `b${c}`,
      label: format(m['widget.bias'], { c: c + 1 }),
      value: store.inputs.b[c],
      messages: m,
      problems,
      onValue: (v) => store.update((s) => void (s.b[c] = v)),
    });
    biases.push(bias);
    inputs.push(row);
    const s = h('output', { 'data-output': `S-${c}` });
    const p = h('output', { 'data-output': `p-${c}` });
    outS.push(s);
    outP.push(p);
    tr.append(h('td', {}, bias), h('td', {}, s), h('td', {}, p));
    body.append(tr);
  }
  table.append(body);
  return {
    element: h('div', { class: 'table-scroll' }, table),
    fields: inputs,
    biases,
    show({ inputs: state, derived }: DerivedState) {
      for (let c = 0; c < C; c++) {
        outS[c].textContent = formatNumber(derived.S[c]);
        outP[c].textContent = formatNumber(derived.p[c]);
        radios[c].checked = c === state.c;
        (radios[c].closest('tr') as HTMLElement).classList.toggle('chosen', c === state.c);
      }
    },
    setValues(fresh: { w: number[][]; b: number[] }) {
      fresh.w.forEach((row, c) => row.forEach((v, k) => inputs[c][k].setValue(v)));
      fresh.b.forEach((v, c) => biases[c].setValue(v));
    },
  };
}
