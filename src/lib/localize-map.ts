import * as tf from '@tensorflow/tfjs-core';
import { upsampleBilinear } from './display.ts';
import { iou, localize, type Box, type Localization } from './localize.ts';

export interface MapLocalization extends Localization {
  /** The map upsampled to the image, row-major height x width. */
  up: Float32Array;
  width: number;
  height: number;
  /** The largest value of the upsampled map, and the cut: fraction x max. */
  max: number;
  cut: number;
  /** IoU of the predicted box with the true one, and whether it reaches 0.5 (the paper's "correct"). */
  iou: number;
  correct: boolean;
}

/**
 * The CAM paper's localization on a class activation map: upsample the H x W map to the image
 * (bilinear), keep what is above `fraction` of its max, take the largest connected part, box it,
 * and compare the box with the true one. One tf.tidy and one read-back; the rest works on the array.
 */
export async function localizeMap(
  M: ArrayLike<number>,
  H: number,
  W: number,
  size: { width: number; height: number },
  fraction: number,
  truth: Box | null,
): Promise<MapLocalization> {
  const { width, height } = size;
  const up = tf.tidy(() => upsampleBilinear(tf.tensor2d(Array.from(M), [H, W]), [height, width]));
  let values: Float32Array;
  try {
    values = (await up.data()) as Float32Array;
  } finally {
    up.dispose();
  }
  return localizeUpsampled(values, width, height, fraction, truth);
}

/** The same protocol on a map already upsampled to the image (derive() can do that in its one read-back). */
export function localizeUpsampled(up: Float32Array, width: number, height: number, fraction: number, truth: Box | null): MapLocalization {
  let max = -Infinity;
  for (let i = 0; i < up.length; i++) if (up[i] > max) max = up[i];
  const found = localize(up, width, height, fraction);
  const overlap = iou(found.box, truth);
  return { ...found, up, width, height, max, cut: max > 0 ? fraction * max : 0, iou: overlap, correct: overlap >= 0.5 };
}
