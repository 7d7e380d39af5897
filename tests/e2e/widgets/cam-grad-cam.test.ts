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
  });
}
