/**
 * The toy network of lessons 1 and 2 (one conv layer of hand-set 3x3 filters, ReLU, GAP, dense) and the
 * image the learner paints for it: the state, the computation, and the image editor with its tools.
 */
import { format } from '../../i18n/index.ts';
import { derive, type Derived } from '../../lib/derive.ts';
import { handSetNetwork, toyImage, type ToyImageName } from '../../model/toy-network.ts';
import { withEntry } from '../../state/patch.ts';
import { shiftGrid } from '../../state/presets.ts';
import type { Schema, StateOf } from '../../state/url-state.ts';
import type { Kit } from '../kit/define.ts';
import { FeatureMapEditor, editorControls } from '../feature-map-editor.ts';
import { colourScale } from '../colormap.ts';
import { h } from '../dom.ts';

export const network = handSetNetwork;
const size = network.size;

export const imageSchema = {
  img: { kind: 'array', rank: 2, max: [size, size], limit: 1 },
  c: { kind: 'int', min: 0, max: network.classes.length - 1 },
} as const satisfies Schema;

export type ImageState = StateOf<typeof imageSchema>;

export const imageDefaults = (): ImageState => ({ img: toyImage('cross', size), c: 3 });

export function checkImage(state: ImageState): string | null {
  return state.img.length === size && state.img.every((row) => row.length === size) ? null : 'size';
}

export interface ToyNetworkResult {
  /** The conv layer's feature maps of the image, [K][H][W]. */
  A: number[][][];
  derived: Derived;
}

/** Image -> feature maps (tfjs conv2d), then the one derive() of F, S, p and M from them. */
export async function computeToyNetwork(state: ImageState): Promise<ToyNetworkResult> {
  const A = await network.features(state.img);
  return { A, derived: await derive({ A, w: network.w, b: network.b, c: state.c, pooling: 'mean' }) };
}

/** What both toy-network widgets compute, and from which fields: spread into their definitions. */
export const toyNetworkDerivation = {
  schema: imageSchema,
  defaults: imageDefaults,
  check: checkImage,
  compute: computeToyNetwork,
  computeFrom: ['img', 'c'],
};

/** A move of the image, told to the view before the state changes, so it can compare before and after. */
export type OnMove = () => void;

/** The paintable image with its presets, a clear button and moves one pixel in each direction. */
export function imagePart(kit: Kit<ImageState, unknown>, onMove?: OnMove) {
  const { m } = kit;
  const editor = new FeatureMapEditor({
    A: [kit.state.img],
    messages: m,
    problems: kit.problems,
    symbolName: 'x',
    cellLabel: 'toy.pixel',
    mapLabel: 'toy.image',
    paint: { value: 1 },
    range: { min: 0, max: 1 },
    link: false,
    onEdit: (_k, i, j, v) => kit.set({ img: withEntry(kit.state.img, i, j, v) }),
  });
  const preset = (name: ToyImageName) => ({ key: `image-${name}`, label: m[`toy.image.${name}`], run: () => kit.set({ img: toyImage(name, size) }) });
  const move = (dir: 'up' | 'down' | 'left' | 'right', di: number, dj: number) => ({
    key: `move-${dir}`,
    label: m[`toy.move.${dir}`],
    run: () => {
      onMove?.();
      kit.set({ img: shiftGrid(kit.state.img, di, dj) });
    },
  });
  const controls = editorControls({
    messages: m,
    problems: kit.problems,
    editor,
    brush: 1,
    actions: [
      preset('vertical'),
      preset('horizontal'),
      preset('diagonal'),
      preset('cross'),
      { key: 'clear', label: m['toy.clear'], run: () => kit.set({ img: kit.state.img.map((row) => row.map(() => 0)) }) },
      move('left', 0, -1),
      move('right', 0, 1),
      move('up', -1, 0),
      move('down', 1, 0),
    ],
  });
  return {
    parts: [h('h4', { class: 'widget-heading' }, format(m['toy.imageHeading'], { size })), controls.element, editor.element, h('p', { class: 'widget-hint' }, m['toy.paintHint'])],
    show(state: ImageState): void {
      editor.paint([state.img], colourScale(kit.cmap(), 0, 1));
    },
  };
}
