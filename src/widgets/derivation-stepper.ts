import katex from 'katex';
import { format, type Messages } from '../i18n/index.ts';
import { type Derived } from '../lib/derive.ts';
import type { Pooling } from '../lib/pooling.ts';
import {
  breakingLine,
  derivationNumbers,
  derivationSteps,
  MAX_STEPS,
  routeSteps,
  stepOnRoute,
  type DerivationNumbers,
  type DerivationRoute,
  type DerivationStep,
  type StepCheck,
} from '../lib/derivation.ts';
import { headSchema, toyInputs, toySchema, type ToyState } from '../state/toy-state.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget, type Kit } from './kit/define.ts';
import { fieldChoice, headParts, mapsPart, toyDerivation, weightsPart } from './parts/toy-parts.ts';
import { choiceGroup } from './choice-group.ts';
import { Heatmap } from './heatmap.ts';
import { generalTex, numbersTex } from './derivation-tex.ts';
import { mathText, setMathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, setAttr, setText, symbol } from './dom.ts';

/**
 * The line shown, 1-based as people count lines, so a study group can send a link to one line; and the route
 * (the chain rule forward, the default, or the paper's division), which a link may leave out.
 */
const stepSchema = {
  step: { kind: 'int', min: 1, max: MAX_STEPS },
  route: { kind: 'enum', values: ['chain', 'paper'], optional: true },
} as const satisfies Schema;

type State = ToyState & { step: number; route?: DerivationRoute };

const routeOf = (state: State): DerivationRoute => state.route ?? 'chain';
const poolingOf = (state: State): Pooling => state.pool ?? 'mean';

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

/** A line's title or explanation for the pooling shown: the plain sum has its own wording where the 1/Z mattered. */
function lineText(m: Messages, id: DerivationStep, part: 'title' | 'text', pooling: Pooling): string {
  const messages = m as Record<string, string>;
  return (pooling === 'sum' ? messages[`derivation.${id}.${part}.sum`] : undefined) ?? messages[`derivation.${id}.${part}`];
}

/**
 * The derivation's lines with their links and the step controls. Each step is a history entry, so Back
 * walks back through the lines; arrow keys, Home and End step while the derivation has the focus, and the
 * deck's keys step through it on a slide (steps()).
 */
function stepper(kit: Kit<State, unknown>) {
  const { m } = kit;
  const count = () => routeSteps(routeOf(kit.state)).length;
  const go = (step: number, push = true): boolean => {
    const to = Math.max(1, Math.min(count(), step));
    if (to === kit.state.step) return false;
    kit.set({ step: to }, { push });
    return true;
  };
  const prev = h('button', { type: 'button', class: 'widget-button', 'data-action': 'prev', 'aria-label': m['derivation.prev'] }, '← ', m['derivation.prevShort']);
  const next = h('button', { type: 'button', class: 'widget-button', 'data-action': 'next', 'aria-label': m['derivation.next'] }, ...mathText(m['derivation.nextShort']), ' →');
  prev.addEventListener('click', () => go(kit.state.step - 1));
  next.addEventListener('click', () => go(kit.state.step + 1));
  const position = h('output', { 'data-output': 'step-index', 'aria-live': 'polite' });

  // One link and one line element per line of either route; a route shows its own, in its order.
  const links = new Map<DerivationStep, HTMLAnchorElement>();
  const lines = new Map<DerivationStep, { element: HTMLElement; heading: HTMLElement; explain: HTMLElement; general: HTMLElement; numbers: HTMLElement; verdict: HTMLElement; why: HTMLElement }>();
  for (const id of derivationSteps) {
    const a = h('a', { href: '#', 'data-id': id });
    a.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go(Number(a.dataset.stepLink));
    });
    links.set(id, a);
    const heading = h('h5');
    const explain = h('p', { class: 'explain' });
    const general = h('div', { class: 'tex general' });
    const numbers = h('div', { class: 'tex numbers' });
    const verdict = h('p', { class: 'verdict' });
    const why = h('p', { class: 'why', hidden: true });
    const element = h('li', { class: 'derivation-line', 'data-id': id }, heading, explain, general, numbers, verdict, why);
    lines.set(id, { element, heading, explain, general, numbers, verdict, why });
  }
  const linkList = h('ol', { class: 'step-links' });
  const lineList = h('ol', { class: 'derivation-lines' });
  const nav = h('nav', { class: 'step-nav', 'aria-label': m['derivation.linksLabel'] }, linkList);
  const needs = h('p', { class: 'widget-hint', 'data-output': 'route-needs' });
  const element = h(
    'div',
    { class: 'derivation', tabindex: 0, role: 'group', 'aria-label': m['derivation.label'], 'aria-keyshortcuts': 'ArrowLeft ArrowRight Home End', 'data-stepper': true },
    h('div', { class: 'step-controls' }, prev, position, next),
    h('p', { class: 'widget-hint' }, ...mathText(m['derivation.keys'])),
    lineList,
  );
  element.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement) return;
    const step = kit.state.step;
    const keys: Record<string, number> = { ArrowRight: step + 1, ArrowDown: step + 1, PageDown: step + 1, ArrowLeft: step - 1, ArrowUp: step - 1, PageUp: step - 1, Home: 1, End: count() };
    if (!(event.key in keys)) return;
    event.preventDefault();
    go(keys[event.key]);
  });

  let shownRoute: string | null = null;
  return {
    nav,
    needs,
    element,
    // The deck's → and ← on a slide: one line each, no history entry (the deck's own place is in its hash).
    steps: { step: (direction: 1 | -1) => go(kit.state.step + direction, false) },
    show(state: State, d: Derived, n: DerivationNumbers): void {
      const route = routeOf(state);
      const pooling = poolingOf(state);
      const ids = routeSteps(route);
      const current = state.step - 1;
      const target = state.target ?? 'score';
      if (shownRoute !== route) {
        shownRoute = route;
        linkList.replaceChildren(...ids.map((id) => h('li', {}, links.get(id)!)));
        lineList.replaceChildren(...ids.map((id) => lines.get(id)!.element));
      }
      setMathText(needs, m[`derivation.route.${route}.needs`]);
      const firstFailure = breakingLine(n.checks, d.head, route);
      setText(position, format(m['derivation.position'], { n: state.step, count: ids.length }));
      prev.disabled = state.step === 1;
      next.disabled = state.step === ids.length;
      ids.forEach((id, s) => {
        const check = n.checks[s];
        const label = `${format(m['derivation.stepShort'], { n: s + 1 })} ${lineText(m, id, 'title', pooling)}`;
        const a = links.get(id)!;
        setAttr(a, 'data-step-link', String(s + 1));
        setAttr(a, 'href', kit.href({ step: s + 1 }));
        setMathText(a, label);
        setAttr(a, 'aria-current', s === current ? 'step' : null);
        setAttr(a, 'data-holds', verdictState(check));

        const line = lines.get(id)!;
        setAttr(line.element, 'data-step', String(s + 1));
        setAttr(line.numbers, 'data-output', `numbers-${s + 1}`);
        setAttr(line.verdict, 'data-output', `verdict-${s + 1}`);
        setMathText(line.heading, label);
        setMathText(line.explain, lineText(m, id, 'text', pooling));
        renderTex(line.general, generalTex(id, pooling));
        line.element.hidden = s > current;
        line.element.classList.toggle('current', s === current);
        setAttr(line.element, 'data-holds', verdictState(check));
        // Only the current line shows its numbers (the earlier ones fold to formula and verdict), so only it is
        // typeset; lines not yet reached show nothing. A line keeps no text it does not show, so what the page
        // holds follows from the state alone, however the learner got there.
        const tex = s === current ? numbersTex(id, n, d.head, target) : null;
        line.numbers.hidden = tex === null;
        if (tex !== null) renderTex(line.numbers, tex);
        else if (line.numbers.dataset.tex) {
          delete line.numbers.dataset.tex;
          line.numbers.replaceChildren();
        }
        const reached = s <= current;
        setMathText(line.verdict, reached ? verdictText(m, check) : '');
        line.why.hidden = !reached || s !== firstFailure;
        setMathText(line.why, reached && s === firstFailure ? m[d.head === 'fc' ? 'derivation.why.fc' : target === 'probability' ? 'derivation.why.probability' : 'derivation.why.other'] : '');
      });
    },
  };
}

/** The route through the derivation; switching keeps the learner on the same line where the other route has it. */
function routePart(kit: Kit<State, unknown>) {
  const { m } = kit;
  const group = choiceGroup<DerivationRoute>({
    legend: m['derivation.route'],
    name: 'route',
    choices: [
      { value: 'chain', label: m['derivation.route.chain'] },
      { value: 'paper', label: m['derivation.route.paper'] },
    ],
    value: routeOf(kit.state),
    onChange: (route) => kit.set({ route, step: stepOnRoute(routeOf(kit.state), route, kit.state.step) }),
  });
  return { element: group.element, show: (state: State) => group.set(routeOf(state)) };
}

const columns = ['w', 'sum', 'diff', 'alpha', 'wz', 'spread'] as const;

/** Per channel: w_k^c against the sum of the gradients, their difference, alpha_k^c, s w_k^c and the gradients' spread. */
function channelTable(m: Messages) {
  const body = h('tbody');
  // The headers that name the pooling's constant: Σ − w or Σ − Z w, and w/Z or w.
  const diffHead = h('small');
  const swHead = h('span');
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
        h('th', { scope: 'col' }, 'Σ', h('sub', {}, 'ij'), ' ∂', symbol('S', 'c'), '/∂', symbol('A', 'ij', 'k'), h('br'), h('small', {}, ...mathText(m['derivation.autodiff']))),
        h('th', { scope: 'col' }, ...mathText(m['derivation.difference']), h('br'), diffHead),
        h('th', { scope: 'col' }, symbol('α', 'k', 'c')),
        h('th', { scope: 'col' }, swHead),
        h('th', { scope: 'col' }, ...mathText(m['derivation.spread'])),
      ),
    ),
    body,
  );
  const note = h('p', { class: 'widget-hint', hidden: true }, ...mathText(m['derivation.fcTableNote']));
  let rows: Record<(typeof columns)[number], HTMLElement>[] = [];
  let shownPooling: Pooling | null = null;
  return {
    element: h('div', {}, h('div', { class: 'table-scroll' }, table), note),
    show(n: DerivationNumbers, fc: boolean): void {
      note.hidden = !fc;
      if (shownPooling !== n.pooling) {
        shownPooling = n.pooling;
        const mean = n.pooling === 'mean';
        diffHead.replaceChildren('(Σ − ', ...(mean ? [] : [symbol('Z'), ' ']), symbol('w', 'k', 'c'), ')');
        swHead.replaceChildren(symbol('w', 'k', 'c'), ...(mean ? [' / ', symbol('Z')] : []));
      }
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
        setText(row.w, formatNumber(n.w[k]));
        setText(row.sum, formatNumber(n.sumGrad[k]));
        setText(row.diff, formatNumber(n.diff[k]));
        setText(row.alpha, formatNumber(n.alpha[k]));
        setText(row.wz, formatNumber(n.sw[k]));
        setText(row.spread, formatNumber(n.gradMax[k] - n.gradMin[k]));
      });
    },
  };
}

/**
 * Lesson 8: the derivation that CAM is Grad-CAM's special case, one line at a time, by the chain rule or by
 * the paper's route, for the mean or the plain-sum pooling, each line with the live numbers substituted and
 * checked against autodiff; beside it the per-channel table and the maps.
 */
export default defineWidget({
  schema: { ...toySchema, ...headSchema, ...stepSchema },
  ...toyDerivation,
  defaults: () => ({ ...toyDerivation.defaults(), step: 1 }),
  check: (state: State) => toyDerivation.check(state) ?? (state.step > routeSteps(routeOf(state)).length ? 'step out of range' : null),
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit);
    const weights = weightsPart(kit);
    const choices = headParts(kit);
    const pooling = fieldChoice(kit, 'pool', m['cam.poolingLabel'], [
      { value: 'mean', label: m['cam.poolingMean'] },
      { value: 'sum', label: m['cam.poolingSum'] },
    ]);
    choices.element.append(pooling.element);
    const route = routePart(kit);
    const steps = stepper(kit);
    const table = channelTable(m);
    const cam = new Heatmap(m, { name: 'cam', title: h('span', {}, ...mathText(m['derivation.cam']), ' ', symbol('M', 'c')), label: m['derivation.cam'], scale: 'diverging' });
    const grad = new Heatmap(m, { name: 'gradcam', title: h('span', {}, ...mathText(m['derivation.gradcam']), ' ', symbol('L', undefined, 'c')), label: m['derivation.gradcam'], scale: 'sequential' });
    const diffTitle = h('span');
    const diff = new Heatmap(m, { name: 'diff', title: diffTitle, label: m['derivation.mapDiff'], scale: 'diverging' });
    // A link to a line past the first should land on the derivation itself, not on the controls above it.
    let scrollOnFirstRender = kit.fromLink && kit.state.step > 1;
    return {
      parts: [
        // On a slide the audience follows the lines; the parts marked off-slide stay on the lesson page.
        choices.element,
        h('p', { class: 'widget-hint off-slide' }, ...mathText(m['derivation.break'])),
        h('p', { class: 'widget-hint off-slide' }, ...mathText(m['derivation.poolingHint'])),
        h('details', { class: 'edit-details' }, h('summary', {}, ...mathText(m['derivation.edit'])), h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])), ...maps.parts),
        h('h4', { class: 'widget-heading off-slide' }, ...mathText(m['widget.weightsHeading'])),
        h('div', { class: 'off-slide' }, weights.element),
        h('h4', { class: 'widget-heading' }, ...mathText(m['derivation.heading'])),
        route.element,
        steps.needs,
        h('div', { class: 'off-slide' }, steps.nav),
        steps.element,
        h('h4', { class: 'widget-heading off-slide' }, ...mathText(m['derivation.tableHeading'])),
        h('div', { class: 'off-slide' }, table.element),
        h('h4', { class: 'widget-heading off-slide' }, ...mathText(m['derivation.mapsHeading'])),
        h('div', { class: 'map-row off-slide' }, cam.element, grad.element, diff.element),
      ],
      steps: steps.steps,
      render(d, state) {
        const n = derivationNumbers(toyInputs(state), d, routeOf(state));
        maps.show(state, d);
        weights.show(state, d);
        choices.show(state);
        pooling.show(state);
        route.show(state);
        steps.show(state, d, n);
        table.show(n, d.head === 'fc');
        setMathText(diffTitle, m[poolingOf(state) === 'sum' ? 'derivation.mapDiff.sum' : 'derivation.mapDiff']);
        diff.grid.label = m[poolingOf(state) === 'sum' ? 'derivation.mapDiff.sum' : 'derivation.mapDiff'];
        cam.show(d.M, d.H, d.W, kit.cmap());
        grad.show(d.gradCam, d.H, d.W, kit.cmap());
        diff.show(n.mapDiff, d.H, d.W, kit.cmap(), Math.max(...Array.from(d.gradCam), ...Array.from(n.camScaled)));
        if (scrollOnFirstRender) {
          scrollOnFirstRender = false;
          steps.nav.scrollIntoView({ block: 'start' });
        }
      },
    };
  },
});
