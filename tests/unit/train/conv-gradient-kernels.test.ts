import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-wasm';
import { registerConvGradientKernels } from '../../../src/train/conv-gradient-kernels.ts';
import { expectClose, seededRandom } from '../lib/close.ts';

registerConvGradientKernels('wasm');

interface Case {
  name: string;
  x: [number, number, number, number];
  f: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}

// The shapes the shipped models use (3x3, stride 1, same), plus strided and valid ones.
const cases: Case[] = [
  { name: '3x3 stride 1 same (the models)', x: [2, 9, 9, 3], f: [3, 3, 3, 4], stride: 1, pad: 'same' },
  { name: '3x3 stride 2 same, odd size', x: [2, 9, 7, 2], f: [3, 3, 2, 3], stride: 2, pad: 'same' },
  { name: '3x3 stride 2 same, even size', x: [1, 8, 8, 2], f: [3, 3, 2, 3], stride: 2, pad: 'same' },
  { name: '5x5 stride 1 valid', x: [2, 8, 10, 3], f: [5, 5, 3, 2], stride: 1, pad: 'valid' },
  { name: '3x3 stride 2 valid', x: [1, 9, 8, 2], f: [3, 3, 2, 2], stride: 2, pad: 'valid' },
  { name: '2x2 stride 2 valid', x: [2, 6, 6, 1], f: [2, 2, 1, 3], stride: 2, pad: 'valid' },
  { name: '1x1 stride 1 same', x: [2, 5, 5, 4], f: [1, 1, 4, 3], stride: 1, pad: 'same' },
  { name: '4x4 stride 3 same', x: [1, 10, 11, 2], f: [4, 4, 2, 2], stride: 3, pad: 'same' },
];

function randomArray(rand: () => number, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rand() * 2 - 1);
}

/** The loss sum(conv(x, f) * r) has gradients dx = backpropInput(r), df = backpropFilter(r). */
async function gradients(backend: string, c: Case, xs: Float32Array, fs: Float32Array, rs: Float32Array, outShape: number[]) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x);
    const f = tf.tensor4d(fs, c.f);
    const r = tf.tensor(rs, outShape);
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r)));
    const [dx, df] = g([x, f]);
    return [dx.dataSync().slice(), df.dataSync().slice()];
  });
}

describe('wasm Conv2D gradient kernels', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const c of cases) {
    it(`match the cpu backend: ${c.name}`, async () => {
      const rand = seededRandom(c.x[1] * 31 + c.f[0] * 7 + c.stride);
      const xs = randomArray(rand, c.x.reduce((a, b) => a * b));
      const fs = randomArray(rand, c.f.reduce((a, b) => a * b));
      await tf.setBackend('cpu');
      const outShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.f) as tf.Tensor4D, c.stride, c.pad).shape);
      const rs = randomArray(rand, outShape.reduce((a, b) => a * b));
      const [cpuDx, cpuDf] = await gradients('cpu', c, xs, fs, rs, outShape);
      const [wasmDx, wasmDf] = await gradients('wasm', c, xs, fs, rs, outShape);
      expect(tf.getBackend()).toBe('wasm');
      expectClose(wasmDx, cpuDx, 1e-4);
      expectClose(wasmDf, cpuDf, 1e-4);
    });
  }

  it('frees every intermediate buffer (no leaked tensors or memory)', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')));
    tf.dispose(g([x, f]));
    const before = tf.memory();
    for (let i = 0; i < 5; i++) tf.dispose(g([x, f]));
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
    expect(after.numBytes).toBe(before.numBytes);
    // The inputs survive: their data is still readable.
    expect(x.dataSync().length).toBe(2 * 8 * 8 * 3);
    tf.dispose([x, f]);
  });
});
