/**
 * The trained network models/shapes-gap in the page, for the widgets of lessons 1 and 5: loading it, the
 * state (which test image, which class), the computation (the image through the network's body once, then
 * the page's one derive() of the scores and M_c from the 64 maps and the head's w and b, exactly as for the
 * toy maps) and the parts both widgets show: the image picker, the image, and the class scores.
 */
import { format, type MessageKey, type Messages } from '../../i18n/index.ts';
import { derive, type Derived } from '../../lib/derive.ts';
import { loadGapNetwork, type GapNetwork } from '../../model/gap-network.ts';
import { CLASS_NAMES, DEFAULT_TWO_INDEX, NUM_CLASSES, SAMPLE_COUNT, SIZE, nextOfClass, sampleSets, shapesSample, stepIndex, type SampleSet } from '../../state/shapes-samples.ts';
import type { Sample } from '../../shapes/dataset.ts';
import type { Schema, StateOf } from '../../state/url-state.ts';
import type { Kit } from '../kit/define.ts';
import { ClassBars } from '../class-bars.ts';
import { drawOverlay } from '../heatmap.ts';
import { formatNumber } from '../format.ts';
import { h, setText } from '../dom.ts';

/** Canvas pixels per image pixel: a 64 x 64 image is drawn 256 x 256. */
export const ZOOM = 4;

/** Which test image, and the class explained: none means the network's own answer. */
export const shapesSchema = {
  set: { kind: 'enum', values: sampleSets },
  n: { kind: 'int', min: 0, max: SAMPLE_COUNT - 1 },
  c: { kind: 'int', min: 0, max: NUM_CLASSES - 1, optional: true },
} as const satisfies Schema;

export type ShapesState = StateOf<typeof shapesSchema>;

/** A trained network served with the site (see src/site/trained-models.ts): shapes-gap unless named. */
export function shapesModelUrl(folder = 'shapes-gap'): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}models/${folder}/model.json`;
}

type Loading = { m: Messages; status(text: string): void };

export function loadShapesNetwork({ m, status }: Loading): Promise<GapNetwork> {
  status(m['shapes.loading']);
  return loadNamedShapesNetwork(m, 'shapes-gap', 'mean');
}

/** A shapes network with a global-pooling head, checked to take the test images; a failure says why in one line. */
export async function loadNamedShapesNetwork(m: Messages, folder: string, pooling: 'mean' | 'max'): Promise<GapNetwork> {
  try {
    const network = await loadGapNetwork(shapesModelUrl(folder), NUM_CLASSES, pooling);
    if (network.size !== SIZE) throw new Error(format(m['shapes.wrongSize'], { size: network.size }));
    return network;
  } catch (error) {
    throw new Error(format(m['shapes.loadFailed'], { reason: error instanceof Error ? error.message : String(error) }));
  }
}

export interface ShapesResult {
  sample: Sample;
  derived: Derived;
  /** The class explained: the state's, or the network's answer. */
  c: number;
  /** How long the network's body took on this image (0 when the maps were already known). */
  bodyMs: number;
}

/** The largest score's class, from the maps: S_c = b_c + sum_k w_k^c F^k, F^k the mean (GAP) or the max (GMP) of A^k. */
function predicted(A: number[][][], w: number[][], b: number[], pooling: 'mean' | 'max'): number {
  const F = A.map((map) => {
    let sum = 0;
    let max = -Infinity;
    for (const row of map) for (const v of row) {
      sum += v;
      if (v > max) max = v;
    }
    return pooling === 'max' ? max : sum / (map.length * map[0].length);
  });
  let best = 0;
  let bestScore = -Infinity;
  w.forEach((row, c) => {
    const score = row.reduce((s, wk, k) => s + wk * F[k], b[c]);
    if (score > bestScore) [best, bestScore] = [c, score];
  });
  return best;
}

/**
 * The computation of a state. The maps of the last image are kept: a class pick re-derives from them
 * without running the network's body again (and shares them, never copies them).
 */
export function shapesComputer(network: GapNetwork) {
  let cached: { key: string; sample: Sample; A: number[][][] } | null = null;
  return async (state: ShapesState): Promise<ShapesResult> => {
    const key = `${state.set}:${state.n}`;
    let bodyMs = 0;
    if (cached?.key !== key) {
      const sample = shapesSample(state.set, state.n);
      const started = performance.now();
      const A = await network.features(sample.image);
      bodyMs = performance.now() - started;
      cached = { key, sample, A };
    }
    const { sample, A } = cached;
    const c = state.c ?? predicted(A, network.w, network.b, network.pooling);
    const derived = await derive({ A, w: network.w, b: network.b, c, pooling: network.pooling, compareHeads: false, upsample: { width: SIZE, height: SIZE } });
    return { sample, derived, c, bodyMs };
  };
}

/** One computer (with its cache of the last image's maps) per loaded network, shared by the widgets that show it. */
const computers = new WeakMap<GapNetwork, ReturnType<typeof shapesComputer>>();
export const computerOf = (network: GapNetwork) => computers.get(network) ?? computers.set(network, shapesComputer(network)).get(network)!;

/** What the shared parts draw of a result: the image, the scores, the class explained (the Grad-CAM widgets pass theirs too). */
export interface ShapesView {
  sample: Sample;
  c: number;
  bodyMs: number;
  derived: Pick<Derived, 'S' | 'p' | 'H' | 'W' | 'K'>;
}

export const classNames = (m: Messages) => CLASS_NAMES.map((name) => m[`shapes.class.${name}` as MessageKey]);

/** The image picker, the image with its caption and contents, the network's scores and the class picker. */
export function shapesParts<S extends ShapesState>(kit: Kit<S, unknown>) {
  const { m } = kit;
  const names = classNames(m);
  const show = (set: SampleSet, n: number) => kit.set({ set, n, c: undefined } as Partial<S>);
  const action = (name: string, label: string, run: () => void) => {
    const b = h('button', { type: 'button', class: 'widget-button', 'data-action': name }, label);
    b.addEventListener('click', run);
    return b;
  };
  const picker = h(
    'p',
    { class: 'editor-controls' },
    ...CLASS_NAMES.map((name, c) => action(`image-${name}`, names[c], () => show('one', kit.state.set === 'one' ? nextOfClass(c, kit.state.n) : c))),
    action('image-two', m['shapes.twoShapes'], () => show('two', kit.state.set === 'two' ? stepIndex(kit.state.n, 1) : DEFAULT_TWO_INDEX)),
    action('previous', m['shapes.previous'], () => show(kit.state.set, stepIndex(kit.state.n, -1))),
    action('next', m['shapes.next'], () => show(kit.state.set, stepIndex(kit.state.n, 1))),
  );
  const canvas = h('canvas', { class: 'overlay-canvas pixel-canvas shapes-canvas', role: 'img', 'data-canvas': 'image' });
  const caption = h('figcaption', { 'data-output': 'image-caption' });
  const truth = h('p', { class: 'formula-line', 'data-output': 'truth' });
  // A timing differs from run to run: it is no part of the state a link restores.
  const bodyLine = h('p', { class: 'widget-hint', 'data-output': 'body-time', 'data-transient': true });
  const bars = new ClassBars(m, names, `${kit.host.localName}-class`, (c) => kit.set({ c } as Partial<S>));
  let drawn: Sample | null = null;
  const image = h('figure', {}, caption, canvas);
  return {
    names,
    picker,
    /** The heading, the picker and the image, with what a widget sets beside the image (its map). */
    chooser: (...beside: Node[]) => [h('h4', { class: 'widget-heading' }, m['shapes.imageHeading']), picker, h('div', { class: 'panel-row' }, image, ...beside)],
    truth,
    bodyLine,
    bars,
    show(result: ShapesView, state: S): void {
      const { sample, derived } = result;
      if (drawn !== sample) {
        drawn = sample;
        drawOverlay(canvas, SIZE, SIZE, sample.image, null, null, 0, { channels: 3, zoom: ZOOM });
        const held = sample.objects.map((o) => names[o.label]);
        setText(caption, format(m['shapes.imageCaption'], { n: state.n, set: state.set === 'one' ? m['shapes.setOne'] : m['shapes.setTwo'] }));
        canvas.setAttribute('aria-label', format(m['shapes.imageAlt'], { shapes: held.join(', ') }));
        setText(truth, format(m['shapes.truth'], { shapes: held.join(m['shapes.and']) }));
      }
      if (result.bodyMs > 0) setText(bodyLine, format(m['shapes.bodyTime'], { ms: formatNumber(Number(result.bodyMs.toFixed(1))), H: derived.H, W: derived.W, K: derived.K }));
      bars.show(derived.S, derived.p, result.c);
    },
  };
}
