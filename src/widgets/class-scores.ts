import { type Derived } from '../lib/derive.ts';
import { toySchema, type ToyState } from '../state/toy-state.ts';
import { defineWidget } from './kit/define.ts';
import { mapsPart, toyDerivation, weightsPart } from './parts/toy-parts.ts';
import { formatNumber } from './format.ts';
import { h, symbol } from './dom.ts';

/**
 * Lesson 4: editable feature maps and the weights of every class; F_k under each map and
 * S_c = sum_k w_k^c F_k + b_c with the live numbers plugged in, each term linked to its map.
 * The template for a new widget: a schema, defaults, one compute, and a view that draws a state.
 */
export default defineWidget({
  schema: toySchema,
  ...toyDerivation,
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit, { tools: true });
    const weights = weightsPart(kit);
    const formula = h('p', { class: 'score-formula', 'aria-live': 'off' });
    return {
      parts: [
        h('h4', { class: 'widget-heading' }, m['widget.gapHeading']),
        ...maps.parts,
        h('h4', { class: 'widget-heading' }, m['widget.weightsHeading']),
        weights.element,
        h('h4', { class: 'widget-heading' }, m['widget.scoreHeading']),
        formula,
      ],
      render(derived, state) {
        maps.show(state, derived);
        weights.show(state, derived);
        renderScoreFormula(formula, state, derived);
      },
    };
  },
});

/** S_c = w_1^c F_1 + ... + b_c = (numbers) = S_c, built as text nodes, each term linked to its channel. */
export function renderScoreFormula(target: HTMLElement, { w, b, c }: ToyState, derived: Derived): void {
  const symbolic: (Node | string)[] = [symbol('S', c + 1), ' = '];
  const terms: (Node | string)[] = [' = '];
  w[c].forEach((wk, k) => {
    if (k > 0) {
      symbolic.push(' + ');
      terms.push(' + ');
    }
    symbolic.push(h('span', { class: 'term', 'data-link': `k${k}` }, symbol('w', k + 1, c + 1), ' ', symbol('F', undefined, k + 1)));
    terms.push(h('span', { class: 'term', 'data-link': `k${k}`, 'data-term': k }, formatNumber(wk), ' × ', formatNumber(derived.F[k])));
  });
  symbolic.push(' + ', symbol('b', c + 1));
  terms.push(' + ', h('span', { class: 'term', 'data-bias': true }, formatNumber(b[c])));
  terms.push(' = ', h('output', { class: 'score', 'data-output': 'S' }, formatNumber(derived.S[c])));
  target.replaceChildren(...symbolic, ...terms);
}
