/**
 * Renders a model card (README.md) beside a model from its training record (training.json) and,
 * once `npm run evaluate` has run, the localization table (../localization.json).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BACKGROUND_KINDS } from '../shapes/backgrounds.ts';
import { CUE_AGREEMENT } from '../shapes/dataset.ts';
import { TEST_SETS } from '../shapes/test-sets.ts';
import { LR_FLOOR } from './fit.ts';
import type { TrainingRecord } from './training-record.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

interface LayerConfig {
  class_name: string;
  config: { name: string; filters?: number; kernel_size?: number[]; strides?: number[]; units?: number; activation?: string; pool_size?: number[]; rate?: number; batch_input_shape?: (number | null)[] };
}

function architectureTable(folder: string): string {
  const model = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const topology = model.modelTopology.model_config ?? model.modelTopology;
  const layers: LayerConfig[] = topology.config.layers;
  const rows = layers.map((l) => {
    const c = l.config;
    const detail = [
      c.filters ? `${c.filters} filters ${c.kernel_size?.join('x')}${c.strides && c.strides[0] !== 1 ? `, stride ${c.strides[0]}` : ''}` : '',
      c.units ? `${c.units} units` : '',
      c.pool_size ? `${c.pool_size.join('x')}` : '',
      c.rate ? `rate ${c.rate}` : '',
      c.activation && c.activation !== 'linear' ? c.activation : '',
    ].filter(Boolean).join(', ');
    return `| \`${c.name}\` | ${l.class_name} | ${detail} |`;
  });
  return ['| layer | type | settings |', '| --- | --- | --- |', ...rows].join('\n');
}

interface LocalizationFile {
  methods: { id: string; model: string; label: string; top1LocError: number; maxBoxAcc: { best: number; threshold: number | null; side?: number } }[];
  classificationError: Record<string, number>;
  testSet: { count: number };
  drawnElsewhere?: { drawnBy: string; count: number; accuracy: Record<string, number> };
  bias?: Record<string, { gradCamShareOnCornerMark: number } | string>;
}

export function renderModelCard(folder: string): string {
  const record: TrainingRecord = JSON.parse(readFileSync(join(folder, 'training.json'), 'utf8'));
  const r = record.recipe;
  const name = basename(folder);
  const data = r.data.cue === 'class'
    ? `the biased set: a 6x6 mark in the top-left corner whose colour is the class's (red circle, green square, blue triangle, yellow cross) on ${pct(CUE_AGREEMENT)} of the images, a random class colour otherwise`
    : r.data.cue === 'random'
      ? 'the fixed set: the same corner mark on every image, its colour chosen at random, so it tells nothing about the class'
      : 'one shape per image, no corner mark';
  const curve = record.history.map((h) => `| ${h.epoch} | ${pct(h.easyFraction)} | ${h.learningRate.toExponential(2)} | ${h.trainLoss.toFixed(4)} | ${pct(h.trainAccuracy)} | ${h.testLoss.toFixed(4)} | ${pct(h.testAccuracy)} | ${h.seconds.toFixed(0)} |`);
  const accuracy = Object.entries(record.testAccuracy).map(([set, acc]) => {
    const spec = Object.values(TEST_SETS).find((t) => t.name === set);
    return `| ${set} | ${spec?.description ?? ''} | ${pct(acc)} |`;
  });

  let localization = 'Run `npm run evaluate` to measure it.';
  const locPath = join(dirname(folder), 'localization.json');
  if (existsSync(locPath)) {
    const loc: LocalizationFile = JSON.parse(readFileSync(locPath, 'utf8'));
    const drawn = loc.drawnElsewhere;
    if (drawn && name in drawn.accuracy) accuracy.push(`| drawn elsewhere | ${drawn.count} shapes drawn by ${drawn.drawnBy}, from \`npm run evaluate\` | ${pct(drawn.accuracy[name])} |`);
    const mine = loc.methods.filter((m) => m.model === name);
    if (mine.length) {
      localization = [
        `On the clean test set (${loc.testSet.count} images), from \`npm run evaluate\` (models/localization.json). Top-1 localization error: the class is wrong or the box from the map (20% of the max, largest connected part) has IoU < 0.5 with the true box. MaxBoxAcc: the best localization accuracy over thresholds (Choe et al. 2020).`,
        '',
        '| method | top-1 loc. error | MaxBoxAcc (threshold) |',
        '| --- | --- | --- |',
        ...mine.map((m) => `| ${m.label} | ${pct(m.top1LocError)} | ${pct(m.maxBoxAcc.best)} (${m.maxBoxAcc.threshold ?? `best side ${m.maxBoxAcc.side} px`}) |`),
      ].join('\n');
    } else {
      localization = 'Not part of the localization table (see models/localization.json for shapes-gap and shapes-fc).';
      const bias = loc.bias?.[name];
      if (bias && typeof bias === 'object') {
        localization += ` Where it looks: on the cue-free test set, ${pct(bias.gradCamShareOnCornerMark)} of each Grad-CAM map (predicted class, on average) falls on the corner mark and a 2-pixel rim around it (from \`npm run evaluate\`).`;
      }
    }
  }

  return `# ${name}

${r.description[0].toUpperCase()}${r.description.slice(1)}.

- Input: 64x64 RGB, values in [0, 1] (the model rescales them to [-1, 1] itself). Output: softmax over the classes ${record.classNames.map((c, i) => `${i} ${c}`).join(', ')}.
- The last conv layer is \`last_conv\` (16x16x64, ReLU): the layer CAM and Grad-CAM read.
- Files: \`model.json\` + \`weights.bin\` (tfjs LayersModel). ${record.parameters.toLocaleString('en')} weights, ${(record.weightBytes / 1024).toFixed(1)} KiB of weights.

## Architecture

${architectureTable(folder)}

## Data

Generated by \`src/shapes/dataset.ts\`: 64x64 images of one filled circle, square, triangle or cross (a plus sign), bounding side 14-40 px, fully inside, any position, rotation and colour, lighter or darker than what lies under it (solid, two-tone or mottled fill; soft or hard edges), on varied backgrounds (${BACKGROUND_KINDS.join(', ')}; often layered, with pixel noise, sometimes low contrast or blurred) with up to four small distractor blobs and short lines. Training data: ${data}. Every epoch draws ${r.imagesPerEpoch} fresh images (the network never sees an image twice); test sets are drawn with their own seeds.

## Training

- Command: \`${record.command}\` (rebuilds it from nothing; the same command gives the same weights).
- Seed ${r.seed} (data, weight initializers, shuffling). Backend: ${record.backend}, single-threaded. Time: ${record.seconds.toFixed(0)} s, measured on a 2-core machine ${record.concurrentModels > 1 ? `that trained ${record.concurrentModels} models at once` : 'that trained this model alone'} (the per-epoch seconds are below).
- ${r.epochs} epochs x ${r.imagesPerEpoch} images, batch ${r.batchSize}, Adam, learning rate ${r.learningRate} with cosine decay to ${LR_FLOOR * 100}% of it by the last epoch, categorical cross-entropy.
- Curriculum: the share of easy images (flat or gradient background, lighter shape, strong contrast, no distractors) per epoch: ${r.curriculum.map(pct).join(', ')}${r.curriculum.length < r.epochs ? ' (the last share for the remaining epochs)' : ''}.
- Batch normalization after every conv layer while training, \`last_conv\` included${r.architecture === 'fc' ? ', and after \`fc1\`' : ''}: there it is folded into the layer's kernel and bias when the model is saved (per channel, gamma (z - mean) / sqrt(var + eps) + beta is a scale and a shift), so the saved \`last_conv\` is a plain Conv2D with its ReLU, and A = ReLU(conv) is what CAM and Grad-CAM read.

### Learning curve (test: ${TEST_SETS[r.curveTest].name}, ${TEST_SETS[r.curveTest].description})

| epoch | easy share | learning rate | train loss | train acc. | test loss | test acc. | seconds |
| --- | --- | --- | --- | --- | --- | --- | --- |
${curve.join('\n')}

## Accuracy (top-1, 1000 test images each)

| test set | what it holds | accuracy |
| --- | --- | --- |
${accuracy.join('\n')}

## Localization

${localization}
`;
}

export function writeModelCard(folder: string): void {
  writeFileSync(join(folder, 'README.md'), renderModelCard(folder));
}
