/**
 * Writes a contact sheet of dataset samples with their true boxes outlined.
 * npm run contact-sheet -- [--variant clean|two|biased|fixed] [--seed N] [--count 32] [--columns 8] [--no-boxes] --out sheet.png
 *   [--tiles DIR]: also write every sample as its own 64x64 PNG (NN-class.png), e.g. to try npm run explain on.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLASS_NAMES, SIZE, generateSample, type SampleOptions } from '../shapes/dataset.ts';
import { contactSheet } from '../shapes/contact-sheet.ts';
import { writePng } from '../node/image-io.ts';

const variants: Record<string, SampleOptions> = {
  clean: {},
  two: { twoObjects: true },
  biased: { cue: 'class' },
  fixed: { cue: 'random' },
};

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'clean' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '32' },
    columns: { type: 'string', default: '8' },
    'no-boxes': { type: 'boolean', default: false },
    out: { type: 'string', default: 'contact-sheet.png' },
    tiles: { type: 'string' },
  },
});
const options = variants[values.variant!];
if (!options) {
  console.error(`Unknown variant '${values.variant}': choose one of ${Object.keys(variants).join(', ')}.`);
  process.exit(1);
}
const tiles = Array.from({ length: Number(values.count) }, (_, i) => {
  const s = generateSample(Number(values.seed), i, options);
  if (values.tiles) {
    mkdirSync(values.tiles, { recursive: true });
    const name = s.objects.map((o) => CLASS_NAMES[o.label]).join('-');
    writePng(join(values.tiles, `${values.variant}-${String(i).padStart(2, '0')}-${name}.png`), { width: SIZE, height: SIZE, data: s.image });
  }
  return { image: s.image, boxes: values['no-boxes'] ? [] : s.objects.map((o) => o.box) };
});
writePng(values.out!, contactSheet(tiles, Number(values.columns)));
console.log(`Wrote ${values.out} (${tiles.length} ${values.variant} samples, seed ${values.seed}).`);
