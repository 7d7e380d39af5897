import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderModelCard } from '../../../src/train/model-card.ts';

// A card is generated from the model's training record and models/localization.json; one edited by hand,
// or left behind by a retrain or a change to the renderer, would say something the files do not.
describe('the shipped model cards', () => {
  for (const name of ['shapes-gap', 'shapes-gmp', 'shapes-fc', 'shapes-biased', 'shapes-debiased']) {
    it(`${name}: README.md is what its training record and the localization table give`, () => {
      const card = readFileSync(`models/${name}/README.md`, 'utf8');
      expect(card).toBe(renderModelCard(`models/${name}`));
      const record = JSON.parse(readFileSync(`models/${name}/training.json`, 'utf8'));
      expect(card).toContain(`| clean | one shape, no corner mark | ${(record.testAccuracy.clean * 100).toFixed(1)}% |`);
      expect(card).toContain(`Seed ${record.recipe.seed} `);
    });
  }
});
