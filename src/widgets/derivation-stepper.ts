import katex from 'katex';
import { format, type Messages } from '../i18n/index.ts';
import { type Derived } from '../lib/derive.ts';
import { derivationNumbers, derivationSteps, type DerivationNumbers, type StepCheck } from '../lib/derivation.ts';
import { headSchema, toyInputs, toySchema, type ToyState } from '../state/toy-state.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget, type Kit } from './kit/define.ts';
import { headParts, mapsPart, toyDerivation, weightsPart } from './parts/toy-parts.ts';
import { Heatmap } from './heatmap.ts';
import { generalTex, numbersTex } from './derivation-tex.ts';
import { mathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, symbol } from './dom.ts';

const COUNT = derivationSteps.length;

/** The line shown, 1-based as people count lines, so a study group can send a link to one line. */
const stepSchema = { step: { kind: 'int', min: 1, max: COUNT } } as const satisfies Schema;

type State = ToyState & { step: number };

/**
 * Renders TeX with KaTeX into an element (KaTeX builds DOM nodes; nothing is parsed as HTML), only when
 * the TeX changed. KaTeX comes with this widget's chunk: pages load it only when this widget starts.
 */
function renderTex(target: HTMLElement, tex: string): void {
  if (target.dataset.tex === tex) return;
  target.dataset.tex = tex;
  katex.render(tex, target, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' });
}

const verdictState = (check: StepCheck) => (check.absent ? 'absent' : check.holds ? 'true' : 'false');

function verdictText(m: Messages, check: StepCheck): string {
  if (check.absent) return m['derivation.absent'];
  return format(m[check.holds ? 'derivation.holds' : 'derivation.fails'], { error: formatNumber(check.error) });
}

/**
 * The derivation's lines with their links and the step controls. Each step is a history entry, so Back
 * walks back through the lines; arrow keys, Home and End step while the derivation has the focus.
 */
function stepper(kit: Kit<State, unknown>) {
  const { m } = kit;
  const go = (step: number) => {
    const to = Math.max(1, Math.min(COUNT, step));
    if (to !== kit.state.step) kit.set({ step: to }, { push: true });
  };
  const prev = h('button', { type: 'button', class: 'widget-button', 'data-action': 'prev', 'aria-label': m['derivation.prev'] }, '← ', m['derivation.prevShort']);
  const next = h('button', { type: 'button', class: 'widget-button', 'data-action': 'next', 'aria-label': m['derivation.next'] }, ...mathText(m['derivation.nextShort']), ' →');
  prev.addEventListener('click', () => go(kit.state.step - 1));
  next.addEventListener('click', () => go(kit.state.step + 1));
  const position = h('output', { 'data-output': 'step-index', 'aria-live': 'polite' });
  const links = derivationSteps.map((id, s) => {
    const a = h('a', { href: '#', 'data-step-link': s + 1 }, format(m['derivation.stepShort'], { n: s + 1 }), ' ', ...mathText(m[`derivation.${id}.title`]));
    a.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go(s + 1);
    });
    return a;
  });
  const nav = h('nav', { class: 'step-nav', 'aria-label': m['derivation.linksLabel'] }, h('ol', { class: 'step-links' }, ...links.map((a) => h('li', {}, a))));
  const lines = derivationSteps.map((id, s) => {
    const general = h('div', { class: 'tex general' });
    const numbers = h('div', { class: 'tex numbers', 'data-output': `numbers-${s + 1}` });
    const verdict = h('p', { class: 'verdict', 'data-output': `verdict-${s + 1}` });
    const why = h('p', { class: 'why', hidden: true });
    const element = h(
      'li',
      { class: 'derivation-line', 'data-step': s + 1, 'data-id': id },
      h('h5', {}, format(m['derivation.stepShort'], { n: s + 1 }), ' ', ...mathText(m[`derivation.${id}.title`])),
      h('p', { class: 'explain' }, ...mathText(m[`derivation.${id}.text`])),
      general,
      numbers,
      verdict,
      why,
    );
    renderTex(general, generalTex[id]);
    return { element, numbers, verdict, why };
  });
  const element = h(
    'div',
    { class: 'derivation', tabindex: 0, role: 'group', 'aria-label': m['derivation.label'], 'aria-keyshortcuts': 'ArrowLeft ArrowRight Home End', 'data-stepper': true },
    h('div', { class: 'step-controls' }, prev, position, next),
    h('p', { class: 'widget-hint' }, ...mathText(m['derivation.keys'])),
    h('ol', { class: 'derivation-lines' }, ...lines.map((l) => l.element)),
  );
  element.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement) return;
    const step = kit.state.step;
    const keys: Record<string, number> = { ArrowRight: step + 1, ArrowDown: step + 1, PageDown: step + 1, ArrowLeft: step - 1, ArrowUp: step - 1, PageUp: step - 1, Home: 1, End: COUNT };
    if (!(event.key in keys)) return;
    event.preventDefault();
    go(keys[event.key]);
  });

  return {
    nav,
    element,
    show(state: State, d: Derived, n: DerivationNumbers): void {
      const current = state.step - 1;
      const target = state.target ?? 'score';
      // The line where the chain visibly breaks: for the flatten head, the chain rule (its gradient is not one
      // number per channel); otherwise the first line that exists and fails.
      const firstFailure = d.head === 'fc' ? derivationSteps.indexOf('chain') : n.checks.findIndex((s) => !s.holds && !s.absent);
      position.textContent = format(m['derivation.position'], { n: state.step, count: COUNT });
      prev.disabled = state.step === 1;
      next.disabled = state.step === COUNT;
      links.forEach((a, s) => {
        a.href = kit.href({ step: s + 1 });
        if (s === current) a.setAttribute('aria-current', 'step');
        else a.removeAttribute('aria-current');
        a.dataset.holds = verdictState(n.checks[s]);
      });
      lines.forEach((line, s) => {
        const check = n.checks[s];
        line.element.hidden = s > current;
        line.element.classList.toggle('current', s === current);
        line.element.dataset.holds = verdictState(check);
        // Only the current line shows its numbers (the earlier ones fold to formula and verdict), so only it is
        // typeset; lines not yet reached show nothing. A line keeps no text it does not show, so what the page
        // holds follows from the state alone, however the learner got there.
        const tex = s === current ? numbersTex(derivationSteps[s], n, d.head, target) : null;
        line.numbers.hidden = tex === null;
        if (tex !== null) renderTex(line.numbers, tex);
        else if (line.numbers.dataset.tex) {
          delete line.numbers.dataset.tex;
          line.numbers.replaceChildren();
        }
        const reached = s <= current;
        line.verdict.replaceChildren(...(reached ? mathText(verdictText(m, check)) : []));
        line.why.hidden = !reached || s !== firstFailure;
        line.why.replaceChildren(...(reached && s === firstFailure ? mathText(m[d.head === 'fc' ? 'derivation.why.fc' : target === 'probability' ? 'derivation.why.probability' : 'derivation.why.other']) : []));
      });
    },
  };
}

const columns = ['w', 'sum', 'diff', 'alpha', 'wz', 'spread'] as const;

/** Per channel: w_k^c against the sum of the gradients, their difference, alpha_k^c, w_k^c / Z and the gradients' spread. */
function channelTable(m: Messages) {
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'weights derivation-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, symbol('k')),
        h('th', { scope: 'col' }, symbol('w', 'k', 'c')),
        h('th', { scope: 'col' }, 'Σ', h('sub', {}, 'ij'), ' ∂', symbol('Y', undefined, 'c'), '/∂', symbol('A', 'ij', 'k'), h('br'), h('small', {}, ...mathText(m['derivation.autodiff']))),
        h('th', { scope: 'col' }, ...mathText(m['derivation.difference'])),
        h('th', { scope: 'col' }, symbol('α', 'k', 'c')),
        h('th', { scope: 'col' }, symbol('w', 'k', 'c'), ' / ', symbol('Z')),
        h('th', { scope: 'col' }, ...mathText(m['derivation.spread'])),
      ),
    ),
    body,
  );
  const note = h('p', { class: 'widget-hint', hidden: true }, ...mathText(m['derivation.fcTableNote']));
  let rows: Record<(typeof columns)[number], HTMLElement>[] = [];
  return {
    element: h('div', {}, h('div', { class: 'table-scroll' }, table), note),
    show(n: DerivationNumbers, fc: boolean): void {
      note.hidden = !fc;
      if (rows.length !== n.w.length) {
        rows = n.w.map(() => Object.fromEntries(columns.map((col) => [col, h('td')])) as unknown as Record<(typeof columns)[number], HTMLElement>);
        body.replaceChildren(
          ...rows.map((row, k) =>
            h('tr', { 'data-k': k }, h('th', { scope: 'row' }, String(k + 1)), ...columns.map((col) => {
              row[col].dataset.output = `t-${col}-${k}`;
              return row[col];
            })),
          ),
        );
      }
      rows.forEach((row, k) => {
        row.w.textContent = formatNumber(n.w[k]);
        row.sum.textContent = formatNumber(n.sumGrad[k]);
        row.diff.textContent = formatNumber(n.diff[k]);
        row.alpha.textContent = formatNumber(n.alpha[k]);
        row.wz.textContent = formatNumber(n.wOverZ[k]);
        row.spread.textContent = formatNumber(n.gradMax[k] - n.gradMin[k]);
      });
    },
  };
}

/**
 * Lesson 8: the derivation that CAM is Grad-CAM's special case, one line at a time, each line with the
 * live numbers substituted and checked against autodiff; beside it the per-channel table and the maps.
 */
export default defineWidget({
  schema: { ...toySchema, ...headSchema, ...stepSchema },
  ...toyDerivation,
  defaults: () => ({ ...toyDerivation.defaults(), step: 1 }),
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit);
    const weights = weightsPart(kit);
    const choices = headParts(kit);
    const steps = stepper(kit);
    const table = channelTable(m);
    const cam = new Heatmap(m, { name: 'cam', title: h('span', {}, ...mathText(m['derivation.cam']), ' ', symbol('M', 'c')), label: m['derivation.cam'], scale: 'diverging' });
    const grad = new Heatmap(m, { name: 'gradcam', title: h('span', {}, ...mathText(m['derivation.gradcam']), ' ', symbol('L', undefined, 'c')), label: m['derivation.gradcam'], scale: 'sequential' });
    const diff = new Heatmap(m, { name: 'diff', title: h('span', {}, ...mathText(m['derivation.mapDiff'])), label: m['derivation.mapDiff'], scale: 'diverging' });
    // A link to a line past the first should land on the derivation itself, not on the controls above it.
    let scrollOnFirstRender = kit.fromLink && kit.state.step > 1;
    return {
      parts: [
        choices.element,
        h('p', { class: 'widget-hint' }, ...mathText(m['derivation.break'])),
        h('details', { class: 'edit-details' }, h('summary', {}, ...mathText(m['derivation.edit'])), h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])), ...maps.parts),
        h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
        weights.element,
        h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.heading'])),
        steps.nav,
        steps.element,
        h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.tableHeading'])),
        table.element,
        h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.mapsHeading'])),
        h('div', { class: 'map-row' }, cam.element, grad.element, diff.element),
      ],
      render(d, state) {
        const n = derivationNumbers(toyInputs(state), d);
        maps.show(state, d);
        weights.show(state, d);
        choices.show(state);
        steps.show(state, d, n);
        table.show(n, d.head === 'fc');
        cam.show(d.M, d.H, d.W, kit.cmap());
        grad.show(d.gradCam, d.H, d.W, kit.cmap());
        diff.show(n.mapDiff, d.H, d.W, kit.cmap(), Math.max(...Array.from(d.gradCam), ...Array.from(n.camOverZ)));
        if (scrollOnFirstRender) {
          scrollOnFirstRender = false;
          steps.nav.scrollIntoView({ block: 'start' });
        }
      },
    };
  },
});
