/**
 * The network behind lessons 1 and 2: a toy image goes through one convolution layer (hand-set 3x3
 * filters and a ReLU), global average pooling and one dense layer. Its weights were set by hand so that
 * each class looks for one kind of stroke; the trained network (models/shapes-gap) can replace it by
 * offering the same interface: `features(image)` for the last conv layer's maps and `w`, `b` for the head.
 */
import { applyFilters } from '../lib/convolve.ts';
import type { MessageKey } from '../i18n/index.ts';

export interface ToyNetwork {
  /** Identifies the network in links and labels. */
  id: string;
  /** The input image is size x size pixels, values in 0..1. */
  size: number;
  /** i18n keys of the class names, in the order of the rows of w. */
  classes: readonly MessageKey[];
  /** The filters of the conv layer, [K][3][3] (shown in lesson 2; a trained network may leave them out). */
  filters: number[][][];
  /** The dense layer after GAP: w[C][K], b[C]. */
  w: number[][];
  b: number[];
  /** The last conv layer's feature maps for an image, [K][H][W]. */
  features(image: number[][]): Promise<number[][][]>;
}

const vertical = [
  [-1, 2, -1],
  [-1, 2, -1],
  [-1, 2, -1],
];
const horizontal = [
  [-1, -1, -1],
  [2, 2, 2],
  [-1, -1, -1],
];
const diagonal = [
  [2, -1, -1],
  [-1, 2, -1],
  [-1, -1, 2],
];

export const handSetNetwork: ToyNetwork = {
  id: 'hand-set',
  size: 12,
  classes: ['toy.class.vertical', 'toy.class.horizontal', 'toy.class.diagonal', 'toy.class.cross'],
  filters: [vertical, horizontal, diagonal],
  w: [
    [10, -10, -5],
    [-10, 10, -5],
    [-5, -5, 10],
    [6, 6, -10],
  ],
  b: [0, 0, 0, 0],
  features(image) {
    return applyFilters(image, this.filters);
  },
};

export type ToyImageName = 'vertical' | 'horizontal' | 'diagonal' | 'cross';

/** Toy images drawn with one-pixel strokes on a size x size canvas. */
export function toyImage(name: ToyImageName, size = 12): number[][] {
  const img = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const mid = Math.floor(size / 2) - 1;
  const from = 3;
  const to = size - 4;
  if (name === 'vertical' || name === 'cross') for (let i = from; i <= to; i++) img[i][mid] = 1;
  if (name === 'horizontal' || name === 'cross') for (let j = from; j <= to; j++) img[mid][j] = 1;
  if (name === 'diagonal') for (let d = from; d <= to; d++) img[d][d] = 1;
  return img;
}
