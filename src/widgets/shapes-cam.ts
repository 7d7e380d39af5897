import { format, messages as messagesFor, type Locale, type MessageKey } from '../i18n/index.ts';
import { ToyStore, type DerivedState } from '../state/toy-store.ts';
import { currentBackend } from '../state/backend.ts';
import { formatNumber } from '../state/parse-number.ts';
import { encodeState, stateFromUrl, urlWriter, type Schema } from '../state/url-state.ts';
import { colourMaps, type ColourMapName } from '../state/toy-url.ts';
import { CLASS_NAMES, NUM_CLASSES, SAMPLE_COUNT, SIZE, nextOfClass, sampleSets, shapesSample, stepIndex, type SampleSet } from '../state/shapes-samples.ts';
import { camIdentity } from '../lib/cam-identity.ts';
import { localizeUpsampled } from '../lib/localize-map.ts';
import type { Box } from '../lib/localize.ts';
import { loadGapNetwork, type GapNetwork } from '../model/gap-network.ts';
import type { Sample } from '../shapes/dataset.ts';
import { Problems } from './number-input.ts';
import { BackendSwitch } from './backend-switch.ts';
import { ClassBars } from './class-bars.ts';
import { colourMapSelect, colourScale, extent, Legend } from './colormap.ts';
import { drawOverlay, heatGrid, updateHeatGrid } from './heatmap.ts';
import { LocalizationView } from './localization-view.ts';
import { announceRendered, linkNotice } from './toy-common.ts';
import { h, symbol } from './dom.ts';

export const SHAPES_CAM_TAG = 'cam-shapes';
export const SHAPES_BOX_TAG = 'cam-shapes-box';

/** 'classify': the scores and the CAM of any class (lesson 1); 'localize': the map turned into a box (lesson 5). */
export type ShapesMode = 'classify' | 'localize';

/** Canvas pixels per image pixel: a 64 x 64 image is drawn 256 x 256. */
const ZOOM = 4;

const schema = {
  set: { kind: 'enum', values: sampleSets },
  n: { kind: 'int', min: 0, max: SAMPLE_COUNT - 1 },
  c: { kind: 'int', min: 0, max: NUM_CLASSES - 1, optional: true },
  t: { kind: 'number', min: 0, max: 1, optional: true },
  cmap: { kind: 'enum', values: colourMaps, optional: true },
} as const satisfies Schema;

/** The trained CAM network, served with the site (see src/site/trained-models.ts). */
export function shapesModelUrl(): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}models/shapes-gap/model.json`;
}

/** The first images shown: a clear example of each mode (image n of the clean test set). */
const DEFAULT_INDEX: Record<ShapesMode, number> = { classify: 2, localize: 1 };
/** The first two-shape image: a triangle and a square, the network's top two classes, each map on its own shape. */
export const DEFAULT_TWO_INDEX = 14;

const classKey = (c: number) => `shapes.class.${CLASS_NAMES[c]}` as MessageKey;

/**
 * The trained network models/shapes-gap on test images drawn in the page: the image goes through the
 * network's body once (image -> A, 16 x 16 x 64); the page's one derive() then computes the scores and
 * M_c from A and the head's w and b, exactly as for the toy maps, so picking a class or a threshold
 * recomputes only the small part.
 */
export async function mountShapesCam(host: HTMLElement, locale: Locale, mode: ShapesMode): Promise<ToyStore> {
  const m = messagesFor(locale);
  const key = mode === 'classify' ? SHAPES_CAM_TAG : SHAPES_BOX_TAG;
  const status = host.querySelector('[data-widget-status]');
  if (status) status.textContent = m['shapes.loading'];
  let network: GapNetwork;
  try {
    network = await loadGapNetwork(shapesModelUrl(), NUM_CLASSES);
    if (network.size !== SIZE) throw new Error(format(m['shapes.wrongSize'], { size: network.size }));
  } catch (error) {
    throw new Error(format(m['shapes.loadFailed'], { reason: error instanceof Error ? error.message : String(error) }));
  }

  const fromUrl = stateFromUrl(location.search, key, schema);
  const linked = fromUrl.status === 'ok' ? fromUrl.values : null;
  let set: SampleSet = (linked?.set as SampleSet | undefined) ?? 'one';
  let index = (linked?.n as number | undefined) ?? DEFAULT_INDEX[mode];
  let threshold = (linked?.t as number | undefined) ?? 0.2;
  let cmap: ColourMapName = linked?.cmap === 'jet' ? 'jet' : 'viridis';
  let dirty = linked !== null;
  // After a new image the explained class becomes the network's answer, unless a link chose the class.
  let followPrediction = typeof linked?.c !== 'number';
  let sample: Sample = shapesSample(set, index);
  const write = urlWriter(key);
  const problems = new Problems();
  const names = CLASS_NAMES.map((_, c) => m[classKey(c)]);

  let bodyMs = 0;
  const features = async (image: Float32Array) => {
    const started = performance.now();
    const A = await network.features(image);
    bodyMs = performance.now() - started;
    return A;
  };
  const store = new ToyStore({ A: await features(sample.image), w: network.w, b: network.b, c: (linked?.c as number | undefined) ?? 0, pooling: 'mean', compareHeads: false, upsample: { width: SIZE, height: SIZE }, view: { set, n: index } });
  store.onError((error) => problems.set('derive', error.message));

  let imageToken = 0;
  const showImage = async (nextSet: SampleSet, nextIndex: number) => {
    const mine = ++imageToken;
    set = nextSet;
    index = nextIndex;
    dirty = true;
    sample = shapesSample(set, index);
    drawImage();
    const A = await features(sample.image);
    if (mine !== imageToken) return;
    followPrediction = true;
    await store.assign({ A, view: { set, n: index } });
  };

  // The image picker: a shape of each class, two shapes, and stepping through the test set.
  const action = (name: string, label: string, run: () => void) => {
    const b = h('button', { type: 'button', class: 'widget-button', 'data-action': name }, label);
    b.addEventListener('click', run);
    return b;
  };
  const picker = h(
    'p',
    { class: 'editor-controls' },
    ...CLASS_NAMES.map((name, c) => action(`image-${name}`, names[c], () => void showImage('one', set === 'one' ? nextOfClass(c, index) : c))),
    action('image-two', m['shapes.twoShapes'], () => void showImage('two', set === 'two' ? stepIndex(index, 1) : DEFAULT_TWO_INDEX)),
    action('previous', m['shapes.previous'], () => void showImage(set, stepIndex(index, -1))),
    action('next', m['shapes.next'], () => void showImage(set, stepIndex(index, 1))),
  );
  const imageCanvas = h('canvas', { class: 'overlay-canvas pixel-canvas shapes-canvas', role: 'img', 'data-canvas': 'image' });
  const imageCaption = h('figcaption', { 'data-output': 'image-caption' });
  const truthLine = h('p', { class: 'formula-line', 'data-output': 'truth' });
  const bodyLine = h('p', { class: 'widget-hint', 'data-output': 'body-time' });

  const classBars = new ClassBars(m, names, `${key}-class`, (c) => {
    dirty = true;
    followPrediction = false;
    void store.assign({ c });
  });
  const cmapSelect = colourMapSelect(m, cmap, (name) => {
    cmap = name;
    dirty = true;
    void store.refresh();
  });
  const backend = new BackendSwitch(m, currentBackend(), () => void store.refresh(), (msg) => problems.set('backend', msg));

  // classify: the map over the image, the raw 16 x 16 map and the identity with the score.
  const camCanvas = h('canvas', { class: 'overlay-canvas pixel-canvas shapes-canvas', role: 'img', 'data-canvas': 'cam' });
  const camCaption = h('figcaption');
  const camLegend = new Legend(m);
  const rawPanel = h('figure', { class: 'cam-map' });
  const rawLegend = new Legend(m);
  const identity = h('div', { class: 'cam-identity', 'aria-live': 'polite' });

  // localize: the threshold and the CAM paper's box.
  const view = new LocalizationView(m, { zoom: ZOOM, overlayCaption: m['shapes.overlayCaption'], overlayAlt: m['shapes.overlayAlt'] });
  const slider = h('input', { type: 'range', min: 0, max: 1, step: 0.01, value: threshold, 'data-threshold': true, 'aria-label': m['cam.thresholdLabel'] });
  const sliderOut = h('output', { 'data-output': 'threshold' });
  slider.addEventListener('input', () => {
    threshold = Number(slider.value);
    dirty = true;
    if (store.last) render(store.last);
  });
  const noTruth = h('p', { class: 'widget-notice', 'data-output': 'no-truth', hidden: true });

  const imageFigure = h('figure', {}, imageCaption, imageCanvas);
  const parts: (Node | string)[] = [
    h('div', { class: 'widget-bar' }, cmapSelect.element, backend.element),
    linkNotice(m, fromUrl),
    problems.element,
    h('h4', { class: 'widget-heading' }, m['shapes.imageHeading']),
    picker,
  ];
  if (mode === 'classify') {
    parts.push(
      h('div', { class: 'panel-row' }, imageFigure, h('figure', {}, camCaption, camCanvas, camLegend.element)),
      truthLine,
      bodyLine,
      h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
      classBars.element,
      classBars.verdict,
      h('h4', { class: 'widget-heading' }, format(m['shapes.rawHeading'], { H: network.featureShape[0], W: network.featureShape[1], K: network.featureShape[2] })),
      h('div', { class: 'panel-row' }, rawPanel),
      rawLegend.element,
      h('h4', { class: 'widget-heading' }, m['cam.identityHeading']),
      identity,
    );
  } else {
    parts.push(
      h('div', { class: 'panel-row' }, imageFigure),
      truthLine,
      bodyLine,
      h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
      classBars.element,
      classBars.verdict,
      h('h4', { class: 'widget-heading' }, m['cam.localizeHeading']),
      h('p', { class: 'editor-controls' }, h('label', {}, m['cam.thresholdLabel'], ' ', slider), ' ', sliderOut),
      noTruth,
      view.figures,
      view.result,
    );
  }
  host.replaceChildren(...parts);

  function drawImage(): void {
    drawOverlay(imageCanvas, SIZE, SIZE, sample.image, null, null, 0, { channels: 3, zoom: ZOOM });
    const held = sample.objects.map((o) => names[o.label]);
    const setName = set === 'one' ? m['shapes.setOne'] : m['shapes.setTwo'];
    imageCaption.textContent = format(m['shapes.imageCaption'], { n: index, set: setName });
    imageCanvas.setAttribute('aria-label', format(m['shapes.imageAlt'], { shapes: held.join(', ') }));
    truthLine.textContent = format(m['shapes.truth'], { shapes: held.join(m['shapes.and']) });
  }

  /** The true box of class c in this image, if the image holds one. */
  const truthOf = (c: number): Box | null => sample.objects.find((o) => o.label === c)?.box ?? null;

  function render(state: DerivedState): void {
    const { inputs, derived } = state;
    const c = inputs.c;
    const truth = truthOf(c);
    const found = localizeUpsampled(derived.Mup!, SIZE, SIZE, threshold, truth);
    backend.show(state.backend, state.ms);
    classBars.show(derived.S, derived.p, c);
    bodyLine.textContent = format(m['shapes.bodyTime'], { ms: formatNumber(Number(bodyMs.toFixed(1))), H: derived.H, W: derived.W, K: derived.K });
    if (mode === 'classify') {
      const [min, max] = extent(found.up);
      const scale = colourScale(cmap, min, max);
      camLegend.show(scale);
      camCaption.replaceChildren(format(m['toy.camCaption'], { name: names[c] }), ' (', symbol('M', c + 1), ')');
      drawOverlay(camCanvas, SIZE, SIZE, sample.image, found.up, scale, 0.6, { channels: 3, zoom: ZOOM });
      camCanvas.setAttribute('aria-label', format(m['shapes.camAlt'], { name: names[c], max: formatNumber(max) }));
      drawRaw(state);
    } else {
      slider.value = String(threshold);
      sliderOut.textContent = format(m['cam.thresholdValue'], { percent: Math.round(threshold * 100) });
      noTruth.hidden = truth !== null;
      noTruth.textContent = truth ? '' : format(m['shapes.noTruth'], { name: names[c] });
      view.show(found, truth, { pixels: sample.image, channels: 3 }, cmap, threshold);
    }
    if (dirty) write(encodeState(schema, { set, n: index, c, t: threshold, cmap }));
    announceRendered(host, state);
  }

  function drawRaw({ inputs, derived }: DerivedState): void {
    const c = inputs.c;
    const [min, max] = extent(derived.M);
    const scale = colourScale(cmap, min, max);
    rawLegend.show(scale);
    const label = format(m['cam.mapLabel'], { c: c + 1 });
    const grid = rawPanel.querySelector('table');
    if (!grid || !updateHeatGrid(grid, derived.M, scale)) rawPanel.replaceChildren(heatGrid(derived.M, derived.H, derived.W, scale, { label, output: 'M' }));
    rawPanel.querySelector('table')?.setAttribute('aria-label', label);
    const id = camIdentity(derived.M, 'mean', inputs.b[c], derived.S[c]);
    identity.replaceChildren(
      h('p', { class: 'formula-line' }, '∑', h('sub', {}, 'x,y'), ' ', symbol('M', c + 1), '(x, y) = ', h('output', { 'data-output': 'sumM' }, formatNumber(id.sumM))),
      h(
        'p',
        { class: 'formula-line' },
        symbol('S', c + 1), ' = ', h('span', { class: 'frac' }, '1/', h('var', {}, 'Z')), ' ∑ ', symbol('M', c + 1), ' + ', symbol('b', c + 1),
        ` = ${formatNumber(id.sumM)} / ${derived.Z} ${inputs.b[c] < 0 ? '−' : '+'} ${formatNumber(Math.abs(inputs.b[c]))} = `,
        h('output', { 'data-output': 'S-predicted' }, formatNumber(id.predicted)),
      ),
      h('p', { class: `formula-line ${id.holds ? 'check-ok' : 'check-bad'}`, 'data-output': 'identity' }, format(id.holds ? m['cam.identityHolds'] : m['cam.identityFails'], { S: formatNumber(derived.S[c]) })),
    );
  }

  store.subscribe((state) => {
    const { inputs, derived } = state;
    // A state replaced from outside (the presenter's other window) brings its image with it.
    const shown = inputs.view;
    if (shown && (shown.set !== set || shown.n !== index) && sampleSets.includes(shown.set as SampleSet) && Number.isInteger(shown.n)) {
      set = shown.set as SampleSet;
      index = shown.n as number;
      sample = shapesSample(set, index);
      drawImage();
    }
    if (followPrediction) {
      followPrediction = false;
      let best = 0;
      for (let k = 1; k < derived.C; k++) if (derived.S[k] > derived.S[best]) best = k;
      if (best !== inputs.c) {
        void store.assign({ c: best });
        return;
      }
    }
    render(state);
  });
  drawImage();
  await store.refresh();
  return store;
}
