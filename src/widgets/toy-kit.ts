import { messages as messagesFor, type Locale } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import { ToyStore, type DerivedState } from '../state/toy-store.ts';
import { currentBackend } from '../state/backend.ts';
import { randomMaps, resizeToy, rollMaps } from '../state/presets.ts';
import { encodeState, stateFromUrl, urlWriter, type Schema, type StateValues } from '../state/url-state.ts';
import { checkToyValues, toyInputsFrom, toySchema, toyValues, type ColourMapName } from '../state/toy-url.ts';
import type { ToyInputs } from '../lib/derive.ts';
import { FeatureMapEditor, editorControls } from './feature-map-editor.ts';
import { Problems } from './number-input.ts';
import { BackendSwitch } from './backend-switch.ts';
import { colourMapSelect, colourScale, extent, Legend } from './colormap.ts';
import { linkSymbols } from './linking.ts';
import { linkNotice } from './toy-common.ts';
import { h } from './dom.ts';

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
  /** Marks the state as the learner's own, so it goes into the URL from now on. */
  touch: () => void;
  messages: ReturnType<typeof messagesFor>;
}

export interface ToyKitOptions {
  host: HTMLElement;
  locale: Locale;
  key: string;
  defaults: () => ToyInputs;
  footer?: (k: number) => (Node | string)[];
  /** Called with fresh inputs after a preset, a reset or a new size, before the store recomputes. */
  onReplace?: (inputs: ToyInputs) => void;
  /** A widget's own options kept in the URL beside the toy state (threshold, box, sizes ...). */
  extra?: { schema: Schema; values: () => StateValues; apply: (values: StateValues) => void };
}

export function toyKit(options: ToyKitOptions): ToyKit {
  const { host, locale, key, defaults } = options;
  const m = messagesFor(locale);
  const schema: Schema = { ...toySchema, ...options.extra?.schema };
  const fromUrl = stateFromUrl(location.search, key, schema, checkToyValues);
  if (fromUrl.status === 'ok') options.extra?.apply(fromUrl.values);
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
    if (isReset) write(null);
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
      // store.inputs is the newest state, whatever this render is: it may have been replaced from outside
      // (the presenter's other window), with another size.
      const A = store.inputs.A;
      const [K, H, W] = editor.shape;
      if (A.length !== K || A[0].length !== H || A[0][0].length !== W) {
        editor.setValues(A);
        sizes.setSize(A.length, A[0].length, A[0][0].length);
      }
      const [min, max] = extent(...A.map((map) => map.flat()));
      legend.show(editor.paint(A, colourScale(cmap, min, max)));
      backend.show(state.backend, state.ms);
    },
    save(state) {
      if (dirty) write(encodeState(schema, { ...toyValues(state.inputs, cmap), ...options.extra?.values() }));
    },
    relink: () => links.refresh(),
    touch: () => void (dirty = true),
    messages: m,
  };
}

