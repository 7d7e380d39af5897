import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers' bundles register every gradient function of tfjs-core (in Node and under Vite alike).
import '@tensorflow/tfjs-layers';
import { registerConvGradientKernels } from './conv-gradient-kernels.ts';
import { registerBatchNormGradient } from './batch-norm-gradient.ts';
import { usePlainConvGradient } from './plain-conv-gradient.ts';

export type TrainingBackend = 'wasm' | 'cpu';

/**
 * Picks the backend for training before any tensor exists. Importing the wasm backend registers it
 * with a higher priority than cpu, so the choice is made explicitly here. wasm runs single-threaded
 * (threads in Node need fragile shims); with the two gradient kernels it is ~20x faster than cpu.
 */
export async function useTrainingBackend(name: TrainingBackend = 'wasm'): Promise<void> {
  if (name === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    registerConvGradientKernels('wasm');
    registerBatchNormGradient();
    usePlainConvGradient();
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend could not start.`);
  await tf.ready();
}
