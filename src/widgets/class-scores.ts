import { messages as messagesFor, type Locale } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import type { ToyStore, DerivedState } from '../state/toy-store.ts';
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
    weights.show(state);
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
