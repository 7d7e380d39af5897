import { format, messages as messagesFor, type Locale, type MessageKey } from '../i18n/index.ts';
import { ToyStore, type DerivedState } from '../state/toy-store.ts';
import { currentBackend } from '../state/backend.ts';
import { formatNumber } from '../state/parse-number.ts';
import { shiftGrid } from '../state/presets.ts';
import { encodeState, stateFromUrl, urlWriter, type Schema } from '../state/url-state.ts';
import { colourMaps, type ColourMapName } from '../state/toy-url.ts';
import { flattenMaps } from '../lib/convolve.ts';
import { countChanged } from '../lib/cam-identity.ts';
import { handSetNetwork, toyImage, type ToyImageName, type ToyNetwork } from '../model/toy-network.ts';
import { FeatureMapEditor, editorControls } from './feature-map-editor.ts';
import { Problems } from './number-input.ts';
import { BackendSwitch } from './backend-switch.ts';
import { colourMapSelect, colourScale, extent, Legend } from './colormap.ts';
import { drawOverlay, heatGrid, updateHeatGrid } from './heatmap.ts';
import { linkSymbols } from './linking.ts';
import { announceRendered, linkNotice } from './toy-common.ts';
import { ClassBars } from './class-bars.ts';
import { h, symbol } from './dom.ts';

export const TOY_CAM_TAG = 'cam-toy-cam';
export const FILTERS_TAG = 'cam-filters';

const MAX_IMAGE = 16;
const imageSchema = {
  img: { kind: 'array', rank: 2, max: [MAX_IMAGE, MAX_IMAGE], limit: 1 },
  c: { kind: 'int', min: 0, max: 7, optional: true },
  cmap: { kind: 'enum', values: colourMaps, optional: true },
} as const satisfies Schema;

/**
 * Lessons 1 and 2: a toy image the learner paints, a small network (conv with hand-set 3x3 filters, ReLU,
 * GAP, dense) computed with tfjs. Mode 'cam' shows the class scores and the CAM of the chosen class over
 * the image; mode 'filters' shows the filters, their feature maps, the flattened vector and the GAP values,
 * and what a move of the object changes in each.
 */
export function mountToyNetwork(host: HTMLElement, locale: Locale, mode: 'cam' | 'filters', network: ToyNetwork = handSetNetwork): ToyStore {
  const m = messagesFor(locale);
  const key = mode === 'cam' ? TOY_CAM_TAG : FILTERS_TAG;
  const size = network.size;
  const fromUrl = stateFromUrl(location.search, key, imageSchema, (values) => {
    const img = values.img as number[][];
    if (img.length !== size || img[0].length !== size) return 'size';
    if (typeof values.c === 'number' && values.c >= network.classes.length) return 'class';
    return null;
  });
  let image = fromUrl.status === 'ok' ? (fromUrl.values.img as number[][]) : toyImage('cross', size);
  let cmap: ColourMapName = fromUrl.status === 'ok' && fromUrl.values.cmap === 'jet' ? 'jet' : 'viridis';
  let dirty = fromUrl.status === 'ok';
  const write = urlWriter(key);
  const problems = new Problems();
  const K = network.filters.length;
  const zeros = Array.from({ length: K }, () => Array.from({ length: size }, () => new Array<number>(size).fill(0)));
  const store = new ToyStore({ A: zeros, w: network.w, b: network.b, c: fromUrl.status === 'ok' && typeof fromUrl.values.c === 'number' ? fromUrl.values.c : 3, pooling: 'mean' });
  const classNames = network.classes.map((c) => m[c]);

  // Image -> feature maps (tfjs conv2d), then the store derives F, S, p and M from them.
  let token = 0;
  let previousFlat: number[] | null = null;
  let currentFlat: number[] | null = null;
  let moved = false;
  let previousF: number[] | null = null;
  const recompute = async (wasMove = false) => {
    const mine = ++token;
    const A = await network.features(image);
    if (mine !== token) return;
    const flat = flattenMaps(A);
    if (wasMove) {
      previousFlat = currentFlat;
      previousF = store.last ? Array.from(store.last.derived.F) : null;
    }
    moved = wasMove;
    currentFlat = flat;
    await store.update((s) => void (s.A = A));
  };
  const setImage = (next: number[][], wasMove = false) => {
    image = next;
    dirty = true;
    editor.setValues([image]);
    void recompute(wasMove);
  };

  const editor = new FeatureMapEditor({
    A: [image],
    messages: m,
    problems,
    symbolName: 'x',
    cellLabel: 'toy.pixel',
    mapLabel: 'toy.image',
    paint: { value: 1 },
    link: false,
    onEdit: (_k, i, j, v) => {
      const next = image.map((row) => row.slice());
      next[i][j] = Math.min(1, Math.max(0, v));
      image = next;
      dirty = true;
      void recompute();
    },
  });
  const preset = (name: ToyImageName) => ({ key: `image-${name}`, label: m[`toy.image.${name}`], run: () => setImage(toyImage(name, size)) });
  const move = (dir: 'up' | 'down' | 'left' | 'right', di: number, dj: number) => ({ key: `move-${dir}`, label: m[`toy.move.${dir}`], run: () => setImage(shiftGrid(image, di, dj), true) });
  const controls = editorControls({
    messages: m,
    editor,
    brush: 1,
    actions: [
      preset('vertical'),
      preset('horizontal'),
      preset('diagonal'),
      preset('cross'),
      { key: 'clear', label: m['toy.clear'], run: () => setImage(image.map((row) => row.map(() => 0))) },
      move('left', 0, -1),
      move('right', 0, 1),
      move('up', -1, 0),
      move('down', 1, 0),
    ],
  });
  const legend = new Legend(m);
  const cmapSelect = colourMapSelect(m, cmap, (name) => {
    cmap = name;
    dirty = true;
    void store.refresh();
  });
  const backend = new BackendSwitch(m, currentBackend(), () => void store.refresh(), (msg) => problems.set('backend', msg));
  const links = linkSymbols(host);
  store.onError((error) => problems.set('derive', error.message));

  const classBars = new ClassBars(m, classNames, `${key}-class`, (c) => {
    dirty = true;
    void store.update((s) => void (s.c = c));
  });
  const camCanvas = h('canvas', { class: 'overlay-canvas pixel-canvas', role: 'img', 'data-canvas': 'cam' });
  const camCaption = h('figcaption');

  const filterRow = h('div', { class: 'panel-row' });
  const mapsRow = h('div', { class: 'panel-row' });
  const strip = h('div', { class: 'flat-strip', role: 'img' });
  const flatLine = h('p', { class: 'formula-line', 'data-output': 'flat-changed' });
  const gapLine = h('p', { class: 'formula-line' });

  const parts: (Node | string)[] = [
    h('div', { class: 'widget-bar' }, cmapSelect.element, backend.element),
    linkNotice(m, fromUrl),
    problems.element,
    h('h4', { class: 'widget-heading' }, format(m['toy.imageHeading'], { size })),
    controls.element,
    editor.element,
    h('p', { class: 'widget-hint' }, m['toy.paintHint']),
  ];
  if (mode === 'cam') {
    parts.push(
      h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
      classBars.element,
      classBars.verdict,
      h('figure', { class: 'cam-figure' }, camCaption, camCanvas, legend.element),
    );
  } else {
    // The filters are fixed: show them once, on the diverging scale (they are signed).
    const [fmin, fmax] = extent(...network.filters.map((f) => f.flat()));
    const fscale = colourScale('viridis', fmin, fmax);
    network.filters.forEach((f, k) =>
      filterRow.append(h('figure', { 'data-link': `k${k}` }, h('figcaption', {}, format(m['toy.filter'], { k: k + 1, name: m[`toy.filterName.${k}` as MessageKey] ?? '' })), heatGrid(f.flat(), 3, 3, fscale, { label: format(m['toy.filter'], { k: k + 1, name: '' }) }))),
    );
    parts.push(
      h('h4', { class: 'widget-heading' }, m['toy.filtersHeading']),
      filterRow,
      h('h4', { class: 'widget-heading' }, m['toy.mapsHeading']),
      mapsRow,
      legend.element,
      h('h4', { class: 'widget-heading' }, m['toy.flatHeading']),
      strip,
      flatLine,
      h('h4', { class: 'widget-heading' }, m['toy.gapHeading']),
      gapLine,
    );
  }
  host.replaceChildren(...parts);

  store.subscribe((state: DerivedState) => {
    const { inputs, derived } = state;
    backend.show(state.backend, state.ms);
    const imageScale = colourScale(cmap, 0, 1);
    editor.paint([image], imageScale);
    if (mode === 'cam') {
      classBars.show(derived.S, derived.p, inputs.c);
      const [min, max] = extent(derived.M);
      const scale = colourScale(cmap, min, max);
      legend.show(scale);
      camCaption.replaceChildren(format(m['toy.camCaption'], { name: classNames[inputs.c] }), ' (', symbol('M', inputs.c + 1), ')');
      // Strokes dark on a light ground, the map laid over them.
      drawOverlay(camCanvas, size, size, image.flat().map((v) => 1 - 0.8 * v), derived.M, scale, 0.6);
      camCanvas.setAttribute('aria-label', format(m['toy.camAlt'], { name: classNames[inputs.c], max: formatNumber(max) }));
    } else {
      const [min, max] = extent(...inputs.A.map((a) => a.flat()));
      const scale = colourScale(cmap, min, max);
      legend.show(scale);
      const grids = [...mapsRow.querySelectorAll<HTMLTableElement>('table')];
      if (grids.length !== inputs.A.length || !inputs.A.every((a, k) => updateHeatGrid(grids[k], a.flat(), scale))) {
        mapsRow.replaceChildren(
          ...inputs.A.map((a, k) =>
            h('figure', { 'data-link': `k${k}` }, h('figcaption', {}, symbol('A', undefined, k + 1)), heatGrid(a.flat(), size, size, scale, { label: format(m['widget.map'], { k: k + 1 }), output: `A-${k}` })),
          ),
        );
      }
      const flat = currentFlat ?? flattenMaps(inputs.A);
      const changed = moved && previousFlat ? countChanged(previousFlat, flat) : null;
      if (strip.childElementCount !== flat.length) strip.replaceChildren(...flat.map(() => h('span', {})));
      const stripCells = strip.children;
      flat.forEach((v, n) => {
        const cell = stripCells[n] as HTMLElement;
        cell.style.backgroundColor = scale(v).fill;
        cell.classList.toggle('changed', changed !== null && previousFlat !== null && previousFlat[n] !== v);
      });
      strip.setAttribute('aria-label', format(m['toy.flatAlt'], { n: flat.length }));
      flatLine.textContent =
        changed === null ? format(m['toy.flatLength'], { K: derived.K, H: derived.H, W: derived.W, n: flat.length }) : format(m['toy.flatChanged'], { changed, n: flat.length });
      flatLine.dataset.changed = changed === null ? '' : String(changed);
      gapLine.dataset.same = moved && previousF ? String(previousF.every((f, k) => f === derived.F[k])) : '';
      gapLine.replaceChildren(
        ...Array.from(derived.F).flatMap((f, k) => [k > 0 ? ', ' : '', h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', h('output', { 'data-output': `F-${k}` }, formatNumber(f)))]),
        moved && previousF ? ` — ${previousF.every((f, k) => f === derived.F[k]) ? m['toy.gapSame'] : m['toy.gapChanged']}` : '',
      );
    }
    links.refresh();
    if (dirty) write(encodeState(imageSchema, { img: image, c: inputs.c, cmap }));
    announceRendered(host, state);
  });
  void recompute();
  return store;
}
