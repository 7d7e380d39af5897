/**
 * npm run evaluate [-- --models models] [--count 1000] [--out models/localization.json]
 * Recomputes the localization table (our CAM paper Table 3), lesson 9's CAM against Grad-CAM comparison and the
 * biased/debiased comparison, writes them as JSON for the lessons, and refreshes the model cards.
 */
import './node-hooks.ts';

const { parseArgs } = await import('node:util');
const { existsSync, writeFileSync } = await import('node:fs');
const { join } = await import('node:path');
const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'models' },
    count: { type: 'string', default: '1000' },
    out: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
  },
});
const dir = values.models!;
const count = Number(values.count);
const out = values.out ?? join(dir, 'localization.json');

const tf = await import('@tensorflow/tfjs-core');
tf.env().set('PROD', true);
const { useTrainingBackend } = await import('../train/backend.ts');
await useTrainingBackend(values.backend as 'wasm' | 'cpu');
const { loadModel } = await import('../model/load.ts');
const { generateSet, CUE_BOX, SIZE } = await import('../shapes/dataset.ts');
const { TEST_SETS } = await import('../shapes/test-sets.ts');
const { scoreSet } = await import('../train/fit.ts');
const { evaluateMaps, evaluateCentredBox, mapFunction, THRESHOLDS, PAPER_THRESHOLD } = await import('../train/localization-eval.ts');
const { compareOnSet, roundSignificant } = await import('../train/map-comparison.ts');
const { writeModelCard } = await import('../train/model-card.ts');
const { formatDuration } = await import('../train/progress.ts');

const started = Date.now();
const log = (line: string) => process.stderr.write(`${line}\n`);
const spec = TEST_SETS.clean;
const set = generateSet(spec.seed, count, spec.options);
const models = new Map<string, Awaited<ReturnType<typeof loadModel>>>();
for (const name of ['shapes-gap', 'shapes-gmp', 'shapes-fc', 'shapes-biased', 'shapes-debiased']) {
  if (!existsSync(join(dir, name, 'model.json'))) throw new Error(`${join(dir, name)} has no model.json: run npm run train first`);
  models.set(name, await loadModel(join(dir, name)));
}

const runs = [
  { id: 'cam-gap', label: 'CAM (shapes-gap)', model: 'shapes-gap', method: 'cam' as const },
  // Lesson 3's evidence: the same CAM from the GMP twin, as the CAM paper's GoogLeNet-GMP against GoogLeNet-GAP.
  { id: 'cam-gmp', label: 'CAM (shapes-gmp)', model: 'shapes-gmp', method: 'cam' as const },
  { id: 'gradcam-gap', label: 'Grad-CAM (shapes-gap)', model: 'shapes-gap', method: 'gradcam' as const },
  { id: 'gradcam-fc', label: 'Grad-CAM (shapes-fc)', model: 'shapes-fc', method: 'gradcam' as const },
  { id: 'backprop-gap', label: 'Backprop: gradient saliency (shapes-gap)', model: 'shapes-gap', method: 'backprop' as const },
  { id: 'backprop-fc', label: 'Backprop: gradient saliency (shapes-fc)', model: 'shapes-fc', method: 'backprop' as const },
];
const methods = [];
const predictions = new Map<string, Int32Array>();
for (const run of runs) {
  const t = Date.now();
  const result = evaluateMaps(models.get(run.model)!, run.method, set, (done) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${run.label}: ${done}/${count}`);
  });
  predictions.set(run.model, result.predicted);
  const { predicted: _, ...rest } = result;
  methods.push({ ...run, ...rest });
  log(`\r${run.label}: top-1 loc. error ${(rest.top1LocError * 100).toFixed(1)}%, BoxAcc@0.2 ${(rest.boxAccuracy * 100).toFixed(1)}%, MaxBoxAcc ${(rest.maxBoxAcc.best * 100).toFixed(1)}% at ${rest.maxBoxAcc.threshold} (${formatDuration((Date.now() - t) / 1000)})`);
}
// The centred box: a square of the mean true side of the dataset's range (27 px), classes from shapes-gap.
const centre = evaluateCentredBox(set, predictions.get('shapes-gap')!, 27);
methods.push({
  id: 'center-box', label: 'Centred box, 27x27 (classes from shapes-gap)', model: 'shapes-gap', method: 'center' as const,
  top1LocError: centre.top1LocError, boxAccuracy: centre.boxAccuracy, meanIoU: centre.meanIoU,
  maxBoxAcc: { best: centre.bestSide.boxAccuracy, threshold: null, side: centre.bestSide.side }, sweep: [],
});
log(`Centred box: top-1 loc. error ${(centre.top1LocError * 100).toFixed(1)}%, best side ${centre.bestSide.side} px -> BoxAcc ${(centre.bestSide.boxAccuracy * 100).toFixed(1)}%`);

const classificationError: Record<string, number> = {};
for (const name of ['shapes-gap', 'shapes-gmp', 'shapes-fc']) {
  const p = predictions.get(name)!;
  let wrong = 0;
  for (let i = 0; i < set.count; i++) if (p[i] !== set.labels[i]) wrong++;
  classificationError[name] = wrong / set.count;
}

// Lesson 9: CAM against Grad-CAM, and Grad-CAM with and without its ReLU, on the same clean images.
const camVsGradCam: Record<string, ReturnType<typeof compareOnSet>> = {};
for (const name of ['shapes-gap', 'shapes-fc']) {
  const t = Date.now();
  const r = compareOnSet(models.get(name)!, set, {
    onBatch: (done) => {
      if (process.stderr.isTTY) process.stderr.write(`\rCAM vs Grad-CAM (${name}): ${done}/${count}`);
    },
  });
  camVsGradCam[name] = roundSignificant(r);
  const cam = r.cam.exists ? `CAM contrast ${r.cam.contrast.mean.toFixed(3)}, correlation ${r.cam.correlation.mean.toFixed(3)}, ` : 'no CAM, ';
  log(`\rCAM vs Grad-CAM (${name}): ${cam}Grad-CAM contrast ${r.gradCam.contrast.mean.toFixed(3)} (without ReLU ${r.gradCamWithoutRelu.contrast.mean.toFixed(3)}), ReLU raises it on ${(r.relu.raisesContrast * 100).toFixed(1)}% (${formatDuration((Date.now() - t) / 1000)})`);
}

// Biased against debiased: accuracy with and without the cue, and how much of Grad-CAM sits on the corner mark.
const bias: Record<string, unknown> = {};
const cueFree = generateSet(TEST_SETS.cueFree.seed, count, TEST_SETS.cueFree.options);
const cued = generateSet(TEST_SETS.cued.seed, count, TEST_SETS.cued.options);
for (const name of ['shapes-biased', 'shapes-debiased']) {
  const model = models.get(name)!;
  const fn = mapFunction(model, 'gradcam');
  let cornerShare = 0;
  const pixels = SIZE * SIZE * 3;
  const corner = { x1: CUE_BOX.x1 + 2, y1: CUE_BOX.y1 + 2 }; // the mark and a 2-pixel rim
  for (let start = 0; start < cueFree.count; start += 50) {
    const n = Math.min(50, cueFree.count - start);
    const images = tf.tensor4d(cueFree.images.subarray(start * pixels, (start + n) * pixels), [n, SIZE, SIZE, 3]);
    const { maps } = fn(images);
    images.dispose();
    for (const map of maps) {
      let inside = 0, total = 0;
      for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
        const v = Math.max(0, map[y * SIZE + x]);
        total += v;
        if (x < corner.x1 && y < corner.y1) inside += v;
      }
      cornerShare += total > 0 ? inside / total : 0;
    }
  }
  bias[name] = {
    accuracy: {
      'cue-free': (await scoreSet(model, cueFree)).accuracy,
      cued: (await scoreSet(model, cued)).accuracy,
      clean: (await scoreSet(model, set)).accuracy,
    },
    gradCamShareOnCornerMark: cornerShare / cueFree.count,
  };
  log(`${name}: ${JSON.stringify(bias[name])}`);
}

// Shapes drawn by another program (Pillow): accuracy of every model, and localization on them.
const { loadDrawnElsewhere } = await import('../train/drawn-elsewhere.ts');
const elsewhere = loadDrawnElsewhere();
const drawnElsewhere: Record<string, unknown> = { drawnBy: elsewhere.drawnBy, count: elsewhere.count, accuracy: {} as Record<string, number> };
for (const [name, model] of models) (drawnElsewhere.accuracy as Record<string, number>)[name] = (await scoreSet(model, elsewhere)).accuracy;
for (const run of runs.filter((r) => r.method !== 'backprop')) {
  const r = evaluateMaps(models.get(run.model)!, run.method, elsewhere);
  drawnElsewhere[run.id] = { top1LocError: r.top1LocError, boxAccuracy: r.boxAccuracy, maxBoxAcc: r.maxBoxAcc };
}
log(`Drawn by Pillow: ${JSON.stringify(drawnElsewhere.accuracy)}`);

const report = {
  generatedBy: 'npm run evaluate',
  seconds: Math.round((Date.now() - started) / 1000),
  testSet: { name: spec.name, description: spec.description, seed: spec.seed, count: set.count, imageSize: SIZE },
  protocol: {
    map: 'the map of the predicted class, bilinearly upsampled to 64x64 (Backprop: |dS_c/dx|, largest over the colour channels, at 64x64); scores before softmax',
    box: `pixels above ${PAPER_THRESHOLD} of the map's max, the largest 8-connected part, its bounding box (the CAM paper's validation protocol, src/lib/localize.ts)`,
    top1LocError: 'the share of images where the predicted class is wrong or the box has IoU < 0.5 with the true box',
    boxAccuracy: 'the share of images whose box has IoU >= 0.5, whatever the class (Choe et al. 2020, BoxAcc)',
    medianAreaRatio: "in each sweep row, the median over the images of the box's area divided by the true box's area (0 where no pixel passes): above 1 the boxes are mostly larger than the shape, below 1 smaller",
    centreInside: "in each sweep row, the share of images whose box has its centre inside the true box",
    maxBoxAcc: `the best BoxAcc over thresholds ${THRESHOLDS[0]}..${THRESHOLDS[THRESHOLDS.length - 1]} of the max (Choe et al. 2020); for the centred box, the best over box sides 8..64 px`,
  },
  note: "The CAM paper's Table 3 gives top-5 localization errors on the ILSVRC 2014 test set (1000 classes, natural images; only its 37.1 row, GoogLeNet-GAP (heuristics), takes its boxes from a heuristic over the top classes). Ours are top-1 errors on 64x64 images of four shapes: the methods' order can be compared, the numbers cannot.",
  paper: {
    source: 'Zhou et al., Learning Deep Features for Discriminative Localization, CVPR 2016, Table 3 (top-5 localization error, ILSVRC test set, %)',
    rows: [
      { method: 'GoogLeNet-GAP (heuristics)', supervision: 'weakly', top5LocError: 37.1 },
      { method: 'GoogLeNet-GAP', supervision: 'weakly', top5LocError: 42.9 },
      { method: 'Backprop', supervision: 'weakly', top5LocError: 46.4 },
      { method: 'GoogLeNet', supervision: 'fully', top5LocError: 26.7 },
      { method: 'OverFeat', supervision: 'fully', top5LocError: 29.9 },
      { method: 'AlexNet', supervision: 'fully', top5LocError: 34.2 },
    ],
  },
  classificationError,
  methods,
  camVsGradCam: {
    description: "Lesson 9's comparison on the clean test set: for each image, the maps of the predicted class at last_conv (mapSize cells, not upsampled), scores before softmax. CAM is M_c; Grad-CAM is ReLU(sum_k alpha_k A^k); each map min-max scaled as the lesson draws it (src/lib/compare.ts). correlation: Pearson's, of the raw maps; largestDifference: the largest |difference| of the scaled maps over the cells; contrast: the mean of the scaled cells at or above 0.5 minus the mean of the rest (surround). negativeShare: the share of a map's cells where sum_k alpha_k A^k < 0 (the ReLU sets them to zero). relu compares Grad-CAM without its ReLU to Grad-CAM: contrastGain is the difference of their contrasts, raisesContrast and lowersContrast the shares of images where it is above or below zero. cam.largestGapToGradCamWithoutRelu: the largest difference, over all cells and images, between scaled CAM and scaled Grad-CAM without its ReLU (lesson 8: zero up to rounding). flatGradCam: images whose Grad-CAM has one value everywhere (left out of the correlations). Summaries are over images: n, mean, median, 10th and 90th percentiles, min, max.",
    networks: camVsGradCam,
  },
  drawnElsewhere,
  bias: {
    description: "shapes-biased learned from images whose corner mark has the class's colour 95% of the time; shapes-debiased from images whose mark colour is random. Accuracy on 1000-image test sets; gradCamShareOnCornerMark: the mean share of each Grad-CAM map (predicted class, cue-free test set) that falls on the mark and a 2-pixel rim.",
    ...bias,
  },
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
for (const name of models.keys()) if (existsSync(join(dir, name, 'training.json'))) writeModelCard(join(dir, name));
log(`Wrote ${out} in ${formatDuration((Date.now() - started) / 1000)}.`);
