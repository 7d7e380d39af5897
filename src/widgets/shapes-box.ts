import { format } from '../i18n/index.ts';
import { localizeUpsampled } from '../lib/localize-map.ts';
import { SIZE } from '../state/shapes-samples.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget } from './kit/define.ts';
import { loadShapesNetwork, shapesComputer, shapesParts, shapesSchema, ZOOM } from './parts/trained-shapes.ts';
import { LocalizationView } from './localization-view.ts';
import { h, setText } from './dom.ts';

const thresholdSchema = { t: { kind: 'number', min: 0, max: 1 } } as const satisfies Schema;

/** One computer (with its cache of the last image's maps) per loaded network. */
const computers = new WeakMap<object, ReturnType<typeof shapesComputer>>();

/**
 * Lesson 5: the trained network's map turned into a box as the CAM paper does: the map upsampled onto the
 * test image, the threshold at a fraction of its max, the largest connected part, its box, and IoU with the
 * image's true box. Moving the threshold recomputes nothing: the upsampled map came with the derive.
 */
export default defineWidget({
  schema: { ...shapesSchema, ...thresholdSchema },
  setup: loadShapesNetwork,
  defaults: () => ({ set: 'one' as const, n: 1, t: 0.2 }),
  compute: (state, network) => (computers.get(network) ?? computers.set(network, shapesComputer(network)).get(network)!)(state),
  computeFrom: ['set', 'n', 'c'],
  build(kit) {
    const { m } = kit;
    const shapes = shapesParts(kit);
    const view = new LocalizationView(m, { zoom: ZOOM, overlayCaption: m['shapes.overlayCaption'], overlayAlt: m['shapes.overlayAlt'] });
    const slider = h('input', { type: 'range', min: 0, max: 1, step: 0.01, value: kit.state.t, 'data-threshold': true, 'aria-label': m['cam.thresholdLabel'] });
    const sliderOut = h('output', { 'data-output': 'threshold' });
    slider.addEventListener('input', () => kit.set({ t: Number(slider.value) }));
    const noTruth = h('p', { class: 'widget-notice', 'data-output': 'no-truth', hidden: true });
    return {
      parts: [
        h('h4', { class: 'widget-heading' }, m['shapes.imageHeading']),
        shapes.picker,
        h('div', { class: 'panel-row' }, shapes.image),
        shapes.truth,
        shapes.bodyLine,
        h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
        shapes.bars.element,
        shapes.bars.verdict,
        h('h4', { class: 'widget-heading' }, m['cam.localizeHeading']),
        h('p', { class: 'editor-controls' }, h('label', {}, m['cam.thresholdLabel'], ' ', slider), ' ', sliderOut),
        noTruth,
        view.figures,
        view.result,
      ],
      render(result, state) {
        shapes.show(result, state);
        const { derived: d, sample, c } = result;
        const truth = sample.objects.find((o) => o.label === c)?.box ?? null;
        const found = localizeUpsampled(d.Mup!, SIZE, SIZE, state.t, truth);
        slider.value = String(state.t);
        setText(sliderOut, format(m['cam.thresholdValue'], { percent: Math.round(state.t * 100) }));
        noTruth.hidden = truth !== null;
        setText(noTruth, truth ? '' : format(m['shapes.noTruth'], { name: shapes.names[c] }));
        view.show(found, truth, { pixels: sample.image, channels: 3 }, kit.cmap(), state.t);
      },
    };
  },
});
