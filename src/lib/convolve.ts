import * as tf from '@tensorflow/tfjs-core';

/**
 * Applies K filters (each fh x fw, one input channel) to an H x W image with tf.conv2d, 'same' padding
 * (zeros beyond the border) and stride 1, then the ReLU: one feature map per filter, laid out [K][H][W].
 * One tf.tidy and one read-back.
 */
export async function applyFilters(image: number[][], filters: number[][][], relu = true): Promise<number[][][]> {
  const H = image.length;
  const W = image[0]?.length ?? 0;
  const K = filters.length;
  if (!H || !W || !K) throw new Error('An image and at least one filter are needed.');
  const fh = filters[0].length;
  const fw = filters[0][0].length;
  const out = tf.tidy(() => {
    const x = tf.tensor4d(image.flat(), [1, H, W, 1]);
    // Filters [K][fh][fw] -> [fh, fw, 1, K], the layout conv2d expects.
    const f = tf.reshape(tf.transpose(tf.tensor3d(filters, [K, fh, fw]), [1, 2, 0]), [fh, fw, 1, K]) as tf.Tensor4D;
    const y = tf.conv2d(x, f, 1, 'same');
    const activated = relu ? tf.relu(y) : y;
    return tf.transpose(tf.reshape(activated, [H, W, K]), [2, 0, 1]);
  });
  try {
    const flat = await out.data();
    return Array.from({ length: K }, (_, k) => Array.from({ length: H }, (_, i) => Array.from(flat.subarray((k * H + i) * W, (k * H + i + 1) * W))));
  } finally {
    out.dispose();
  }
}

/** The K maps laid end to end, channel after channel, row after row: what a flatten layer hands to a dense layer. */
export function flattenMaps(A: number[][][]): number[] {
  return A.flat(2);
}

/** Parameters of a dense head with C classes on K maps of H x W: flattened, or after global average pooling. */
export function headParameters(K: number, H: number, W: number, C: number): { flatten: number; gap: number } {
  return { flatten: K * H * W * C + C, gap: K * C + C };
}
