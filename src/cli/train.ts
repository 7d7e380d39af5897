/**
 * npm run train [-- --quick] [--only shapes-gap,shapes-fc] [--out models] [--jobs 2] [--backend wasm|cpu]
 * Rebuilds every model from nothing, deterministically. --quick: a few hundred images, one epoch.
 * --jobs N trains N models at once in child processes (wasm is single-threaded: one per core).
 */
import './node-hooks.ts';
import { availableParallelism } from 'node:os';

const { parseArgs } = await import('node:util');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: 'models' },
    backend: { type: 'string', default: 'wasm' },
    jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    epochs: { type: 'string' },
    images: { type: 'string' },
    'test-size': { type: 'string' },
  },
});
const { RECIPES, quick } = await import('../train/recipes.ts');

let recipes = RECIPES;
if (values.only) {
  const names = values.only.split(',');
  const unknown = names.filter((n) => !RECIPES.some((r) => r.name === n));
  if (unknown.length) {
    console.error(`Unknown model ${unknown.join(', ')}: choose from ${RECIPES.map((r) => r.name).join(', ')}.`);
    process.exit(1);
  }
  recipes = RECIPES.filter((r) => names.includes(r.name));
}
if (values.quick) recipes = recipes.map(quick);
if (values.epochs) recipes = recipes.map((r) => ({ ...r, epochs: Number(values.epochs) }));
if (values.images) recipes = recipes.map((r) => ({ ...r, imagesPerEpoch: Number(values.images) }));

const command = process.env.CAM_LAB_TRAIN_COMMAND ?? ['npm run train', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const started = Date.now();
const jobs = Number(values.jobs);
if (jobs > 1 && recipes.length > 1) {
  const { trainInParallel } = await import('../train/parallel.ts');
  const passOn = process.argv.slice(2).filter((a, i, all) => !['--only', '--jobs'].includes(a) && !['--only', '--jobs'].includes(all[i - 1]) && !a.startsWith('--only=') && !a.startsWith('--jobs='));
  process.env.CAM_LAB_TRAIN_COMMAND = command;
  process.env.CAM_LAB_TRAIN_CONCURRENT = String(Math.min(jobs, recipes.length));
  await trainInParallel(recipes, jobs, (r) => [process.argv[1], ...passOn, '--only', r.name, '--jobs', '1']);
} else {
  const { useTrainingBackend } = await import('../train/backend.ts');
  await useTrainingBackend(values.backend as 'wasm' | 'cpu');
  const { trainRecipes } = await import('../train/train-models.ts');
  const concurrentModels = Number(process.env.CAM_LAB_TRAIN_CONCURRENT ?? 1);
  await trainRecipes(recipes, { out: values.out!, command, concurrentModels, testSize: values['test-size'] ? Number(values['test-size']) : values.quick ? 200 : undefined });
}
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
