import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

// Unit tests run on the cpu backend: exact float32 arithmetic, no GPU needed.
await tf.setBackend('cpu');
