import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { handSetNetwork, toyImage } from '../../../src/model/toy-network.ts';
import { convRelu, mean } from '../formulas.ts';

const TAG = 'cam-filters';
let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const num = async (page: Page, name: string) => Number.parseFloat(await outputText(page, name));
const maps = (image: number[][]) => handSetNetwork.filters.map((f) => convRelu(image, f));

for (const prefix of ['', '/ko']) {
  describe(`lesson 2, filters and flattening (${prefix || '/en'})`, () => {
    it('moves the object: the flattened vector changes where the formula says, the GAP values do not', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/02-filters-and-feature-maps/`);
      await startWidget(page, TAG);
      const before = maps(toyImage('cross'));
      await expect.poll(() => num(page, 'F-0')).toBeCloseTo(mean(before[0]), 4);
      const moveRight = page.locator(`${TAG} [data-action=move-right]`);
      await moveRight.focus();
      await page.keyboard.press('Enter');
      const shifted = toyImage('cross').map((row) => [0, ...row.slice(0, -1)]);
      const after = maps(shifted);
      const changed = before.flat(2).filter((v, n) => v !== after.flat(2)[n]).length;
      await expect.poll(() => page.locator(`${TAG} [data-output=flat-changed]`).getAttribute('data-changed')).toBe(String(changed));
      expect(changed).toBeGreaterThan(20);
      for (let k = 0; k < 3; k++) expect(await num(page, `F-${k}`)).toBeCloseTo(mean(after[k]), 4);
      expect(await page.locator(`${TAG} [data-same]`).getAttribute('data-same')).toBe('true');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('answers a typed pixel with the feature maps’ means', async () => {
      const { page } = await openPage(browser, `${prefix}/lessons/02-filters-and-feature-maps/`);
      await startWidget(page, TAG);
      await page.locator(`${TAG} [data-mode-type]`).check();
      await page.locator(`${TAG} input[data-k="0"][data-i="9"][data-j="9"]`).focus();
      await page.keyboard.type('1');
      const image = toyImage('cross');
      image[9][9] = 1;
      const A = maps(image);
      for (let k = 0; k < 3; k++) await expect.poll(() => num(page, `F-${k}`)).toBeCloseTo(mean(A[k]), 4);
      await page.close();
    });
  });
}
