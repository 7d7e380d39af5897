import { format, messages as messagesFor, type Locale, type Messages } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import { ToyStore, type DerivedState } from '../state/toy-store.ts';
import { currentBackend } from '../state/backend.ts';
import { formatNumber, parseCell } from '../state/parse-number.ts';
import type { ToyInputs } from '../lib/derive.ts';
import { FeatureMapEditor } from './feature-map-editor.ts';
import { numberInput, Problems } from './number-input.ts';
import { BackendSwitch } from './backend-switch.ts';
import { h, symbol } from './dom.ts';

/**
 * Lesson 4's widget: three editable feature maps and the class weights; it shows F_k under each map
 * and S_c = sum_k w_k^c F_k + b_c with the live numbers plugged in.
 */
export function mountClassScores(host: HTMLElement, locale: Locale): ToyStore {
  const m = messagesFor(locale);
  const store = new ToyStore(seedExample());
  const problems = new Problems();
  const { A, w } = store.inputs;
  const K = A.length;
  const C = w.length;

  const editor = new FeatureMapEditor({
    A,
    messages: m,
    problems,
    onEdit: (k, i, j, v) => store.update((s) => void (s.A[k][i][j] = v)),
  });
  const Fout = editor.footers.map((footer, k) => {
    const value = h('output', { 'data-output': `F-${k}` });
    footer.append(symbol('F', undefined, k + 1), ' = ', value);
    return value;
  });

  const weights = weightTable(m, store, problems, K, C);
  const formula = h('p', { class: 'score-formula', 'aria-live': 'off' });
  const backend = new BackendSwitch(m, currentBackend(), () => void store.refresh(), (msg) => problems.set('backend', msg));
  const reset = h('button', { type: 'button', class: 'widget-button' }, m['widget.reset']);
  reset.addEventListener('click', () => {
    const fresh = seedExample();
    problems.clear();
    editor.setValues(fresh.A);
    weights.setValues(fresh);
    void store.replace(fresh);
  });

  host.replaceChildren(
    h('div', { class: 'widget-bar' }, reset, backend.element),
    problems.element,
    h('h4', { class: 'widget-heading' }, m['widget.gapHeading']),
    editor.element,
    h('p', { class: 'widget-hint' }, m['widget.keys']),
    h('h4', { class: 'widget-heading' }, m['widget.weightsHeading']),
    weights.element,
    h('h4', { class: 'widget-heading' }, m['widget.scoreHeading']),
    formula,
  );

  store.subscribe((state) => {
    const { derived } = state;
    // Inputs may change from outside the widget (store.replace: the presenter's second window);
    // the fields then show the new values. store.inputs is the newest, whatever state this is.
    syncFields(store.inputs, editor, weights);
    editor.paint(state.inputs.A);
    Fout.forEach((out, k) => (out.textContent = formatNumber(derived.F[k])));
    weights.show(state);
    renderFormula(formula, state);
    backend.show(state.backend, state.ms);
    host.dispatchEvent(new CustomEvent('camlab:rendered', { detail: { backend: state.backend, ms: state.ms } }));
  });
  store.onError((error) => problems.set('derive', error.message));
  void store.refresh();
  return store;
}

type Field = HTMLInputElement & { setValue(v: number): void };

/**
 * Writes a value into a field only where the field shows another number, and never into the field being
 * typed in or one holding invalid text the learner has not fixed yet (that text is kept, as always).
 */
function syncField(field: Field, value: number): void {
  if (field === document.activeElement || field.getAttribute('aria-invalid')) return;
  const shown = parseCell(field.value);
  if (!shown.ok || shown.value !== value) field.setValue(value);
}

function syncFields(inputs: ToyInputs, editor: FeatureMapEditor, weights: { fields: Field[][]; biases: Field[] }): void {
  inputs.A.forEach((map, k) => map.forEach((row, i) => row.forEach((v, j) => syncField(editor.cell(k, i, j), v))));
  inputs.w.forEach((row, c) => row.forEach((v, k) => syncField(weights.fields[c][k], v)));
  inputs.b.forEach((v, c) => syncField(weights.biases[c], v));
}

/** S_c = w_1^c F_1 + ... + b_c = (numbers) = S_c, built as text nodes. */
function renderFormula(target: HTMLElement, { inputs, derived }: DerivedState): void {
  const c = inputs.c;
  const terms: (Node | string)[] = [symbol('S', c + 1), ' = '];
  inputs.w[c].forEach((wk, k) => {
    if (k > 0) terms.push(' + ');
    terms.push(h('span', { class: 'term', 'data-k': k }, formatNumber(wk), ' × ', formatNumber(derived.F[k])));
  });
  terms.push(' + ', h('span', { class: 'term', 'data-bias': true }, formatNumber(inputs.b[c])));
  terms.push(' = ', h('output', { class: 'score', 'data-output': 'S' }, formatNumber(derived.S[c])));
  target.replaceChildren(...terms);
}

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
