/**
 * Max pooling's gradient on the wasm backend (src/lib/max-pool-gradient.ts) against the cpu backend's, on
 * maps of ReLU-like values where whole windows are zero, as behind shapes-fc's last conv layer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-wasm';
import { useFirstMaxPoolGradient } from '../../../src/lib/max-pool-gradient.ts';
import { expectClose, seededRandom } from './close.ts';

afterAll(() => tf.setBackend('cpu'));

/** dx of sum(maxPool(x) * r): r weighs each window's output, so each window's gradient is its own r. */
async function gradient(backend: string, xs: Float32Array, shape: [number, number, number, number], size: number, stride: number, pad: 'valid' | 'same'): Promise<Float32Array> {
  await tf.setBackend(backend);
  useFirstMaxPoolGradient();
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, shape);
    const out = tf.maxPool(x, size, stride, pad);
    const r = tf.reshape(tf.add(tf.range(1, out.size + 1), 0.5), out.shape);
    return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, size, stride, pad), r)))(x).dataSync() as Float32Array;
  });
}

describe('max pooling gradient on WebAssembly', () => {
  it('gives every window its gradient, the first largest cell taking it, as the cpu backend does', async () => {
    const rand = seededRandom(7);
    const shape: [number, number, number, number] = [2, 8, 8, 3];
    // Half the values are exactly 0 (dead ReLU cells), so many windows are all zero; a few ties at 0.5 too.
    const xs = Float32Array.from({ length: 2 * 8 * 8 * 3 }, () => {
      const u = rand();
      return u < 0.5 ? 0 : u < 0.55 ? 0.5 : u;
    });
    for (const [size, stride, pad] of [[4, 4, 'valid'], [2, 2, 'valid'], [3, 2, 'same']] as const) {
      const cpu = await gradient('cpu', xs, shape, size, stride, pad);
      const wasm = await gradient('wasm', xs, shape, size, stride, pad);
      expectClose(wasm, cpu, 0);
    }
  });

  it('keeps the sum of a window’s gradient equal to its dy when the window is all zeros', async () => {
    const dx = await gradient('wasm', new Float32Array(16), [1, 4, 4, 1], 4, 4, 'valid');
    expect(Array.from(dx).reduce((a, b) => a + b, 0)).toBe(1.5);
    expect(dx[0]).toBe(1.5);
  });
});
