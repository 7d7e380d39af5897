import { format } from '../i18n/index.ts';
import { localizeUpsampled } from '../lib/localize-map.ts';
import { SIZE } from '../state/shapes-samples.ts';
import { thresholdPart, thresholdSchema } from './parts/threshold.ts';
import { defineWidget } from './kit/define.ts';
import { computerOf, loadShapesNetwork, shapesParts, shapesSchema, ZOOM } from './parts/trained-shapes.ts';
import { LocalizationView } from './localization-view.ts';
import { h, setText } from './dom.ts';


/**
 * Lesson 5: the trained network's map turned into a box as the CAM paper does: the map upsampled onto the
 * test image, the threshold at a fraction of its max, the largest connected part, its box, and IoU with the
 * image's true box. Moving the threshold recomputes nothing: the upsampled map came with the derive.
 */
export default defineWidget({
  schema: { ...shapesSchema, ...thresholdSchema },
  setup: loadShapesNetwork,
  defaults: () => ({ set: 'one' as const, n: 1, t: 0.2 }),
  compute: (state, network) => computerOf(network)(state),
  computeFrom: ['set', 'n', 'c'],
  build(kit) {
    const { m } = kit;
    const shapes = shapesParts(kit);
    const view = new LocalizationView(m, { zoom: ZOOM, overlayCaption: m['shapes.overlayCaption'], overlayAlt: m['shapes.overlayAlt'] });
    const threshold = thresholdPart(kit);
    const noTruth = h('p', { class: 'widget-notice', 'data-output': 'no-truth', hidden: true });
    return {
      parts: [
        ...shapes.chooser(),
        shapes.truth,
        shapes.bodyLine,
        h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
        shapes.bars.element,
        shapes.bars.verdict,
        h('h4', { class: 'widget-heading' }, m['cam.localizeHeading']),
        threshold.element,
        noTruth,
        view.figures,
        view.result,
      ],
      render(result, state) {
        shapes.show(result, state);
        const { derived: d, sample, c } = result;
        const truth = sample.objects.find((o) => o.label === c)?.box ?? null;
        const found = localizeUpsampled(d.Mup!, SIZE, SIZE, state.t, truth);
        threshold.show(state);
        noTruth.hidden = truth !== null;
        setText(noTruth, truth ? '' : format(m['shapes.noTruth'], { name: shapes.names[c] }));
        view.show(found, truth, { pixels: sample.image, channels: 3 }, kit.cmap(), state.t);
      },
    };
  },
});
