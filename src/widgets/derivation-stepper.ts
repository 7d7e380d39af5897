import katex from 'katex';
import { format, type Locale, type Messages } from '../i18n/index.ts';
import { derivationNumbers, derivationSteps, type DerivationNumbers, type StepCheck } from '../lib/derivation.ts';
import { seedExample } from '../state/seed-example.ts';
import { formatNumber } from '../state/parse-number.ts';
import { readStep, stepSearch } from '../state/step-url.ts';
import type { DerivedState } from '../state/toy-store.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { createToyFrame, headChoice, targetChoice } from './toy-frame.ts';
import { Heatmap } from './heatmap.ts';
import { generalTex, numbersTex } from './derivation-tex.ts';
import { mathText } from './math-text.ts';
import { h, symbol } from './dom.ts';

const COUNT = derivationSteps.length;

/**
 * Renders TeX with KaTeX into an element (KaTeX builds DOM nodes; nothing is parsed as HTML), only when
 * the TeX changed. KaTeX comes with this widget's chunk: pages load it only when this widget starts.
 */
function renderTex(target: HTMLElement, tex: string): void {
  if (target.dataset.tex === tex) return;
  target.dataset.tex = tex;
  katex.render(tex, target, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' });
}

/**
 * Lesson 8: the derivation that CAM is Grad-CAM's special case, one line at a time, each line with the
 * live numbers substituted and checked against autodiff; beside it the per-channel table and the maps.
 * The current line is ?step=N in the URL; arrow keys, Home and End step through it.
 */
export function mountDerivation(host: HTMLElement, locale: Locale): ToyStore {
  const frame = createToyFrame(host, locale, seedExample);
  const { m, store } = frame;
  const head = headChoice(frame);
  const target = targetChoice(frame);
  let step = readStep(location.search, COUNT);
  let last: { state: DerivedState; n: DerivationNumbers } | null = null;

  // The step controls.
  const prev = h('button', { type: 'button', class: 'widget-button', 'data-action': 'prev', 'aria-label': m['derivation.prev'] }, '← ', m['derivation.prevShort']);
  const next = h('button', { type: 'button', class: 'widget-button', 'data-action': 'next', 'aria-label': m['derivation.next'] }, ...mathText(m['derivation.nextShort']), ' →');
  const position = h('output', { 'data-output': 'step-index', 'aria-live': 'polite' });
  const links = derivationSteps.map((id, s) => {
    const a = h('a', { href: stepSearch(location.search, s), 'data-step-link': s + 1 }, format(m['derivation.stepShort'], { n: s + 1 }), ' ', ...mathText(m[`derivation.${id}.title`]));
    a.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go(s, true);
    });
    return a;
  });
  const linkList = h('ol', { class: 'step-links' }, ...links.map((a) => h('li', {}, a)));
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
  const stepper = h(
    'div',
    { class: 'derivation', tabindex: 0, role: 'group', 'aria-label': m['derivation.label'], 'aria-keyshortcuts': 'ArrowLeft ArrowRight Home End', 'data-stepper': true },
    h('div', { class: 'step-controls' }, prev, position, next),
    h('p', { class: 'widget-hint' }, ...mathText(m['derivation.keys'])),
    h('ol', { class: 'derivation-lines' }, ...lines.map((l) => l.element)),
  );
  prev.addEventListener('click', () => go(step - 1, true));
  next.addEventListener('click', () => go(step + 1, true));
  stepper.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement) return;
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown' || event.key === 'PageDown' ? step + 1
      : event.key === 'ArrowLeft' || event.key === 'ArrowUp' || event.key === 'PageUp' ? step - 1
      : event.key === 'Home' ? 0
      : event.key === 'End' ? COUNT - 1
      : null;
    if (to === null) return;
    event.preventDefault();
    go(to, true);
  });
  window.addEventListener('popstate', () => go(readStep(location.search, COUNT), false));

  function go(to: number, record: boolean): void {
    const clamped = Math.max(0, Math.min(COUNT - 1, to));
    if (record && clamped !== step) history.pushState(null, '', stepSearch(location.search, clamped) + location.hash);
    step = clamped;
    if (last) renderSteps(last.state, last.n);
  }

  // The per-channel table.
  const K = store.inputs.A.length;
  const cols = ['w', 'sum', 'diff', 'alpha', 'wz', 'spread'] as const;
  const cells = Array.from({ length: K }, () => Object.fromEntries(cols.map((col) => [col, h('td')])) as unknown as Record<(typeof cols)[number], HTMLElement>);
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
    h(
      'tbody',
      {},
      ...cells.map((row, k) =>
        h('tr', { 'data-k': k }, h('th', { scope: 'row' }, String(k + 1)), ...cols.map((col) => {
          row[col].dataset.output = `t-${col}-${k}`;
          return row[col];
        })),
      ),
    ),
  );
  const tableNote = h('p', { class: 'widget-hint', hidden: true }, ...mathText(m['derivation.fcTableNote']));

  // The maps.
  const cam = new Heatmap({ name: 'cam', title: h('span', {}, ...mathText(m['derivation.cam']), ' ', symbol('M', 'c')), label: m['derivation.cam'], scale: 'diverging' });
  const grad = new Heatmap({ name: 'gradcam', title: h('span', {}, ...mathText(m['derivation.gradcam']), ' ', symbol('L', undefined, 'c')), label: m['derivation.gradcam'], scale: 'sequential' });
  const diff = new Heatmap({ name: 'diff', title: h('span', {}, ...mathText(m['derivation.mapDiff'])), label: m['derivation.mapDiff'], scale: 'diverging' });

  host.replaceChildren(
    frame.bar,
    frame.problems.element,
    h('div', { class: 'choice-row' }, head.element, target.element),
    h('p', { class: 'widget-hint' }, ...mathText(m['derivation.break'])),
    h('details', { class: 'edit-details' },
      h('summary', {}, ...mathText(m['derivation.edit'])),
      h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
      frame.editor.element,
      h('p', { class: 'widget-hint' }, ...mathText(m['widget.keys'])),
    ),
    h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
    frame.weights.element,
    h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.heading'])),
    h('nav', { class: 'step-nav', 'aria-label': m['derivation.linksLabel'] }, linkList),
    stepper,
    h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.tableHeading'])),
    h('div', { class: 'table-scroll' }, table),
    tableNote,
    h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.mapsHeading'])),
    h('div', { class: 'map-row' }, cam.element, grad.element, diff.element),
  );

  function renderSteps(state: DerivedState, n: DerivationNumbers): void {
    const { inputs, derived: d } = state;
    const target = inputs.target ?? 'score';
    // The line where the chain visibly breaks: for the flatten head, the chain rule (its gradient is not one
    // number per channel); otherwise the first line that exists and fails.
    const firstFailure = d.head === 'fc' ? derivationSteps.indexOf('chain') : n.checks.findIndex((s) => !s.holds && !s.absent);
    position.textContent = format(m['derivation.position'], { n: step + 1, count: COUNT });
    prev.disabled = step === 0;
    next.disabled = step === COUNT - 1;
    links.forEach((a, s) => {
      a.href = stepSearch(location.search, s);
      if (s === step) a.setAttribute('aria-current', 'step');
      else a.removeAttribute('aria-current');
      a.dataset.holds = verdictState(n.checks[s]);
    });
    lines.forEach((line, s) => {
      const check = n.checks[s];
      line.element.hidden = s > step;
      line.element.classList.toggle('current', s === step);
      line.element.dataset.holds = verdictState(check);
      if (s > step) return;
      // Only the current line shows its numbers (the earlier ones fold to formula and verdict), so only it is typeset.
      const tex = s === step ? numbersTex(derivationSteps[s], n, d.head, target) : null;
      line.numbers.hidden = tex === null;
      if (tex !== null) renderTex(line.numbers, tex);
      line.verdict.replaceChildren(...mathText(verdictText(m, check)));
      line.why.hidden = s !== firstFailure;
      line.why.replaceChildren(...(s === firstFailure ? mathText(m[d.head === 'fc' ? 'derivation.why.fc' : target === 'probability' ? 'derivation.why.probability' : 'derivation.why.other']) : []));
    });
    renderTable(n, d.head === 'fc');
  }

  function renderTable(n: DerivationNumbers, fc: boolean): void {
    tableNote.hidden = !fc;
    cells.forEach((row, k) => {
      row.w.textContent = formatNumber(n.w[k]);
      row.sum.textContent = formatNumber(n.sumGrad[k]);
      row.diff.textContent = formatNumber(n.diff[k]);
      row.alpha.textContent = formatNumber(n.alpha[k]);
      row.wz.textContent = formatNumber(n.wOverZ[k]);
      row.spread.textContent = formatNumber(n.gradMax[k] - n.gradMin[k]);
    });
  }

  // A link to one line (?step=N) should land on the derivation itself, not on the controls above it.
  let scrollOnFirstRender = new URLSearchParams(location.search).has('step');
  const stepNav = linkList.parentElement;

  store.subscribe((state) => {
    const d = state.derived;
    const n = derivationNumbers(state.inputs, d);
    last = { state, n };
    head.set(d.head);
    target.set(state.inputs.target ?? 'score');
    renderSteps(state, n);
    cam.show(d.M, d.H, d.W);
    grad.show(d.gradCam, d.H, d.W);
    diff.show(n.mapDiff, d.H, d.W, Math.max(...Array.from(d.gradCam), ...Array.from(n.camOverZ)));
    if (scrollOnFirstRender) {
      scrollOnFirstRender = false;
      stepNav?.scrollIntoView({ block: 'start' });
    }
    frame.rendered(state);
  });
  void store.refresh();
  return store;
}

function verdictState(check: StepCheck): string {
  return check.absent ? 'absent' : check.holds ? 'true' : 'false';
}

function verdictText(m: Messages, check: StepCheck): string {
  if (check.absent) return m['derivation.absent'];
  return format(m[check.holds ? 'derivation.holds' : 'derivation.fails'], { error: formatNumber(check.error) });
}
