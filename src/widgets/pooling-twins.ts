/**
 * Lesson 3: the evidence for GAP over GMP from our own networks. shapes-gap and its twin shapes-gmp (the same
 * layers, seed, training images and schedule; global max pooling in place of average pooling) see the same test
 * image: each one's class activation map M_c = sum_k w_k^c A^k over the image, boxed as the CAM paper boxes
 * it (the largest part above a fraction of the map's max), and the IoU with the true box.
 */
import { format } from '../i18n/index.ts';
import { localizeUpsampled } from '../lib/localize-map.ts';
import type { GapNetwork } from '../model/gap-network.ts';
import { NUM_CLASSES, SIZE } from '../state/shapes-samples.ts';
import { thresholdPart, thresholdSchema } from './parts/threshold.ts';
import { defineWidget } from './kit/define.ts';
import { computerOf, loadNamedShapesNetwork, shapesParts, shapesSchema, ZOOM, type ShapesResult } from './parts/trained-shapes.ts';
import { LocalizationView } from './localization-view.ts';
import { choiceGroup } from './choice-group.ts';
import { formatNumber } from './format.ts';
import { h, setText } from './dom.ts';

/** The two networks, in the order the widget shows them. */
const TWINS = [
  { kind: 'gap', folder: 'shapes-gap', pooling: 'mean' },
  { kind: 'gmp', folder: 'shapes-gmp', pooling: 'max' },
] as const;
type Twin = (typeof TWINS)[number]['kind'];
type Twins = Record<Twin, GapNetwork>;


export default defineWidget({
  schema: { ...shapesSchema, ...thresholdSchema },
  async setup({ m, status }): Promise<Twins> {
    status(m['twins.loading']);
    const [gap, gmp] = await Promise.all(TWINS.map((twin) => loadNamedShapesNetwork(m, twin.folder, twin.pooling)));
    return { gap, gmp };
  },
  defaults: () => ({ set: 'one' as const, n: 1, t: 0.2 }),
  // One network after the other: both share the page's backend.
  compute: async (state, nets): Promise<Record<Twin, ShapesResult>> => ({ gap: await computerOf(nets.gap)(state), gmp: await computerOf(nets.gmp)(state) }),
  computeFrom: ['set', 'n', 'c'],
  build(kit) {
    const { m } = kit;
    const shapes = shapesParts(kit);
    const explain = choiceGroup<string>({
      legend: m['twins.explainLegend'],
      name: 'explain',
      choices: [{ value: 'own', label: m['twins.ownAnswer'] }, ...shapes.names.map((name, c) => ({ value: String(c), label: name }))],
      value: kit.state.c === undefined ? 'own' : String(kit.state.c),
      onChange: (value) => kit.set({ c: value === 'own' ? undefined : Number(value) }),
    });
    const threshold = thresholdPart(kit);

    const columns = TWINS.map(({ kind, folder }) => {
      const view = new LocalizationView(m, { zoom: ZOOM, mask: false, overlayCaption: m['twins.overlayCaption'], overlayAlt: m['shapes.overlayAlt'] });
      const answer = h('p', { class: 'formula-line', 'data-output': 'answer' });
      const element = h('section', { class: 'twin', 'data-network': kind }, h('h5', { class: 'widget-heading' }, m[`twins.${kind}Heading`], ' ', h('code', {}, folder)), answer, view.figures, view.result);
      return { kind, view, answer, element };
    });

    return {
      parts: [
        ...shapes.chooser(),
        shapes.truth,
        // On a slide the audience compares the two maps: the class choice stays on the lesson page.
        h('div', { class: 'off-slide' }, explain.element),
        threshold.element,
        h('div', { class: 'twins' }, ...columns.map((column) => column.element)),
      ],
      render(results, state) {
        shapes.show(results.gap, state);
        explain.set(state.c === undefined ? 'own' : String(state.c));
        threshold.show(state);
        for (const column of columns) {
          const { derived: d, sample, c } = results[column.kind];
          let best = 0;
          for (let k = 1; k < NUM_CLASSES; k++) if (d.p[k] > d.p[best]) best = k;
          setText(column.answer, format(m['twins.answer'], { name: shapes.names[best], p: formatNumber(Number(d.p[best].toFixed(3))), explained: shapes.names[c] }));
          const truth = sample.objects.find((o) => o.label === c)?.box ?? null;
          const found = localizeUpsampled(d.Mup!, SIZE, SIZE, state.t, truth);
          column.view.show(found, truth, { pixels: sample.image, channels: 3 }, kit.cmap(), state.t);
        }
      },
    };
  },
});
