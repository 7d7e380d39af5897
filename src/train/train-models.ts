/**
 * Trains recipes one after another and writes each model with a training record (training.json)
 * and a model card (README.md). Call useTrainingBackend first.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { buildNetworks, countParameters } from './architectures.ts';
import { CLASS_NAMES, generateSet, type ShapeSet } from '../shapes/dataset.ts';
import { fit, scoreSet } from './fit.ts';
import { Progress, formatDuration } from './progress.ts';
import { TEST_SETS, TEST_SET_SIZE } from '../shapes/test-sets.ts';
import type { Recipe } from './recipes.ts';
import { saveModelToFolder } from '../node/save-model.ts';
import { writeModelCard } from './model-card.ts';
import type { TrainingRecord } from './training-record.ts';

/** The learning curve scores this many test images after every epoch; the final accuracies use all 1000. */
const CURVE_TEST_SIZE = 500;

const testSets = new Map<string, ShapeSet>();
export function testSet(key: keyof typeof TEST_SETS, size = TEST_SET_SIZE): ShapeSet {
  const id = `${key}:${size}`;
  if (!testSets.has(id)) testSets.set(id, generateSet(TEST_SETS[key].seed, size, TEST_SETS[key].options));
  return testSets.get(id)!;
}

/**
 * `concurrentModels`: how many models train at once on this machine (npm run train --jobs N runs N processes;
 * each records it, since a model's seconds depend on it).
 */
export async function trainRecipes(
  recipes: Recipe[],
  options: { out: string; command: string; testSize?: number; concurrentModels?: number; log?: (line: string) => void },
): Promise<TrainingRecord[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const totalSteps = recipes.reduce((n, r) => n + r.epochs * Math.ceil(r.imagesPerEpoch / r.batchSize), 0);
  const progress = new Progress(totalSteps);
  const records: TrainingRecord[] = [];
  for (const recipe of recipes) {
    const started = Date.now();
    const networks = buildNetworks(recipe.architecture, recipe.seed);
    const model = networks.model;
    const recordBase = () => ({
      name: recipe.name, recipe, command: options.command, backend: tf.getBackend(), classNames: CLASS_NAMES, parameters: countParameters(model),
      concurrentModels: options.concurrentModels ?? 1,
    });
    const history = await fit(networks, {
      seed: recipe.seed,
      data: recipe.data,
      epochs: recipe.epochs,
      imagesPerEpoch: recipe.imagesPerEpoch,
      batchSize: recipe.batchSize,
      learningRate: recipe.learningRate,
      curriculum: recipe.curriculum,
      testSet: testSet(recipe.curveTest, Math.min(CURVE_TEST_SIZE, options.testSize ?? CURVE_TEST_SIZE)),
      onBatch: (s) => progress.step(recipe.name.padEnd(15), { ...s, epochs: recipe.epochs }),
      // A checkpoint after every epoch: an interrupted run still leaves a loadable model and its curve so far.
      onEpoch: async (soFar) => {
        const folder = join(options.out, recipe.name);
        const { weightBytes } = await saveModelToFolder(model, folder);
        const partial = { ...recordBase(), weightBytes, seconds: (Date.now() - started) / 1000, history: soFar, testAccuracy: {}, complete: false };
        writeFileSync(join(folder, 'training.json'), `${JSON.stringify(partial, null, 2)}\n`);
      },
    });
    const testAccuracy: Record<string, number> = {};
    for (const key of Object.keys(TEST_SETS) as (keyof typeof TEST_SETS)[]) {
      testAccuracy[TEST_SETS[key].name] = (await scoreSet(model, testSet(key, options.testSize))).accuracy;
    }
    const folder = join(options.out, recipe.name);
    const { weightBytes } = await saveModelToFolder(model, folder);
    const record: TrainingRecord = {
      ...recordBase(),
      weightBytes,
      seconds: (Date.now() - started) / 1000,
      history,
      testAccuracy,
      complete: true,
    };
    writeFileSync(join(folder, 'training.json'), `${JSON.stringify(record, null, 2)}\n`);
    writeModelCard(folder);
    networks.trainer.dispose();
    records.push(record);
    progress.note(`${recipe.name}: clean ${(testAccuracy.clean * 100).toFixed(1)}%, cue-free ${(testAccuracy['cue-free'] * 100).toFixed(1)}%, `
      + `${weightBytes} bytes of weights, ${formatDuration(record.seconds)} -> ${folder}`);
  }
  log(`Trained ${records.length} model(s).`);
  return records;
}
