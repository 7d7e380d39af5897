import { format, type Locale } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import type { DerivedState, ToyStore } from '../state/toy-store.ts';
import { formatNumber } from '../state/parse-number.ts';
import type { Schema, StateValues } from '../state/url-state.ts';
import { camIdentity } from '../lib/cam-identity.ts';
import { localizeMap, type MapLocalization } from '../lib/localize-map.ts';
import type { Box } from '../lib/localize.ts';
import { toyKit } from './toy-kit.ts';
import { WeightsTable } from './weights-table.ts';
import { announceRendered, selectControl } from './toy-common.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { heatGrid, updateHeatGrid } from './heatmap.ts';
import { LocalizationView } from './localization-view.ts';
import { h, symbol } from './dom.ts';

export const CAM_TAG = 'cam-cam';

/** Pixels per map cell in the toy image the map is upsampled onto. */
export const PIXELS_PER_CELL = 16;

const camSchema = {
  t: { kind: 'number', min: 0, max: 1, optional: true },
  box: { kind: 'array', rank: 1, max: [4], limit: 256, optional: true },
} as const satisfies Schema;

/** The true box of the toy image: the middle 80% of it, where the talk's example has its object. */
export function defaultTruth(H: number, W: number): Box {
  const width = W * PIXELS_PER_CELL;
  const height = H * PIXELS_PER_CELL;
  return { x0: Math.round(0.1 * width), y0: Math.round(0.1 * height), x1: Math.round(0.9 * width), y1: Math.round(0.9 * height) };
}

function validBox(b: Box, H: number, W: number): boolean {
  return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W * PIXELS_PER_CELL && b.y1 <= H * PIXELS_PER_CELL && b.x1 > b.x0 && b.y1 > b.y0;
}

/**
 * Lesson 5's widget: the class activation map M_c beside the maps that make it, the class picker,
 * the identity between M_c and S_c (plain sum or mean), and the CAM paper's localization: upsampling onto
 * an image, a threshold at a fraction of the max, the largest connected part, its box, and IoU with the true box.
 */
export function mountCam(host: HTMLElement, locale: Locale): ToyStore {
  let threshold = 0.2;
  let truth: Box | null = null;
  let weights: WeightsTable;
  const kit = toyKit({
    host,
    locale,
    key: CAM_TAG,
    defaults: seedExample,
    footer: (k) => [h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', h('output', { 'data-output': `F-${k}` }))],
    onReplace: (next) => {
      weights.setValues(next);
      truth = null;
    },
    extra: {
      schema: camSchema,
      values: (): StateValues => ({ t: threshold, ...(truth ? { box: [truth.x0, truth.y0, truth.x1, truth.y1] } : {}) }),
      apply: (values) => {
        if (typeof values.t === 'number') threshold = values.t;
        const b = values.box as number[] | undefined;
        if (b) truth = { x0: b[0], y0: b[1], x1: b[2], y1: b[3] };
      },
    },
  });
  const { store, problems, editor, messages: m } = kit;
  weights = new WeightsTable({ messages: m, problems, edit: kit.edit });
  if (truth && !validBox(truth, store.inputs.A[0].length, store.inputs.A[0][0].length)) {
    truth = null;
    problems.set('box', m['cam.boxRefused']);
  }

  const pooling = selectControl(
    m['cam.poolingLabel'],
    [
      { value: 'mean', label: m['cam.poolingMean'] },
      { value: 'sum', label: m['cam.poolingSum'] },
    ],
    store.inputs.pooling ?? 'mean',
    (value) => kit.edit((s) => void (s.pooling = value)),
    'data-pooling-select',
  );
  const mPanel = h('figure', { class: 'cam-map' });
  const mLegend = new Legend(m);
  const cellFormula = h('p', { class: 'formula-line', 'data-formula': 'cell' });
  const identity = h('div', { class: 'cam-identity', 'aria-live': 'polite' });
  let selected: [number, number] = [2, 2];

  // Localization controls: the threshold as a slider, the true box as four numbers.
  const slider = h('input', { type: 'range', min: 0, max: 1, step: 0.01, value: threshold, 'data-threshold': true, 'aria-label': m['cam.thresholdLabel'] });
  const sliderOut = h('output', { 'data-output': 'threshold' });
  slider.addEventListener('input', () => {
    threshold = Number(slider.value);
    kit.touch();
    if (store.last) void relocalize(store.last);
  });
  const boxFields = (['x0', 'y0', 'x1', 'y1'] as const).map((key) => {
    const input = h('input', { type: 'number', step: 1, min: 0, class: 'widget-number', 'data-truth': key, 'aria-label': format(m['cam.truthField'], { name: key }) });
    input.addEventListener('input', () => {
      const last = store.last;
      if (!last) return;
      const current = truth ?? defaultTruth(last.derived.H, last.derived.W);
      const next = { ...current, [key]: Number(input.value) };
      if (Number.isInteger(next[key]) && validBox(next, last.derived.H, last.derived.W)) {
        input.removeAttribute('aria-invalid');
        problems.set('box', null);
        truth = next;
        kit.touch();
        void relocalize(last);
      } else {
        input.setAttribute('aria-invalid', 'true');
        problems.set('box', m['cam.boxInvalid']);
      }
    });
    return input;
  });
  const view = new LocalizationView(m);

  editor.element.addEventListener('focusin', (e) => {
    const cell = e.target as HTMLElement;
    if (cell.dataset.i !== undefined) {
      selected = [Number(cell.dataset.i), Number(cell.dataset.j)];
      if (store.last) renderCell(store.last);
    }
  });
  mPanel.addEventListener('pointerover', (e) => {
    const td = (e.target as HTMLElement).closest('td');
    if (td?.dataset.i !== undefined) {
      selected = [Number(td.dataset.i), Number(td.dataset.j)];
      if (store.last) renderCell(store.last);
    }
  });

  host.replaceChildren(
    kit.bar,
    kit.notice,
    problems.element,
    h('h4', { class: 'widget-heading' }, m['cam.mapsHeading']),
    kit.controls,
    editor.element,
    kit.legend.element,
    h('h4', { class: 'widget-heading' }, m['widget.weightsHeading']),
    weights.element,
    h('h4', { class: 'widget-heading' }, m['cam.mapHeading']),
    mPanel,
    mLegend.element,
    cellFormula,
    h('h4', { class: 'widget-heading' }, m['cam.identityHeading']),
    h('div', { class: 'widget-bar' }, pooling.element),
    identity,
    h('h4', { class: 'widget-heading' }, m['cam.localizeHeading']),
    h('p', { class: 'editor-controls' }, h('label', {}, m['cam.thresholdLabel'], ' ', slider), ' ', sliderOut),
    h('p', { class: 'editor-controls' }, m['cam.truthLabel'], ' ', ...boxFields),
    view.figures,
    view.result,
  );

  function renderCell({ inputs, derived }: DerivedState): void {
    const [i, j] = selected[0] < derived.H && selected[1] < derived.W ? selected : [0, 0];
    const c = inputs.c;
    const at = `(${i + 1}, ${j + 1})`;
    const parts: (Node | string)[] = [symbol('M', c + 1), at, ' = '];
    const numbers: (Node | string)[] = [' = '];
    inputs.w[c].forEach((wk, k) => {
      if (k > 0) {
        parts.push(' + ');
        numbers.push(' + ');
      }
      parts.push(h('span', { class: 'term', 'data-link': `k${k}` }, symbol('w', k + 1, c + 1), ' ', symbol('f', k + 1), at));
      numbers.push(h('span', { class: 'term', 'data-link': `k${k}` }, formatNumber(wk), ' × ', formatNumber(inputs.A[k][i][j])));
    });
    numbers.push(' = ', h('output', { 'data-output': 'M-cell' }, formatNumber(derived.M[i * derived.W + j])));
    cellFormula.replaceChildren(...parts, ...numbers);
    kit.relink();
  }

  async function relocalize(state: DerivedState): Promise<void> {
    const { derived } = state;
    const H = derived.H;
    const W = derived.W;
    if (truth && !validBox(truth, H, W)) truth = null;
    const box = truth ?? defaultTruth(H, W);
    boxFields.forEach((f, n) => {
      if (document.activeElement !== f) f.value = String([box.x0, box.y0, box.x1, box.y1][n]);
      f.max = String(n % 2 === 0 ? W * PIXELS_PER_CELL : H * PIXELS_PER_CELL);
    });
    slider.value = String(threshold);
    sliderOut.textContent = format(m['cam.thresholdValue'], { percent: Math.round(threshold * 100) });
    const token = ++relocalizeToken;
    let found: MapLocalization;
    try {
      found = await localizeMap(derived.M, H, W, { width: W * PIXELS_PER_CELL, height: H * PIXELS_PER_CELL }, threshold, box);
    } catch (error) {
      problems.set('localize', error instanceof Error ? error.message : String(error));
      return;
    }
    if (token !== relocalizeToken) return;
    drawLocalization(found, box);
    kit.save(state);
    announceRendered(host, state);
  }
  let relocalizeToken = 0;

  /** The toy image under the map: a light ground and a dark object filling the true box. */
  function toyImage(box: Box, width: number, height: number): Float32Array {
    const image = new Float32Array(width * height).fill(0.85);
    const cx = (box.x0 + box.x1) / 2;
    const cy = (box.y0 + box.y1) / 2;
    const rx = (box.x1 - box.x0) / 2;
    const ry = (box.y1 - box.y0) / 2;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
      const d = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2;
      if (d <= 1) image[y * width + x] = 0.25 + 0.15 * d;
    }
    return image;
  }

  function drawLocalization(found: MapLocalization, box: Box): void {
    view.show(found, box, { pixels: toyImage(box, found.width, found.height), channels: 1 }, kit.cmap(), threshold);
  }

  store.subscribe((state) => {
    const { inputs, derived } = state;
    kit.paintMaps(state);
    for (let k = 0; k < derived.K; k++) {
      const out = host.querySelector(`[data-output="F-${k}"]`);
      if (out) out.textContent = formatNumber(derived.F[k]);
    }
    weights.show(state, store.inputs);
    pooling.select.value = inputs.pooling ?? 'mean';
    const c = inputs.c;
    const [min, max] = extent(derived.M);
    const scale = colourScale(kit.cmap(), min, max);
    mLegend.show(scale);
    const caption = h('figcaption', {}, symbol('M', c + 1), ' = ', ...inputs.w[c].flatMap((wk, k) => [k > 0 ? ' + ' : '', h('span', { class: 'term', 'data-link': `k${k}` }, formatNumber(wk), ' ', symbol('A', undefined, k + 1))]));
    const grid = mPanel.querySelector('table');
    // Recolour the grid in place when only the numbers changed; rebuild it for a new size.
    if (grid && grid.rows.length === derived.H && updateHeatGrid(grid, derived.M, scale)) {
      grid.setAttribute('aria-label', format(m['cam.mapLabel'], { c: c + 1 }));
      mPanel.firstElementChild?.replaceWith(caption);
    } else mPanel.replaceChildren(caption, heatGrid(derived.M, derived.H, derived.W, scale, { label: format(m['cam.mapLabel'], { c: c + 1 }), output: 'M', cellOutputs: true }));
    renderCell(state);
    const id = camIdentity(derived.M, inputs.pooling ?? 'mean', inputs.b[c], derived.S[c]);
    const sumLine = h('p', { class: 'formula-line' }, '∑', h('sub', {}, 'x,y'), ' ', symbol('M', c + 1), '(x, y) = ', h('output', { 'data-output': 'sumM' }, formatNumber(id.sumM)));
    const predicted =
      inputs.pooling === 'sum'
        ? [symbol('S', c + 1), ' = ∑ ', symbol('M', c + 1), ' + ', symbol('b', c + 1), ` = ${formatNumber(id.sumM)} + ${formatNumber(inputs.b[c])} = `]
        : [symbol('S', c + 1), ' = ', h('span', { class: 'frac' }, '1/', h('var', {}, 'Z')), ' ∑ ', symbol('M', c + 1), ' + ', symbol('b', c + 1), ` = ${formatNumber(id.sumM)} / ${derived.Z} + ${formatNumber(inputs.b[c])} = `];
    identity.replaceChildren(
      sumLine,
      h('p', { class: 'formula-line' }, ...predicted, h('output', { 'data-output': 'S-predicted' }, formatNumber(id.predicted))),
      h(
        'p',
        { class: `formula-line ${id.holds ? 'check-ok' : 'check-bad'}`, 'data-output': 'identity' },
        format(id.holds ? m['cam.identityHolds'] : m['cam.identityFails'], { S: formatNumber(derived.S[c]) }),
      ),
    );
    kit.relink();
    void relocalize(state);
  });
  void store.refresh();
  return store;
}
