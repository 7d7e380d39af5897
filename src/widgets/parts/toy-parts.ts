/**
 * The parts every toy widget is made of, bound to the kit: the feature-map editor with its tools, and the
 * class weights table. Each turns the learner's input into kit.set(...) and draws a state; none holds state.
 */
import { format } from '../../i18n/index.ts';
import { derive, type Derived } from '../../lib/derive.ts';
import { withCell, withEntry, withItem } from '../../state/patch.ts';
import { randomMaps, resizeToy, rollMaps } from '../../state/presets.ts';
import { seedExample } from '../../state/seed-example.ts';
import { checkToy, toyComputeFrom, toyInputs, toyState, type ToyState } from '../../state/toy-state.ts';
import type { Kit } from '../kit/define.ts';
import { FeatureMapEditor, editorControls } from '../feature-map-editor.ts';
import { WeightsTable } from '../weights-table.ts';
import { choiceGroup } from '../choice-group.ts';
import { colourScale, extent, Legend } from '../colormap.ts';
import { formatNumber } from '../format.ts';
import { h, symbol, setText } from '../dom.ts';

/**
 * What every toy widget computes, and from which fields: the talk's example by default, checked like any
 * link, derived in one go. Spread into a definition: `defineWidget({ schema, ...toyDerivation, build })`.
 */
export const toyDerivation = {
  defaults: () => toyState(seedExample()),
  check: (state: ToyState) => checkToy(state),
  compute: (state: ToyState) => derive(toyInputs(state)),
  computeFrom: toyComputeFrom,
};

export interface MapsPart {
  editor: FeatureMapEditor;
  /** The tool bar (type or paint, sizes, presets), the grids, their legend and the keys hint. */
  parts: HTMLElement[];
  show(state: ToyState, derived: Derived): void;
}

/**
 * The editable maps A^k with F^k under each. `tools` adds the sizes K x H x W and the presets (the talk's
 * example, random maps, the object moved); `gmp` also shows max A^k under each map.
 */
export function mapsPart<S extends ToyState>(kit: Kit<S, unknown>, options: { tools?: boolean; gmp?: boolean } = {}): MapsPart {
  const { m } = kit;
  const set = (patch: Partial<ToyState>) => kit.set(patch as Partial<S>);
  const outputs: { F: HTMLElement; Fmax?: HTMLElement }[] = [];
  const footer = (k: number) => {
    const F = h('output', { 'data-output': `F-${k}` });
    const Fmax = options.gmp ? h('output', { 'data-output': `Fmax-${k}` }) : undefined;
    outputs[k] = { F, Fmax };
    return [h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', F), ...(Fmax ? [h('br'), h('span', { class: 'gmp' }, 'max = ', Fmax)] : [])];
  };
  const editor = new FeatureMapEditor({
    A: kit.state.A,
    messages: m,
    problems: kit.problems,
    footer,
    onEdit: (k, i, j, v) => set({ A: withCell(kit.state.A, k, i, j, v) }),
  });
  let seed = 1;
  const controls = editorControls({
    messages: m,
    problems: kit.problems,
    editor,
    onResize: options.tools ? (K, H, W) => set(resizeToy(kit.state, K, H, W)) : undefined,
    actions: options.tools
      ? [
          { key: 'seed', label: m['widget.presetSeed'], run: () => set(toyState(seedExample())) },
          {
            key: 'random',
            label: m['widget.presetRandom'],
            run: () => {
              const [K, H, W] = editor.shape;
              set({ A: randomMaps(K, H, W, seed++) });
            },
          },
          { key: 'moved', label: m['widget.presetMoved'], run: () => set({ A: rollMaps(kit.state.A, 2, 2) }) },
        ]
      : [],
  });
  const legend = new Legend(m);
  return {
    editor,
    parts: [...(options.tools ? [controls.element] : []), editor.element, legend.element, h('p', { class: 'widget-hint' }, m['widget.keys'])],
    show(state, derived) {
      const { A } = state;
      const [K, H, W] = editor.shape;
      if (A.length !== K || A[0].length !== H || A[0][0].length !== W) {
        editor.setValues(A);
        controls.setSize(A.length, A[0].length, A[0][0].length);
      }
      const [min, max] = extent(...A.map((map) => map.flat()));
      legend.show(editor.paint(A, colourScale(kit.cmap(), min, max)));
      for (let k = 0; k < derived.K; k++) {
        setText(outputs[k].F, formatNumber(derived.F[k]));
        if (outputs[k].Fmax) setText(outputs[k].Fmax!, formatNumber(derived.Fmax[k]));
      }
    },
  };
}

/** The class weights: pick the class, edit w_k^c and b_c, read S_c and p_c. */
export function weightsPart<S extends ToyState>(kit: Kit<S, unknown>): { element: HTMLElement; show(state: ToyState, derived: Derived): void } {
  const set = (patch: Partial<ToyState>) => kit.set(patch as Partial<S>);
  const table = new WeightsTable({
    messages: kit.m,
    problems: kit.problems,
    onWeight: (c, k, v) => set({ w: withEntry(kit.state.w, c, k, v) }),
    onBias: (c, v) => set({ b: withItem(kit.state.b, c, v) }),
    onClass: (c) => set({ c }),
  });
  return {
    element: table.element,
    show: (state, derived) => table.show({ w: state.w, b: state.b, c: state.c, S: derived.S, p: derived.p }),
  };
}

type ChoiceField = 'head' | 'target' | 'pool';

/**
 * Radio buttons for one of the toy state's named choices, shown from the state: the first choice stands
 * for a field the state leaves out.
 */
export function fieldChoice<S extends ToyState, F extends ChoiceField>(kit: Kit<S, unknown>, field: F, legend: string, choices: { value: NonNullable<ToyState[F]>; label: string }[]) {
  type Value = NonNullable<ToyState[F]>;
  const current = (state: ToyState) => (state[field] ?? choices[0].value) as Value;
  const group = choiceGroup<Value>({ legend, name: field, choices, value: current(kit.state), onChange: (v) => kit.set({ [field]: v } as Partial<S>) });
  return { element: group.element, show: (state: ToyState) => group.set(current(state)) };
}

/** The head switch (GAP + linear, or flatten + dense + dense) and what is differentiated (the score or the probability). */
export function headParts<S extends ToyState>(kit: Kit<S, unknown>): { element: HTMLElement; show(state: ToyState): void } {
  const { m } = kit;
  const head = fieldChoice(kit, 'head', m['explain.head'], [
    { value: 'gap', label: m['explain.head.gap'] },
    { value: 'fc', label: m['explain.head.fc'] },
  ]);
  const target = fieldChoice(kit, 'target', m['explain.target'], [
    { value: 'score', label: m['explain.target.score'] },
    { value: 'probability', label: m['explain.target.probability'] },
  ]);
  return {
    element: h('div', { class: 'choice-row' }, head.element, target.element),
    show(state) {
      head.show(state);
      target.show(state);
    },
  };
}

/** "class 2" in the page's language. */
export function className(kit: Kit<unknown, unknown>, c: number): string {
  return format(kit.m['widget.className'], { c: c + 1 });
}
