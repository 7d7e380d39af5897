import { format } from '../i18n/index.ts';
import { headParameterCounts, toyFcParamsFor } from '../lib/fc-head.ts';
import { mapMean, shiftMaps } from '../lib/compare.ts';
import { toySchema } from '../state/toy-state.ts';
import { defineWidget } from './kit/define.ts';
import { className, mapsPart, toyDerivation, weightsPart } from './parts/toy-parts.ts';
import { Heatmap } from './heatmap.ts';
import { mathText, setMathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, symbol, setText } from './dom.ts';

const moves = [
  ['left', 0, -1, '←'],
  ['right', 0, 1, '→'],
  ['up', -1, 0, '↑'],
  ['down', 1, 0, '↓'],
] as const;

/**
 * Lesson 6: the same feature maps under two heads. The GAP head has a w_k^c per channel, so M_c exists;
 * the flatten + dense + dense head has a weight per position instead, so there is nothing to weigh the maps
 * with. Moving the maps leaves the GAP score alone and changes the FC score.
 */
export default defineWidget({
  schema: toySchema,
  ...toyDerivation,
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit);
    const weights = weightsPart(kit);
    const shift = h(
      'div',
      { class: 'shift-buttons', role: 'group', 'aria-label': m['limits.shift'] },
      h('span', {}, ...mathText(m['limits.shift'])),
      ...moves.map(([dir, di, dj, arrow]) => {
        const button = h('button', { type: 'button', class: 'widget-button', 'data-shift': dir, 'aria-label': m[`limits.shift.${dir}`] }, arrow);
        button.addEventListener('click', () => kit.set({ A: shiftMaps(kit.state.A, di, dj) }));
        return button;
      }),
    );
    const cam = new Heatmap(m, { name: 'cam', title: symbol('M', 'c'), label: m['limits.camLabel'], scale: 'diverging' });
    const gapScore = h('output', { 'data-output': 'S-gap' });
    const fcScore = h('output', { 'data-output': 'S-fc' });
    const gapParams = h('p', { 'data-output': 'params-gap' });
    const fcParams = h('p', { 'data-output': 'params-fc' });
    const flat = h('p', { 'data-output': 'flat' });
    const identity = h('p', { class: 'identity', 'data-output': 'identity' });
    const gapPanel = h(
      'section',
      { class: 'head-panel', 'data-head': 'gap' },
      h('h4', { class: 'widget-heading' }, ...mathText(m['explain.head.gap'])),
      h('p', {}, ...mathText(m['limits.score']), ' ', symbol('S', 'c'), ' = ', gapScore),
      gapParams,
      cam.element,
      identity,
    );
    const fcPanel = h(
      'section',
      { class: 'head-panel', 'data-head': 'fc' },
      h('h4', { class: 'widget-heading' }, ...mathText(m['explain.head.fc'])),
      h('p', {}, ...mathText(m['limits.score']), ' ', symbol('S', 'c'), ' = ', fcScore),
      fcParams,
      flat,
      h('p', { class: 'no-cam', 'data-output': 'no-cam' }, ...mathText(m['limits.noCam'])),
    );
    return {
      parts: [
        h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
        ...maps.parts,
        shift,
        h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
        weights.element,
        h('div', { class: 'head-panels' }, gapPanel, fcPanel),
      ],
      render(d, state) {
        maps.show(state, d);
        weights.show(state, d);
        const c = state.c;
        const counts = headParameterCounts(d.K, d.H, d.W, d.C, toyFcParamsFor(d.K, d.H, d.W, d.C).D);
        setText(gapParams, format(m['limits.params'], { n: counts.gap }));
        setText(fcParams, format(m['limits.params'], { n: counts.fc }));
        setText(flat, format(m['limits.flat'], { K: d.K, H: d.H, W: d.W, n: counts.flat }));
        setText(gapScore, formatNumber(d.Sgap[c]));
        setText(fcScore, formatNumber(d.Sfc[c]));
        cam.show(d.M, d.H, d.W, kit.cmap());
        setMathText(identity, format(m['limits.identity'], { c: c + 1, Z: d.Z, mean: formatNumber(mapMean(d.M)), b: formatNumber(state.b[c]), S: formatNumber(d.Sgap[c]) }));
        gapPanel.setAttribute('aria-label', className(kit, c));
      },
    };
  },
});
