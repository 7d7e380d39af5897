/**
 * The one table of widgets. The lazy loader starts them from it, `npm run bench` times the edits it lists,
 * and the end-to-end tests run the shared checks (link round trip, hostile links, presenter window) on every
 * row. Adding a widget is adding a row here; tests/unit/widgets/registry.test.ts says what else a row needs.
 *
 * This module is in every lesson page's first script: it holds data and dynamic imports only.
 */
import type { BackendName } from '../state/backend.ts';
import type { AnyWidget } from './kit/define.ts';

/** One way a learner edits the widget: what the bench times and what the shared checks do. */
export interface WidgetEdit {
  /** Names the bench row. */
  name: string;
  /** The controls used, relative to the widget's host; an edit takes them in turn. */
  control: string;
  /** Type a number (the default), check a radio, move a slider, or click a button. */
  kind?: 'type' | 'check' | 'slide' | 'click';
  /** The numbers typed, in turn (default: 0, 37, 74, ... wrapping at 200). */
  values?: readonly number[];
  /** For a button that can be spent (a stepper's next at its last line): the button clicked instead, so every timed edit renders. */
  back?: string;
  /** The edit runs a trained network's conv layers (a new image): the bench holds it to the new-image target. */
  runsNetwork?: boolean;
}

export interface WidgetEntry {
  tag: string;
  load: () => Promise<{ default: AnyWidget }>;
  /** The backend a widget starts on unless the learner chose one: what the bench measured fastest for its sizes. */
  backend: BackendName;
  /** The lesson (its slug) that teaches with it: where the bench and the shared checks open it. */
  lesson: string;
  edits: readonly WidgetEdit[];
  /**
   * The widget needs room (a trained network's maps, two maps side by side, the derivation's lines): on a wide
   * screen it may be wider than the text column, as distill's l-page figures are.
   */
  wide?: boolean;
}

const cell = 'table.fmap input';
const pixels = [1, 0] as const;

export const widgetRegistry: readonly WidgetEntry[] = [
  {
    tag: 'cam-toy-cam',
    load: () => import('./toy-cam.ts'),
    backend: 'cpu',
    lesson: '01-why-explain',
    // An edit of a pixel runs the toy network's conv2d, then the derive.
    edits: [{ name: 'toy network CAM', control: cell, values: pixels }],
  },
  {
    tag: 'cam-shapes',
    wide: true,
    load: () => import('./shapes-classify.ts'),
    // The trained network's 64 maps of 16 x 16 compute faster on WebAssembly than on the JavaScript CPU backend.
    backend: 'wasm',
    lesson: '01-why-explain',
    edits: [
      // A class re-derives everything from the maps; a new image also runs the network's conv layers first.
      { name: 'trained CAM: class', control: 'input[data-class-radio]', kind: 'check' },
      { name: 'trained CAM: image', control: 'button[data-action=next]', kind: 'click', runsNetwork: true },
    ],
  },
  {
    tag: 'cam-filters',
    load: () => import('./filters.ts'),
    backend: 'cpu',
    lesson: '02-filters-and-feature-maps',
    edits: [{ name: 'filters and flattening', control: cell, values: pixels }],
  },
  {
    tag: 'cam-gap',
    load: () => import('./gap.ts'),
    backend: 'cpu',
    lesson: '03-global-average-pooling',
    edits: [{ name: 'GAP and GMP', control: cell }],
  },
  {
    tag: 'cam-pooling-twins',
    wide: true,
    load: () => import('./pooling-twins.ts'),
    // Two trained networks' 64 maps of 16 x 16: WebAssembly, as for cam-shapes.
    backend: 'wasm',
    lesson: '03-global-average-pooling',
    edits: [
      // A new image runs both networks' conv layers; the threshold only re-boxes both maps.
      { name: 'GAP and GMP twins: image', control: 'button[data-action=next]', kind: 'click', runsNetwork: true },
      { name: 'GAP and GMP twins: threshold', control: 'input[data-threshold]', kind: 'slide' },
    ],
  },
  {
    tag: 'cam-class-scores',
    load: () => import('./class-scores.ts'),
    backend: 'cpu',
    lesson: '04-class-scores',
    edits: [{ name: 'class scores', control: cell }],
  },
  {
    tag: 'cam-cam',
    load: () => import('./class-activation-map.ts'),
    backend: 'cpu',
    lesson: '05-class-activation-map',
    // An edit also thresholds the 80 x 80 map, boxes it and draws two canvases.
    edits: [
      { name: 'class activation map', control: cell },
      { name: 'class activation map: threshold', control: 'input[data-threshold]', kind: 'slide' },
      { name: 'class activation map: true box', control: 'input[data-truth=x1]', values: [60, 70, 75] },
    ],
  },
  {
    tag: 'cam-shapes-box',
    wide: true,
    load: () => import('./shapes-box.ts'),
    backend: 'wasm',
    lesson: '05-class-activation-map',
    edits: [{ name: 'trained CAM: threshold', control: 'input[data-threshold]', kind: 'slide' }],
  },
  {
    tag: 'cam-limits',
    load: () => import('./cam-limits.ts'),
    backend: 'cpu',
    lesson: '06-cam-limits',
    edits: [{ name: 'CAM limits', control: cell }],
  },
  {
    tag: 'cam-grad-cam',
    wide: true,
    load: () => import('./grad-cam.ts'),
    backend: 'cpu',
    lesson: '07-grad-cam',
    edits: [
      { name: 'Grad-CAM', control: cell },
      { name: 'Grad-CAM: head', control: 'input[data-choice^="head:"]', kind: 'check' },
    ],
  },
  {
    tag: 'cam-shapes-grad-cam',
    load: () => import('./shapes-grad-cam.ts'),
    // Like cam-shapes: 64 maps of 16 x 16 and a trained head compute faster on WebAssembly.
    backend: 'wasm',
    lesson: '07-grad-cam',
    edits: [
      // A class, a target or a sign runs only the head and its gradient; a new image also runs the conv layers.
      { name: 'trained Grad-CAM: class', control: 'input[data-class-radio]', kind: 'check' },
      { name: 'trained Grad-CAM: image', control: 'button[data-action=next]', kind: 'click', runsNetwork: true },
      { name: 'trained Grad-CAM: target', control: 'input[data-choice^="target:"]', kind: 'check' },
      { name: 'trained Grad-CAM: sign', control: 'input[data-choice^="sign:"]', kind: 'check' },
    ],
  },
  {
    tag: 'cam-derivation',
    wide: true,
    load: () => import('./derivation-stepper.ts'),
    backend: 'cpu',
    lesson: '08-cam-is-grad-cam',
    edits: [
      { name: 'derivation', control: cell },
      { name: 'derivation: next line', control: 'button[data-action=next]', kind: 'click', back: 'button[data-action=prev]' },
    ],
  },
  {
    tag: 'cam-vs-grad-cam',
    wide: true,
    load: () => import('./cam-vs-grad-cam.ts'),
    backend: 'cpu',
    lesson: '09-cam-vs-grad-cam',
    edits: [
      { name: 'CAM vs Grad-CAM', control: cell },
      { name: 'CAM vs Grad-CAM: class', control: 'table.weights input[type=radio]', kind: 'check' },
    ],
  },
  {
    tag: 'cam-shapes-compare',
    load: () => import('./shapes-compare.ts'),
    backend: 'wasm',
    lesson: '09-cam-vs-grad-cam',
    edits: [
      { name: 'trained CAM vs Grad-CAM: class', control: 'input[data-class-radio]', kind: 'check' },
      { name: 'trained CAM vs Grad-CAM: image', control: 'button[data-action=next]', kind: 'click', runsNetwork: true },
      // The first switch loads the other network; later ones reuse it.
      { name: 'trained CAM vs Grad-CAM: network', control: 'input[data-choice^="net:"]', kind: 'check' },
    ],
  },
];

export function widgetEntry(tag: string): WidgetEntry | undefined {
  return widgetRegistry.find((entry) => entry.tag === tag);
}
