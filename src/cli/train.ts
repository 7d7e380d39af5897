/**
 * npm run train [-- --quick] [--only shapes-gap,shapes-fc] [--out models] [--backend wasm|cpu]
 * Rebuilds every model from nothing, deterministically. --quick: a few hundred images, one epoch.
 */
import './node-hooks.ts';

const { parseArgs } = await import('node:util');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: 'models' },
    backend: { type: 'string', default: 'wasm' },
    epochs: { type: 'string' },
    images: { type: 'string' },
  },
});
const { useTrainingBackend } = await import('../train/backend.ts');
await useTrainingBackend(values.backend as 'wasm' | 'cpu');
const { RECIPES, quick } = await import('../train/recipes.ts');
const { trainRecipes } = await import('../train/train-models.ts');

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

const command = ['npm run train', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const started = Date.now();
await trainRecipes(recipes, { out: values.out!, command, testSize: values.quick ? 200 : undefined });
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
