import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { fcHeadByHand, mean } from '../toy-math.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const start = (page: Page, tag: string) => startWidget(page, tag);
const locales = [
  { prefix: '', line: (n: number) => `Line ${n} of 8` },
  { prefix: '/ko', line: (n: number) => `8줄 중 ${n}번째` },
];

for (const { prefix } of locales) {
  describe(`lesson 7 (${prefix || 'en'}): Grad-CAM live`, () => {
    it('shows alpha = w/Z for the GAP head, the hand-computed means for the flatten head, and near-zero gradients for the probability', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/07-grad-cam/`);
      await start(page, 'cam-grad-cam');
      for (const [k, a] of ['0.04', '0.08', '0.12'].entries()) expect(await outputText(page, `alpha-${k}`)).toBe(a);
      expect(await outputText(page, 'spread-0')).toBe('0.04 … 0.04');
      // The map after the ReLU is M_c / 25 here: the centre cell is 130 / 25 = 5.2.
      expect(await page.locator('cam-grad-cam table[data-map=gradcam] td[data-i="2"][data-j="2"]').textContent()).toBe('5.2');

      await page.check('cam-grad-cam input[data-choice="head:fc"]');
      const { grad } = fcHeadByHand(seedExample().A, 3, 0);
      for (let k = 0; k < 3; k++) {
        const expected = mean(grad[k]);
        await expect.poll(async () => Math.abs(Number(await outputText(page, `alpha-${k}`)) - expected)).toBeLessThan(1e-4);
      }
      const [lo, hi] = (await outputText(page, 'spread-0')).split(' … ').map(Number);
      expect(hi - lo).toBeGreaterThan(0.1);

      await page.check('cam-grad-cam input[data-choice="head:gap"]');
      await page.check('cam-grad-cam input[data-choice="target:probability"]');
      await expect.poll(async () => Math.abs(Number(await outputText(page, 'alpha-0')))).toBeLessThan(1e-10);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('colours every cell by its value on the chosen colour map, and keeps a map’s width when a number grows', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/07-grad-cam/`);
      await start(page, 'cam-grad-cam');
      const map = 'cam-grad-cam table[data-map=gradcam]';
      /** The fill and the text colour of the cells holding the map's largest and smallest value. */
      const ends = () =>
        page.locator(map).evaluate((table) => {
          const cells = [...table.querySelectorAll('td')];
          const value = (td: Element) => Number(td.textContent);
          const top = cells.reduce((a, b) => (value(b) > value(a) ? b : a));
          const bottom = cells.reduce((a, b) => (value(b) < value(a) ? b : a));
          const look = (td: Element) => `${getComputedStyle(td).backgroundColor} on ${getComputedStyle(td).color}`;
          return { top: look(top), bottom: look(bottom) };
        });
      // Grad-CAM after its ReLU is sequential: viridis from its darkest (#440154) to its brightest (#fde725), text in the colour that reads on it.
      expect(await ends()).toEqual({ top: 'rgb(253, 231, 37) on rgb(0, 0, 0)', bottom: 'rgb(68, 1, 84) on rgb(255, 255, 255)' });
      await page.selectOption('cam-grad-cam [data-cmap-select]', 'jet');
      await expect.poll(ends).toEqual({ top: 'rgb(128, 0, 0) on rgb(255, 255, 255)', bottom: 'rgb(0, 0, 128) on rgb(255, 255, 255)' });

      // A number longer than "-0.1234" is set smaller in its cell, and the map keeps its width.
      const width = () => page.locator(map).evaluate((table) => table.getBoundingClientRect().width);
      const before = await width();
      await page.locator('cam-grad-cam table.fmap input[data-k="0"][data-i="2"][data-j="2"]').fill('999999');
      const centre = page.locator(`${map} td[data-i="2"][data-j="2"]`);
      await expect.poll(async () => (await centre.textContent())!.length).toBeGreaterThan(7);
      expect(await centre.evaluate((td) => td.classList.contains('long') && td.scrollWidth <= td.clientWidth)).toBe(true);
      expect(await width()).toBe(before);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
