import { format, type Locale } from '../i18n/index.ts';
import { mathText } from './math-text.ts';
import { headParameterCounts, toyFcParamsFor } from '../lib/fc-head.ts';
import { mapMean, shiftMaps } from '../lib/compare.ts';
import { seedExample } from '../state/seed-example.ts';
import { formatNumber } from '../state/parse-number.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { createToyFrame, className } from './toy-frame.ts';
import { Heatmap } from './heatmap.ts';
import { h, symbol } from './dom.ts';

/**
 * Lesson 6: the same feature maps under two heads. The GAP head has a w_k^c per channel, so M_c exists;
 * the flatten + dense + dense head has a weight per position instead, so there is nothing to weigh the maps
 * with. Moving the maps leaves the GAP score alone and changes the FC score.
 */
export function mountCamLimits(host: HTMLElement, locale: Locale): ToyStore {
  const frame = createToyFrame(host, locale, seedExample);
  const { m, store } = frame;
  const { A, w } = store.inputs;
  const [K, H, W, C] = [A.length, A[0].length, A[0][0].length, w.length];
  const counts = headParameterCounts(K, H, W, C, toyFcParamsFor(K, H, W, C).D);

  const moves = h(
    'div',
    { class: 'shift-buttons', role: 'group', 'aria-label': m['limits.shift'] },
    h('span', {}, ...mathText(m['limits.shift'])),
    ...(
      [
        ['left', 0, -1, '←'],
        ['right', 0, 1, '→'],
        ['up', -1, 0, '↑'],
        ['down', 1, 0, '↓'],
      ] as const
    ).map(([dir, di, dj, arrow]) => {
      const button = h('button', { type: 'button', class: 'widget-button', 'data-shift': dir, 'aria-label': m[`limits.shift.${dir}`] }, arrow);
      button.addEventListener('click', () => {
        const moved = shiftMaps(store.inputs.A, di, dj);
        frame.editor.setValues(moved);
        void store.update((s) => void (s.A = moved));
      });
      return button;
    }),
  );

  const cam = new Heatmap({ name: 'cam', title: symbol('M', 'c'), label: m['limits.camLabel'], scale: 'diverging' });
  const gapScore = h('output', { 'data-output': 'S-gap' });
  const fcScore = h('output', { 'data-output': 'S-fc' });
  const identity = h('p', { class: 'identity', 'data-output': 'identity' });
  const gapPanel = h(
    'section',
    { class: 'head-panel', 'data-head': 'gap' },
    h('h4', { class: 'widget-heading' }, ...mathText(m['explain.head.gap'])),
    h('p', {}, ...mathText(m['limits.score']), ' ', symbol('S', 'c'), ' = ', gapScore),
    h('p', { 'data-output': 'params-gap' }, format(m['limits.params'], { n: counts.gap })),
    cam.element,
    identity,
  );
  const fcPanel = h(
    'section',
    { class: 'head-panel', 'data-head': 'fc' },
    h('h4', { class: 'widget-heading' }, ...mathText(m['explain.head.fc'])),
    h('p', {}, ...mathText(m['limits.score']), ' ', symbol('S', 'c'), ' = ', fcScore),
    h('p', { 'data-output': 'params-fc' }, format(m['limits.params'], { n: counts.fc })),
    h('p', { 'data-output': 'flat' }, format(m['limits.flat'], { K, H, W, n: counts.flat })),
    h('p', { class: 'no-cam', 'data-output': 'no-cam' }, ...mathText(m['limits.noCam'])),
  );

  host.replaceChildren(
    frame.bar,
    frame.problems.element,
    h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
    frame.editor.element,
    h('p', { class: 'widget-hint' }, ...mathText(m['widget.keys'])),
    moves,
    h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
    frame.weights.element,
    h('div', { class: 'head-panels' }, gapPanel, fcPanel),
  );

  store.subscribe((state) => {
    const { derived, inputs } = state;
    const c = inputs.c;
    gapScore.textContent = formatNumber(derived.Sgap[c]);
    fcScore.textContent = formatNumber(derived.Sfc[c]);
    cam.show(derived.M, derived.H, derived.W);
    identity.replaceChildren(...mathText(format(m['limits.identity'], { c: c + 1, Z: derived.Z, mean: formatNumber(mapMean(derived.M)), b: formatNumber(inputs.b[c]), S: formatNumber(derived.Sgap[c]) })));
    gapPanel.setAttribute('aria-label', className(m, c));
    frame.rendered(state);
  });
  void store.refresh();
  return store;
}
