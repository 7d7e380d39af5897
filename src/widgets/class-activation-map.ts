import { format, type Messages } from '../i18n/index.ts';
import { derive, type Derived } from '../lib/derive.ts';
import { camIdentity } from '../lib/cam-identity.ts';
import { localizeUpsampled } from '../lib/localize-map.ts';
import type { Box } from '../lib/localize.ts';
import { seedExample } from '../state/seed-example.ts';
import { checkToy, toyComputeFrom, toyInputs, toySchema, toyState, type ToyState } from '../state/toy-state.ts';
import type { Schema } from '../state/url-state.ts';
import { thresholdPart, thresholdSchema } from './parts/threshold.ts';
import { defineWidget, type Kit } from './kit/define.ts';
import { fieldChoice, mapsPart, weightsPart } from './parts/toy-parts.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { HeatGrid } from './heatmap.ts';
import { LocalizationView } from './localization-view.ts';
import { numberInput } from './number-input.ts';
import { formatNumber } from './format.ts';
import { h, symbol } from './dom.ts';

/** Pixels per map cell in the toy image the map is upsampled onto. */
export const PIXELS_PER_CELL = 16;

const localizeSchema = {
  ...thresholdSchema,
  box: { kind: 'array', rank: 1, max: [4], limit: 256, optional: true },
} as const satisfies Schema;

/** The true box of the toy image: the middle 80% of it, where the talk's example has its object. */
export function defaultTruth(H: number, W: number): Box {
  const width = W * PIXELS_PER_CELL;
  const height = H * PIXELS_PER_CELL;
  return { x0: Math.round(0.1 * width), y0: Math.round(0.1 * height), x1: Math.round(0.9 * width), y1: Math.round(0.9 * height) };
}

const boxOf = (b: number[] | undefined): Box | null => (b && b.length === 4 ? { x0: b[0], y0: b[1], x1: b[2], y1: b[3] } : null);

function validBox(b: Box, H: number, W: number): boolean {
  return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W * PIXELS_PER_CELL && b.y1 <= H * PIXELS_PER_CELL && b.x1 > b.x0 && b.y1 > b.y0;
}

/** The true box of a state: the learner's, while it fits the image, else the default. */
function truthOf(state: ToyState & { box?: number[] }): Box {
  const H = state.A[0].length;
  const W = state.A[0][0].length;
  const box = boxOf(state.box);
  return box && validBox(box, H, W) ? box : defaultTruth(H, W);
}

/** The toy image under the map: a light ground and a dark object filling the true box. */
function toyImage(box: Box, width: number, height: number): Float32Array {
  const image = new Float32Array(width * height).fill(0.85);
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const rx = (box.x1 - box.x0) / 2;
  const ry = (box.y1 - box.y0) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2;
      if (d <= 1) image[y * width + x] = 0.25 + 0.15 * d;
    }
  }
  return image;
}

type State = ToyState & { t: number; box?: number[] };

/**
 * The CAM paper's localization of the toy map: the threshold as a slider, the true box as four numbers,
 * the map upsampled over the toy image with both boxes, the mask, and the numbers. Only the threshold and
 * the box change here, so moving them redraws from the map derive() already upsampled.
 */
function localizationPart(kit: Kit<State, unknown>) {
  const { m } = kit;
  const threshold = thresholdPart(kit);
  const fields = (['x0', 'y0', 'x1', 'y1'] as const).map((name) => {
    const input = numberInput({
      key: `box-${name}`,
      label: format(m['cam.truthField'], { name }),
      value: truthOf(kit.state)[name],
      messages: m,
      problems: kit.problems,
      range: { min: 0, max: 256, integer: true },
      onValue: (v) => {
        const box = { ...truthOf(kit.state), [name]: v };
        const { A } = kit.state;
        if (validBox(box, A[0].length, A[0][0].length)) {
          kit.problems.set('box', null);
          kit.set({ box: [box.x0, box.y0, box.x1, box.y1] });
        } else {
          input.setAttribute('aria-invalid', 'true');
          kit.problems.set('box', m['cam.boxInvalid']);
        }
      },
    });
    input.classList.add('widget-number');
    input.dataset.truth = name;
    return input;
  });
  const view = new LocalizationView(m);
  return {
    parts: [
      h('h4', { class: 'widget-heading' }, m['cam.localizeHeading']),
      threshold.element,
      h('p', { class: 'editor-controls' }, m['cam.truthLabel'], ' ', ...fields),
      view.figures,
      view.result,
    ],
    show(d: Derived, state: State): void {
      const truth = truthOf(state);
      const width = d.W * PIXELS_PER_CELL;
      const height = d.H * PIXELS_PER_CELL;
      fields.forEach((f, n) => f.setValue([truth.x0, truth.y0, truth.x1, truth.y1][n]));
      threshold.show(state);
      const found = localizeUpsampled(d.Mup!, width, height, state.t, truth);
      view.show(found, truth, { pixels: toyImage(truth, width, height), channels: 1 }, kit.cmap(), state.t);
    },
  };
}

/** M_c(i, j) = sum_k w_k^c f_k(i, j) for the cell the learner points at or edits: a view of the moment, not state. */
function cellFormulaPart(kit: Kit<State, unknown>, editor: HTMLElement, grid: HTMLElement) {
  const element = h('p', { class: 'formula-line', 'data-formula': 'cell', 'data-transient': true });
  let selected: [number, number] = [2, 2];
  let last: { d: Derived; state: State } | null = null;
  const show = (d: Derived, { A, w, c }: State) => {
    const [i, j] = selected[0] < d.H && selected[1] < d.W ? selected : [0, 0];
    const at = `(${i + 1}, ${j + 1})`;
    const parts: (Node | string)[] = [symbol('M', c + 1), at, ' = '];
    const numbers: (Node | string)[] = [' = '];
    w[c].forEach((wk, k) => {
      if (k > 0) {
        parts.push(' + ');
        numbers.push(' + ');
      }
      parts.push(h('span', { class: 'term', 'data-link': `k${k}` }, symbol('w', k + 1, c + 1), ' ', symbol('f', k + 1), at));
      numbers.push(h('span', { class: 'term', 'data-link': `k${k}` }, formatNumber(wk), ' × ', formatNumber(A[k][i][j])));
    });
    numbers.push(' = ', h('output', { 'data-output': 'M-cell' }, formatNumber(d.M[i * d.W + j])));
    element.replaceChildren(...parts, ...numbers);
  };
  const select = (target: HTMLElement | null) => {
    if (target?.dataset.i === undefined) return;
    selected = [Number(target.dataset.i), Number(target.dataset.j)];
    if (last) show(last.d, last.state);
  };
  editor.addEventListener('focusin', (e) => select(e.target as HTMLElement));
  grid.addEventListener('pointerover', (e) => select((e.target as HTMLElement).closest('td')));
  return {
    element,
    show(d: Derived, state: State): void {
      last = { d, state };
      show(d, state);
    },
  };
}

/** The identity between the map and the score, for the plain sum or the mean, with the head's own score beside it. */
function renderIdentity(target: HTMLElement, m: Messages, d: Derived, { b, c, pool }: State): void {
  const id = camIdentity(d.M, pool ?? 'mean', b[c], d.S[c]);
  const predicted =
    pool === 'sum'
      ? [symbol('S', c + 1), ' = ∑ ', symbol('M', c + 1), ' + ', symbol('b', c + 1), ` = ${formatNumber(id.sumM)} + ${formatNumber(b[c])} = `]
      : [symbol('S', c + 1), ' = ', h('span', { class: 'frac' }, '1/', h('var', {}, 'Z')), ' ∑ ', symbol('M', c + 1), ' + ', symbol('b', c + 1), ` = ${formatNumber(id.sumM)} / ${d.Z} + ${formatNumber(b[c])} = `];
  target.replaceChildren(
    h('p', { class: 'formula-line' }, '∑', h('sub', {}, 'x,y'), ' ', symbol('M', c + 1), '(x, y) = ', h('output', { 'data-output': 'sumM' }, formatNumber(id.sumM))),
    h('p', { class: 'formula-line' }, ...predicted, h('output', { 'data-output': 'S-predicted' }, formatNumber(id.predicted))),
    h('p', { class: `formula-line ${id.holds ? 'check-ok' : 'check-bad'}`, 'data-output': 'identity' }, format(id.holds ? m['cam.identityHolds'] : m['cam.identityFails'], { S: formatNumber(d.S[c]) })),
  );
}

/**
 * Lesson 5: the class activation map M_c beside the maps that make it, the class picker, the identity
 * between M_c and S_c (plain sum or mean), and the CAM paper's localization: the map upsampled onto an
 * image (in derive()'s one read-back), a threshold at a fraction of the max, the largest connected part,
 * its box, and IoU with the true box.
 */
export default defineWidget({
  schema: { ...toySchema, ...localizeSchema },
  defaults: () => ({ ...toyState(seedExample()), t: 0.2 }),
  check: (state) => {
    const box = boxOf(state.box);
    if (box && !validBox(box, state.A[0]?.length ?? 0, state.A[0]?.[0]?.length ?? 0)) return 'box outside the image';
    return checkToy(state);
  },
  compute: (state) => {
    const H = state.A[0].length;
    const W = state.A[0][0].length;
    return derive({ ...toyInputs(state), upsample: { width: W * PIXELS_PER_CELL, height: H * PIXELS_PER_CELL } });
  },
  computeFrom: toyComputeFrom,
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit, { tools: true });
    const weights = weightsPart(kit);
    const pooling = fieldChoice(kit, 'pool', m['cam.poolingLabel'], [
      { value: 'mean', label: m['cam.poolingMean'] },
      { value: 'sum', label: m['cam.poolingSum'] },
    ]);
    const mCaption = h('figcaption');
    const mGrid = new HeatGrid({ label: '', output: 'M', cellOutputs: true });
    const mLegend = new Legend(m);
    const cell = cellFormulaPart(kit, maps.editor.element, mGrid.table);
    const identity = h('div', { class: 'cam-identity', 'aria-live': 'polite' });
    const localization = localizationPart(kit);
    return {
      parts: [
        h('h4', { class: 'widget-heading' }, m['cam.mapsHeading']),
        ...maps.parts,
        h('h4', { class: 'widget-heading' }, m['widget.weightsHeading']),
        weights.element,
        h('h4', { class: 'widget-heading' }, m['cam.mapHeading']),
        h('figure', { class: 'cam-map' }, mCaption, mGrid.table),
        mLegend.element,
        cell.element,
        h('h4', { class: 'widget-heading' }, m['cam.identityHeading']),
        h('div', { class: 'widget-bar' }, pooling.element),
        identity,
        ...localization.parts,
      ],
      render(d, state) {
        maps.show(state, d);
        weights.show(state, d);
        pooling.show(state);
        const c = state.c;
        const [min, max] = extent(d.M);
        const scale = colourScale(kit.cmap(), min, max);
        mLegend.show(scale);
        mCaption.replaceChildren(symbol('M', c + 1), ' = ', ...state.w[c].flatMap((wk, k) => [k > 0 ? ' + ' : '', h('span', { class: 'term', 'data-link': `k${k}` }, formatNumber(wk), ' ', symbol('A', undefined, k + 1))]));
        mGrid.label = format(m['cam.mapLabel'], { c: c + 1 });
        mGrid.show(d.M, d.H, d.W, scale);
        cell.show(d, state);
        renderIdentity(identity, m, d, state);
        localization.show(d, state);
      },
    };
  },
});
