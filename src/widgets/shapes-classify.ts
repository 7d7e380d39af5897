import { format } from '../i18n/index.ts';
import { camIdentity } from '../lib/cam-identity.ts';
import { SIZE } from '../state/shapes-samples.ts';
import { defineWidget } from './kit/define.ts';
import { computerOf, loadShapesNetwork, shapesParts, shapesSchema, ZOOM } from './parts/trained-shapes.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { drawOverlay, HeatGrid } from './heatmap.ts';
import { formatNumber } from './format.ts';
import { h, symbol } from './dom.ts';

/**
 * Lesson 1: the trained network shapes-gap on test images drawn in the page: its scores, and the CAM of
 * any class over the image, with the raw 16 x 16 map and the identity between the map and the score.
 */
export default defineWidget({
  schema: shapesSchema,
  setup: loadShapesNetwork,
  defaults: () => ({ set: 'one' as const, n: 2 }),
  compute: (state, network) => computerOf(network)(state),
  computeFrom: ['set', 'n', 'c'],
  build(kit) {
    const { m } = kit;
    const [H, W, K] = kit.context.featureShape;
    const shapes = shapesParts(kit);
    const camCanvas = h('canvas', { class: 'overlay-canvas pixel-canvas shapes-canvas', role: 'img', 'data-canvas': 'cam' });
    const camCaption = h('figcaption');
    const camLegend = new Legend(m);
    const raw = new HeatGrid({ label: '', output: 'M' });
    const rawLegend = new Legend(m);
    const identity = h('div', { class: 'cam-identity', 'aria-live': 'polite' });
    return {
      parts: [
        ...shapes.chooser(h('figure', {}, camCaption, camCanvas, camLegend.element)),
        shapes.truth,
        shapes.bodyLine,
        h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
        shapes.bars.element,
        shapes.bars.verdict,
        h('h4', { class: 'widget-heading' }, format(m['shapes.rawHeading'], { H, W, K })),
        h('div', { class: 'panel-row' }, h('figure', { class: 'cam-map' }, raw.table)),
        rawLegend.element,
        h('h4', { class: 'widget-heading' }, m['cam.identityHeading']),
        identity,
      ],
      render(result, state) {
        shapes.show(result, state);
        const { derived: d, sample, c } = result;
        const name = shapes.names[c];
        const [upMin, upMax] = extent(d.Mup!);
        const upScale = colourScale(kit.cmap(), upMin, upMax);
        camLegend.show(upScale);
        camCaption.replaceChildren(format(m['toy.camCaption'], { name }), ' (', symbol('M', c + 1), ')');
        drawOverlay(camCanvas, SIZE, SIZE, sample.image, d.Mup!, upScale, 0.6, { channels: 3, zoom: ZOOM });
        camCanvas.setAttribute('aria-label', format(m['shapes.camAlt'], { name, max: formatNumber(upMax) }));

        const [min, max] = extent(d.M);
        const scale = colourScale(kit.cmap(), min, max);
        rawLegend.show(scale);
        raw.label = format(m['cam.mapLabel'], { c: c + 1 });
        raw.show(d.M, d.H, d.W, scale);
        const b = kit.context.b[c];
        const id = camIdentity(d.M, 'mean', b, d.S[c]);
        identity.replaceChildren(
          h('p', { class: 'formula-line' }, '∑', h('sub', {}, 'x,y'), ' ', symbol('M', c + 1), '(x, y) = ', h('output', { 'data-output': 'sumM' }, formatNumber(id.sumM))),
          h(
            'p',
            { class: 'formula-line' },
            symbol('S', c + 1), ' = ', h('span', { class: 'frac' }, '1/', h('var', {}, 'Z')), ' ∑ ', symbol('M', c + 1), ' + ', symbol('b', c + 1),
            ` = ${formatNumber(id.sumM)} / ${d.Z} ${b < 0 ? '−' : '+'} ${formatNumber(Math.abs(b))} = `,
            h('output', { 'data-output': 'S-predicted' }, formatNumber(id.predicted)),
          ),
          h('p', { class: `formula-line ${id.holds ? 'check-ok' : 'check-bad'}`, 'data-output': 'identity' }, format(id.holds ? m['cam.identityHolds'] : m['cam.identityFails'], { S: formatNumber(d.S[c]) })),
        );
      },
    };
  },
});

