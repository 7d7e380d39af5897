import * as tf from '@tensorflow/tfjs-core';

/**
 * How a map is scaled to [0, 1] before it is drawn. Libraries differ, and the choice changes the picture:
 * 'minmax' (pytorch-grad-cam) stretches min..max; 'max' (the Keras example) divides by the largest value.
 * A flat map (or an all-zero one) becomes all zeros rather than a division by zero.
 */
export type Normalization = 'minmax' | 'max';

export function normalizeForDisplay(map: tf.Tensor, mode: Normalization = 'minmax'): tf.Tensor {
  return tf.tidy(() => {
    const max = tf.max(map);
    if (mode === 'max') {
      const safe = tf.maximum(max, 1e-12);
      return tf.clipByValue(tf.div(map, safe), 0, 1);
    }
    const min = tf.min(map);
    const range = tf.sub(max, min);
    const scaled = tf.div(tf.sub(map, min), tf.maximum(range, 1e-12));
    return tf.where(tf.greater(range, 1e-12), scaled, tf.zerosLike(map));
  });
}

/** Bilinear upsampling of an [H, W] map to the image's [height, width] (half-pixel centres, as OpenCV and PIL). */
export function upsampleBilinear(map: tf.Tensor2D, size: [number, number]): tf.Tensor2D {
  return tf.tidy(() => {
    const image = tf.expandDims(map, 2) as tf.Tensor3D;
    return tf.squeeze(tf.image.resizeBilinear(image, size, false, true), [2]) as tf.Tensor2D;
  });
}
