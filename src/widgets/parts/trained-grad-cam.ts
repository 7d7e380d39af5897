/**
 * The trained networks models/shapes-fc and models/shapes-gap in the page, for the Grad-CAM widgets of
 * lessons 7 and 9: which network (loaded when first asked for, each once), the computation of a state (the
 * image through the body once, then the head's Grad-CAM, and CAM beside it on the GAP head, in one tidy and
 * one read-back: src/model/network-explainer.ts), and the parts both widgets draw.
 */
import { format, type Messages } from '../../i18n/index.ts';
import { loadTrainedNetwork, type TrainedNetwork } from '../../model/trained-network.ts';
import { networkExplainer, type ExplainImage, type NetworkExplanation } from '../../model/network-explainer.ts';
import { NUM_CLASSES, SIZE, shapesSample } from '../../state/shapes-samples.ts';
import type { Sample } from '../../shapes/dataset.ts';
import type { Schema } from '../../state/url-state.ts';
import type { ColourMapName } from '../../state/colour-maps.ts';
import type { Kit } from '../kit/define.ts';
import { choiceGroup } from '../choice-group.ts';
import { colourScale, Legend, type ColourScale } from '../colormap.ts';
import { drawOverlay } from '../heatmap.ts';
import { ZOOM, type ShapesState } from './trained-shapes.ts';
import { h } from '../dom.ts';

/** The two trained networks a learner can explain: flatten head (no CAM) or GAP head. */
export const netNames = ['fc', 'gap'] as const;
export type NetName = (typeof netNames)[number];
export const netSchema = { net: { kind: 'enum', values: netNames } } as const satisfies Schema;

const folders: Record<NetName, string> = { fc: 'shapes-fc', gap: 'shapes-gap' };

function modelUrl(net: NetName): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}models/${folders[net]}/model.json`;
}

export interface LoadedNet {
  network: TrainedNetwork;
  explain: ExplainImage;
}

/** Both networks, each loaded once, when a state first asks for it. */
export class TrainedNets {
  #loading = new Map<NetName, Promise<LoadedNet>>();
  #m: Messages;
  #status: (text: string) => void;

  constructor(m: Messages, status: (text: string) => void) {
    this.#m = m;
    this.#status = status;
  }

  get(net: NetName): Promise<LoadedNet> {
    let loading = this.#loading.get(net);
    if (!loading) {
      loading = this.#load(net);
      this.#loading.set(net, loading);
      // A failed load may be tried again by the next state that asks (the file may have been out of reach).
      loading.catch(() => this.#loading.delete(net));
    }
    return loading;
  }

  async #load(net: NetName): Promise<LoadedNet> {
    const m = this.#m;
    this.#status(format(m['net.loading'], { name: folders[net] }));
    try {
      const network = await loadTrainedNetwork(modelUrl(net), NUM_CLASSES);
      if (network.size !== SIZE) throw new Error(format(m['shapes.wrongSize'], { size: network.size }));
      return { network, explain: networkExplainer(network) };
    } catch (error) {
      throw new Error(format(m['net.loadFailed'], { name: folders[net], reason: error instanceof Error ? error.message : String(error) }));
    }
  }
}

/** A widget's setup: the network its defaults show is loaded before the first state; the other on demand. */
export const setupNets = (first: NetName) => async ({ m, status }: { m: Messages; status(text: string): void }): Promise<TrainedNets> => {
  const nets = new TrainedNets(m, status);
  await nets.get(first);
  return nets;
};

export type NetState = ShapesState & { net: NetName };

export interface NetResult {
  net: NetName;
  sample: Sample;
  x: NetworkExplanation;
  /** For the shared image and score parts (trained-shapes.ts): the class explained and the scores. */
  c: number;
  bodyMs: number;
  derived: { S: Float32Array; p: Float32Array; H: number; W: number; K: number };
}

/** The computation of a state; the test image of the last state is kept, since a class pick reuses it. */
export function netComputer(nets: TrainedNets) {
  let last: { key: string; sample: Sample } | null = null;
  return async (state: NetState, request: { target?: 'score' | 'probability'; counterfactual?: boolean } = {}): Promise<NetResult> => {
    const key = `${state.set}:${state.n}`;
    if (last?.key !== key) last = { key, sample: shapesSample(state.set, state.n) };
    const { sample } = last;
    const { explain } = await nets.get(state.net);
    const x = await explain({ key, pixels: sample.image }, { c: state.c, ...request });
    return { net: state.net, sample, x, c: x.c, bodyMs: 0, derived: { S: x.S, p: x.p, H: x.H, W: x.W, K: x.K } };
  };
}

/** One computer per loaded set of networks (a widget's context). */
const computers = new WeakMap<TrainedNets, ReturnType<typeof netComputer>>();
export function computerFor(nets: TrainedNets): ReturnType<typeof netComputer> {
  let computer = computers.get(nets);
  if (!computer) computers.set(nets, (computer = netComputer(nets)));
  return computer;
}

/**
 * Radio buttons for one named choice of the state, shown from the state. `also` adds fields the choice
 * resets (another network explains its own prediction, so the class is let go).
 */
export function stateChoice<S extends object, F extends keyof S & string>(
  kit: Kit<S, unknown>,
  field: F,
  legend: string,
  choices: { value: S[F] & string; label: string }[],
  also: Partial<S> = {},
): { element: HTMLElement; show(state: S): void } {
  type Value = S[F] & string;
  const group = choiceGroup<Value>({ legend, name: field, choices, value: kit.state[field] as Value, onChange: (value) => kit.set({ ...also, [field]: value } as Partial<S>) });
  return { element: group.element, show: (state) => group.set(state[field] as Value) };
}

/** The network switch: shapes-fc (flatten head) or shapes-gap (GAP head). */
export function netChoice<S extends NetState>(kit: Kit<S, unknown>) {
  const { m } = kit;
  const choices: { value: NetName; label: string }[] = [
    { value: 'fc', label: m['net.choice.fc'] },
    { value: 'gap', label: m['net.choice.gap'] },
  ];
  return stateChoice(kit, 'net', m['net.choice'], choices as { value: S['net'] & string; label: string }[], { c: undefined } as Partial<S>);
}

/** A map upsampled over the test image, with its caption and colour legend. */
export class MapOverlay {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly caption: HTMLElement;
  #legend: Legend;

  constructor(m: Messages, name: string) {
    // Blank at its drawn size until drawn, and blanked again when hidden: a link restores exactly what the
    // learner saw, and hiding and showing the map never reallocates the canvas.
    this.canvas = h('canvas', { class: 'overlay-canvas pixel-canvas shapes-canvas', role: 'img', 'data-canvas': name, width: SIZE * ZOOM, height: SIZE * ZOOM });
    this.caption = h('figcaption');
    this.#legend = new Legend(m);
    this.element = h('figure', {}, this.caption, this.canvas, this.#legend.element);
  }

  /** Draws `map` (size x size) over the image with `scale`, or the image alone for null; `alt` is what a screen reader hears. */
  show(sample: Sample, map: ArrayLike<number> | null, scale: ColourScale, alt: string): void {
    drawOverlay(this.canvas, SIZE, SIZE, sample.image, map, map ? scale : null, 0.6, { channels: 3, zoom: ZOOM });
    this.canvas.setAttribute('aria-label', alt);
    this.#legend.show(scale);
    this.element.hidden = false;
  }

  /** Hides the figure and blanks its canvas (a map that does not exist for this network). */
  hide(): void {
    this.element.hidden = true;
    this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }
}

/** The learner's sequential colour map over 0..max (a map that is zero everywhere gets 0..1). */
export const sequentialScale = (cmap: ColourMapName, max: number): ColourScale => colourScale(cmap, 0, max > 0 ? max : 1);
