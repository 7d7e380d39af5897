import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { toyScene } from '../../../src/state/toy-scenes.ts';
import { camMap, contrast, correlation, scale01 } from '../toy-math.ts';

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
  describe(`lesson 9 (${prefix || 'en'}): CAM and Grad-CAM side by side`, () => {
    it('shows the correlation and the centre-surround contrast the formulas give, for the talk’s example and the dog and cat', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/09-cam-vs-grad-cam/`);
      await start(page, 'cam-vs-grad-cam');
      expect(await outputText(page, 'correlation')).toBe('1');
      const expectFor = async (A: number[][][], wc: number[]) => {
        const M = camMap(A, wc);
        const L = M.map((v) => Math.max(0, v / 25));
        const [a, b] = [scale01(M), scale01(L)];
        await expect.poll(async () => Math.abs(Number(await outputText(page, 'correlation')) - correlation(M, L))).toBeLessThan(1e-3);
        expect(Math.abs(Number(await outputText(page, 'contrast-cam')) - contrast(a).contrast)).toBeLessThan(1e-3);
        expect(Math.abs(Number(await outputText(page, 'contrast-gradcam')) - contrast(b).contrast)).toBeLessThan(1e-3);
        expect(Math.abs(Number(await outputText(page, 'surround-gradcam')) - contrast(b).surround)).toBeLessThan(1e-3);
      };
      await expectFor(seedExample().A, seedExample().w[0]);

      await page.selectOption('cam-vs-grad-cam [data-scene-select]', 'twoObjects');
      const scene = toyScene('twoObjects');
      await expectFor(scene.A, scene.w[0]);
      // The ReLU sharpens the picture: the surroundings fall and the contrast rises.
      expect(Number(await outputText(page, 'contrast-gradcam'))).toBeGreaterThan(Number(await outputText(page, 'contrast-cam')));
      expect(Number(await outputText(page, 'surround-gradcam'))).toBeLessThan(Number(await outputText(page, 'surround-cam')));
      expect(await page.locator('cam-vs-grad-cam input[data-k="1"][data-i="3"][data-j="3"]').inputValue()).toBe('12');

      await page.check('cam-vs-grad-cam tr[data-class="2"] input[type=radio]');
      await expectFor(scene.A, scene.w[2]);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
