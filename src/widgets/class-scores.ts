import { messages as messagesFor, type Locale } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import { ToyStore, type DerivedState } from '../state/toy-store.ts';
import { currentBackend } from '../state/backend.ts';
import { formatNumber } from '../state/parse-number.ts';
import { randomMaps, resizeToy, rollMaps } from '../state/presets.ts';
import { encodeState, stateFromUrl, urlWriter } from '../state/url-state.ts';
import { checkToyValues, toyInputsFrom, toySchema, toyValues, type ColourMapName } from '../state/toy-url.ts';
import type { ToyInputs } from '../lib/derive.ts';
import { FeatureMapEditor, editorControls } from './feature-map-editor.ts';
import { Problems } from './number-input.ts';
import { BackendSwitch } from './backend-switch.ts';
import { colourMapSelect, colourScale, extent, Legend } from './colormap.ts';
import { WeightsTable } from './weights-table.ts';
import { linkSymbols } from './linking.ts';
import { announceRendered, linkNotice } from './toy-common.ts';
import { h, symbol } from './dom.ts';

export const CLASS_SCORES_TAG = 'cam-class-scores';

/** The parts every toy-map widget shares: store from the URL or the default, editor, presets, colours, link. */
export interface ToyKit {
  store: ToyStore;
  problems: Problems;
  editor: FeatureMapEditor;
  controls: HTMLElement;
  bar: HTMLElement;
  notice: HTMLElement;
  legend: Legend;
  cmap: () => ColourMapName;
  edit: (change: (draft: ToyInputs) => void) => void;
  /** Colours the editor's cells and the legend for the current state. */
  paintMaps: (state: DerivedState) => void;
  /** Writes the state into the URL (call after each render). */
  save: (state: DerivedState) => void;
  relink: () => void;
}

export interface ToyKitOptions {
  host: HTMLElement;
  locale: Locale;
  key: string;
  defaults: () => ToyInputs;
  footer?: (k: number) => (Node | string)[];
  /** Called with fresh inputs after a preset, a reset or a new size, before the store recomputes. */
  onReplace?: (inputs: ToyInputs) => void;
}

export function toyKit(options: ToyKitOptions): ToyKit {
  const { host, locale, key, defaults } = options;
  const m = messagesFor(locale);
  const fromUrl = stateFromUrl(location.search, key, toySchema, checkToyValues);
  let cmap: ColourMapName = fromUrl.status === 'ok' && fromUrl.values.cmap === 'jet' ? 'jet' : 'viridis';
  const initial = fromUrl.status === 'ok' ? toyInputsFrom(fromUrl.values, defaults()) : defaults();
  const store = new ToyStore(initial);
  const problems = new Problems();
  let dirty = fromUrl.status === 'ok';
  const write = urlWriter(key);
  const edit = (change: (draft: ToyInputs) => void) => {
    dirty = true;
    void store.update(change);
  };
  const editor = new FeatureMapEditor({
    A: initial.A,
    messages: m,
    problems,
    footer: options.footer,
    onEdit: (k, i, j, v) => edit((s) => void (s.A[k][i][j] = v)),
  });
  let seed = 1;
  const replace = (next: ToyInputs, isReset = false) => {
    problems.clear();
    editor.setValues(next.A);
    options.onReplace?.(next);
    sizes.setSize(next.A.length, next.A[0].length, next.A[0][0].length);
    dirty = !isReset;
    if (isReset) write('');
    void store.replace(next);
  };
  const sizes = editorControls({
    messages: m,
    editor,
    onResize: (K, H, W) => replace(resizeToy(store.inputs, K, H, W)),
    actions: [
      { key: 'seed', label: m['widget.presetSeed'], run: () => replace(seedExample()) },
      {
        key: 'random',
        label: m['widget.presetRandom'],
        run: () => {
          const [K, H, W] = editor.shape;
          replace({ ...store.inputs, A: randomMaps(K, H, W, seed++) });
        },
      },
      { key: 'moved', label: m['widget.presetMoved'], run: () => replace({ ...store.inputs, A: rollMaps(store.inputs.A, 2, 2) }) },
      { key: 'reset', label: m['widget.reset'], run: () => replace(defaults(), true) },
    ],
  });
  const legend = new Legend(m);
  const cmapSelect = colourMapSelect(m, cmap, (name) => {
    cmap = name;
    dirty = true;
    void store.refresh();
  });
  const backend = new BackendSwitch(m, currentBackend(), () => void store.refresh(), (msg) => problems.set('backend', msg));
  const bar = h('div', { class: 'widget-bar' }, cmapSelect.element, backend.element);
  const notice = linkNotice(m, fromUrl);
  const links = linkSymbols(host);
  store.onError((error) => problems.set('derive', error.message));
  return {
    store,
    problems,
    editor,
    controls: sizes.element,
    bar,
    notice,
    legend,
    cmap: () => cmap,
    edit,
    paintMaps(state) {
      const [min, max] = extent(...state.inputs.A.map((map) => map.flat()));
      legend.show(editor.paint(state.inputs.A, colourScale(cmap, min, max)));
      backend.show(state.backend, state.ms);
    },
    save(state) {
      if (dirty) write(encodeState(toySchema, toyValues(state.inputs, cmap)));
    },
    relink: () => links.refresh(),
  };
}

/**
 * Lesson 4's widget: editable feature maps and the weights of every class; it shows F_k under each map
 * and S_c = sum_k w_k^c F_k + b_c with the live numbers plugged in, each term linked to its map.
 */
export function mountClassScores(host: HTMLElement, locale: Locale): ToyStore {
  const m = messagesFor(locale);
  let weights: WeightsTable;
  const kit = toyKit({
    host,
    locale,
    key: CLASS_SCORES_TAG,
    defaults: seedExample,
    footer: (k) => [h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', h('output', { 'data-output': `F-${k}` }))],
    onReplace: (next) => weights.setValues(next),
  });
  const { store, problems, editor } = kit;
  weights = new WeightsTable({ messages: m, problems, edit: kit.edit });
  const formula = h('p', { class: 'score-formula', 'aria-live': 'off' });

  host.replaceChildren(
    kit.bar,
    kit.notice,
    problems.element,
    h('h4', { class: 'widget-heading' }, m['widget.gapHeading']),
    kit.controls,
    editor.element,
    kit.legend.element,
    h('p', { class: 'widget-hint' }, m['widget.keys']),
    h('h4', { class: 'widget-heading' }, m['widget.weightsHeading']),
    weights.element,
    h('h4', { class: 'widget-heading' }, m['widget.scoreHeading']),
    formula,
  );

  store.subscribe((state) => {
    const { derived } = state;
    kit.paintMaps(state);
    for (let k = 0; k < derived.K; k++) {
      const out = host.querySelector(`[data-output="F-${k}"]`);
      if (out) out.textContent = formatNumber(derived.F[k]);
    }
    weights.show(state);
    renderScoreFormula(formula, state);
    kit.relink();
    kit.save(state);
    announceRendered(host, state);
  });
  void store.refresh();
  return store;
}

/** S_c = w_1^c F_1 + ... + b_c = (numbers) = S_c, built as text nodes, each term linked to its channel. */
export function renderScoreFormula(target: HTMLElement, { inputs, derived }: DerivedState): void {
  const c = inputs.c;
  const symbolic: (Node | string)[] = [symbol('S', c + 1), ' = '];
  const terms: (Node | string)[] = [' = '];
  inputs.w[c].forEach((wk, k) => {
    if (k > 0) {
      symbolic.push(' + ');
      terms.push(' + ');
    }
    symbolic.push(h('span', { class: 'term', 'data-link': `k${k}` }, symbol('w', k + 1, c + 1), ' ', symbol('F', undefined, k + 1)));
    terms.push(h('span', { class: 'term', 'data-link': `k${k}`, 'data-term': k }, formatNumber(wk), ' × ', formatNumber(derived.F[k])));
  });
  symbolic.push(' + ', symbol('b', c + 1));
  terms.push(' + ', h('span', { class: 'term', 'data-bias': true }, formatNumber(inputs.b[c])));
  terms.push(' = ', h('output', { class: 'score', 'data-output': 'S' }, formatNumber(derived.S[c])));
  target.replaceChildren(...symbolic, ...terms);
}
