import type * as tf from '@tensorflow/tfjs-core';

/**
 * The one read-back of a computation: every result packed into one flat tensor inside its tidy, read from
 * the backend once (a GPU read-back costs more than the toy arithmetic), then disposed. Returns a reader
 * that hands out the next n values, in the order they were packed.
 */
export async function readPacked(packed: tf.Tensor): Promise<(n: number) => Float32Array> {
  let flat: Float32Array;
  try {
    flat = (await packed.data()) as Float32Array;
  } finally {
    packed.dispose();
  }
  let at = 0;
  return (n) => flat.subarray(at, (at += n));
}
