import { format, messages as messagesFor, type Locale, type Messages } from '../i18n/index.ts';
import type { HeadKind, ToyInputs } from '../lib/derive.ts';
import type { GradientTarget } from '../lib/gradient.ts';
import { ToyStore, type DerivedState } from '../state/toy-store.ts';
import { currentBackend } from '../state/backend.ts';
import { formatNumber } from '../state/parse-number.ts';
import { FeatureMapEditor } from './feature-map-editor.ts';
import { Problems } from './number-input.ts';
import { BackendSwitch } from './backend-switch.ts';
import { weightTable } from './class-scores.ts';
import { choiceGroup } from './choice-group.ts';
import { h, symbol } from './dom.ts';

/**
 * What every toy widget of lessons 6-9 shares, built from the same parts as lesson 4's: one store,
 * the feature-map editor with F^k under each map, the weight table (class choice, S_c, p_c), the reset
 * button and the backend switch. Each lesson adds its own views around these.
 */
export interface ToyFrame {
  store: ToyStore;
  m: Messages;
  problems: Problems;
  editor: FeatureMapEditor;
  weights: ReturnType<typeof weightTable>;
  bar: HTMLElement;
  /** Puts a whole new state in (a reset or a scene), updating every input field. */
  load(next: ToyInputs): void;
  /** Call at the end of each render: shows the timing and dispatches 'camlab:rendered' on the host. */
  rendered(state: DerivedState): void;
}

export function createToyFrame(host: HTMLElement, locale: Locale, initial: () => ToyInputs): ToyFrame {
  const m = messagesFor(locale);
  const store = new ToyStore(initial());
  const problems = new Problems();
  const { A, w } = store.inputs;
  const editor = new FeatureMapEditor({
    A,
    messages: m,
    problems,
    onEdit: (k, i, j, v) => store.update((s) => void (s.A[k][i][j] = v)),
  });
  const Fout = editor.footers.map((footer, k) => {
    const value = h('output', { 'data-output': `F-${k}` });
    footer.append(symbol('F', undefined, k + 1), ' = ', value);
    return value;
  });
  const weights = weightTable(m, store, problems, A.length, w.length);
  const backend = new BackendSwitch(m, currentBackend(), () => void store.refresh(), (msg) => problems.set('backend', msg));
  const reset = h('button', { type: 'button', class: 'widget-button', 'data-action': 'reset' }, m['widget.reset']);
  const load = (next: ToyInputs) => {
    problems.clear();
    editor.setValues(next.A);
    weights.setValues(next);
    void store.replace(next);
  };
  reset.addEventListener('click', () => load(initial()));
  store.onError((error) => problems.set('derive', error.message));
  const bar = h('div', { class: 'widget-bar' }, reset, backend.element);
  return {
    store,
    m,
    problems,
    editor,
    weights,
    bar,
    load,
    rendered(state) {
      editor.paint(state.inputs.A);
      Fout.forEach((out, k) => (out.textContent = formatNumber(state.derived.F[k])));
      weights.show(state);
      backend.show(state.backend, state.ms);
      host.dispatchEvent(new CustomEvent('camlab:rendered', { detail: { backend: state.backend, ms: state.ms } }));
    },
  };
}

/** The head switch: GAP + linear (CAM's architecture) or flatten + dense + dense. */
export function headChoice(frame: ToyFrame) {
  const { m, store } = frame;
  return choiceGroup<HeadKind>({
    legend: m['explain.head'],
    name: 'head',
    choices: [
      { value: 'gap', label: m['explain.head.gap'] },
      { value: 'fc', label: m['explain.head.fc'] },
    ],
    value: store.inputs.head ?? 'gap',
    onChange: (v) => void store.update((s) => void (s.head = v)),
  });
}

/** What is differentiated: the score before softmax, or the probability after it. */
export function targetChoice(frame: ToyFrame) {
  const { m, store } = frame;
  return choiceGroup<GradientTarget>({
    legend: m['explain.target'],
    name: 'target',
    choices: [
      { value: 'score', label: m['explain.target.score'] },
      { value: 'probability', label: m['explain.target.probability'] },
    ],
    value: store.inputs.target ?? 'score',
    onChange: (v) => void store.update((s) => void (s.target = v)),
  });
}

/** "class 2" in the page's language. */
export function className(m: Messages, c: number): string {
  return format(m['widget.className'], { c: c + 1 });
}
