/**
 * The training loop: fresh seeded images every epoch (the network never sees an image twice, so it must
 * learn shapes rather than memorise pictures), a seeded shuffle, Adam with a cosine-decayed learning rate,
 * and a held-out test set scored after every epoch for the learning curves.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { seededRandom } from '../lib/random.ts';
import { NUM_CLASSES, SIZE, generateSet, type SampleOptions, type ShapeSet } from '../shapes/dataset.ts';
import { mixSeed, shuffledIndices } from '../shapes/random.ts';
import type { Networks } from './architectures.ts';

const PIXELS = SIZE * SIZE * 3;

/** The learning rate of the last epoch, as a fraction of the first's. */
export const LR_FLOOR = 0.02;

export interface FitOptions {
  seed: number;
  data: SampleOptions;
  /** Epochs to run now, starting at firstEpoch (default 1) of a run of totalEpochs (default epochs). */
  epochs: number;
  firstEpoch?: number;
  totalEpochs?: number;
  imagesPerEpoch: number;
  batchSize: number;
  learningRate: number;
  /** The share of easy images in each epoch (the last value holds for the remaining epochs). */
  curriculum: number[];
  /** Scored after every epoch (loss and accuracy), for the learning curve. */
  testSet: ShapeSet;
  /** Called after every epoch with the history so far (to save a checkpoint). */
  onEpoch?: (history: EpochRecord[]) => Promise<void>;
  /** Called after every batch: for the progress bar. */
  onBatch?: (state: { epoch: number; batch: number; batches: number; loss: number; accuracy: number }) => void;
}

export interface EpochRecord {
  epoch: number;
  easyFraction: number;
  learningRate: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  seconds: number;
}

function batchTensors(set: ShapeSet, indices: ArrayLike<number>): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const n = indices.length;
  const images = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    images.set(set.images.subarray(indices[i] * PIXELS, (indices[i] + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[indices[i]];
  }
  return tf.tidy(() => ({ x: tf.tensor4d(images, [n, SIZE, SIZE, 3]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_CLASSES) as tf.Tensor2D }));
}

/** Mean cross-entropy and accuracy of a model on a set, in inference mode, in batches. */
export async function scoreSet(model: tfl.LayersModel, set: ShapeSet, batchSize = 100): Promise<{ loss: number; accuracy: number; predictions: Int32Array }> {
  let lossSum = 0;
  let correct = 0;
  const predictions = new Int32Array(set.count);
  for (let start = 0; start < set.count; start += batchSize) {
    const end = Math.min(set.count, start + batchSize);
    const indices = Array.from({ length: end - start }, (_, i) => start + i);
    const { x, y } = batchTensors(set, indices);
    const [loss, predicted] = tf.tidy(() => {
      const p = model.predict(x) as tf.Tensor2D;
      const nll = tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1))), 1));
      return [tf.sum(nll), tf.argMax(p, 1)];
    });
    lossSum += (await loss.data())[0];
    const pred = await predicted.data();
    for (let i = 0; i < pred.length; i++) {
      predictions[start + i] = pred[i];
      if (pred[i] === set.labels[start + i]) correct++;
    }
    tf.dispose([x, y, loss, predicted]);
  }
  return { loss: lossSum / set.count, accuracy: correct / set.count, predictions };
}

/**
 * Trains `networks.trainer` and reports, per epoch, its loss and accuracy on the training images and the
 * saved model's on the test set (after sync, so the curve is the saved model's own).
 */
export async function fit(networks: Networks, options: FitOptions): Promise<EpochRecord[]> {
  const { model, trainer } = networks;
  const optimizer = tf.train.adam(options.learningRate);
  trainer.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const history: EpochRecord[] = [];
  const batches = Math.ceil(options.imagesPerEpoch / options.batchSize);
  const first = options.firstEpoch ?? 1;
  const total = options.totalEpochs ?? options.epochs;
  for (let epoch = first; epoch < first + options.epochs; epoch++) {
    const started = Date.now();
    // Cosine decay from the base rate to LR_FLOOR of it over the run: a fast start, and last epochs that anneal.
    const progress = total > 1 ? (epoch - 1) / (total - 1) : 0;
    const lr = options.learningRate * (LR_FLOOR + (1 - LR_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    (optimizer as unknown as { learningRate: number }).learningRate = lr;

    const easyFraction = options.curriculum[Math.min(epoch, options.curriculum.length) - 1] ?? 0;
    const set = generateSet(options.seed, options.imagesPerEpoch, { ...options.data, easyFraction }, (epoch - 1) * options.imagesPerEpoch);
    const order = shuffledIndices(set.count, seededRandom(mixSeed(options.seed, epoch, 0x5eed)));
    let lossSum = 0;
    let accSum = 0;
    for (let b = 0; b < batches; b++) {
      const indices = order.subarray(b * options.batchSize, Math.min(set.count, (b + 1) * options.batchSize));
      const { x, y } = batchTensors(set, indices);
      const [loss, accuracy] = (await trainer.trainOnBatch(x, y)) as number[];
      tf.dispose([x, y]);
      lossSum += loss * indices.length;
      accSum += accuracy * indices.length;
      options.onBatch?.({ epoch, batch: b + 1, batches, loss: lossSum / Math.min(set.count, (b + 1) * options.batchSize), accuracy: accSum / Math.min(set.count, (b + 1) * options.batchSize) });
    }
    networks.sync();
    const test = await scoreSet(model, options.testSet);
    history.push({
      epoch,
      easyFraction,
      learningRate: lr,
      trainLoss: lossSum / set.count,
      trainAccuracy: accSum / set.count,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      seconds: (Date.now() - started) / 1000,
    });
    await options.onEpoch?.(history);
  }
  return history;
}
