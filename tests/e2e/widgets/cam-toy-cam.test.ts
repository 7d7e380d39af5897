import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { handSetNetwork, toyImage } from '../../../src/model/toy-network.ts';
import { convRelu, mean, scores } from '../formulas.ts';

const TAG = 'cam-toy-cam';
let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const num = async (page: Page, name: string) => Number.parseFloat(await outputText(page, name));
const expected = (image: number[][]) => scores(handSetNetwork.filters.map((f) => mean(convRelu(image, f))), handSetNetwork.w, handSetNetwork.b);

for (const prefix of ['', '/ko']) {
  describe(`lesson 1, the toy network's CAM (${prefix || '/en'})`, () => {
    it('answers a painted and a typed pixel with the scores the formulas give', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/01-why-explain/`);
      await startWidget(page, TAG);
      const image = toyImage('cross');
      await expect.poll(() => page.locator(`${TAG} [data-output=predicted]`).getAttribute('data-best')).toBe('3');
      for (let c = 0; c < 4; c++) expect(await num(page, `S-${c}`)).toBeCloseTo(expected(image)[c], 3);
      // Paint mode: Space paints the focused pixel with the brush (1); arrows move.
      await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).focus();
      for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', ' ']) await page.keyboard.press(key);
      image[2][2] = 1;
      await expect.poll(() => num(page, 'S-2')).toBeCloseTo(expected(image)[2], 3);
      // Type mode: type an exact value.
      await page.locator(`${TAG} [data-mode-type]`).check();
      await page.locator(`${TAG} input[data-k="0"][data-i="3"][data-j="3"]`).focus();
      await page.keyboard.type('1');
      image[3][3] = 1;
      await expect.poll(() => num(page, 'S-2')).toBeCloseTo(expected(image)[2], 3);
      for (let c = 0; c < 4; c++) expect(await num(page, `S-${c}`)).toBeCloseTo(expected(image)[c], 3);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

describe('lesson 1’s pixels take 0 to 1 only', () => {
  it('refuses 5, −3 and 1000000 with the pixels’ range, and keeps using the last valid value', async () => {
    const { page, errors } = await openPage(browser, '/lessons/01-why-explain/');
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-mode-type]`).check();
    const pixel = page.locator(`${TAG} input[data-k="0"][data-i="3"][data-j="3"]`);
    const problem = page.locator(`${TAG} .widget-problem`);
    const before = await outputText(page, 'S-0');
    for (const bad of ['5', '-3', '1000000', '1e308']) {
      await pixel.fill(bad);
      await expect.poll(() => problem.textContent()).toContain('0 … 1');
      expect(await pixel.getAttribute('aria-invalid')).toBe('true');
      expect(await pixel.inputValue()).toBe(bad);
      expect(await outputText(page, 'S-0')).toBe(before);
    }
    await pixel.fill('0.5');
    await expect.poll(() => problem.isVisible()).toBe(false);
    await expect.poll(() => outputText(page, 'S-0')).not.toBe(before);
    // The brush takes the same range.
    await page.locator(`${TAG} [data-brush]`).fill('5');
    await expect.poll(() => problem.textContent()).toContain('0 … 1');
    expect(errors).toEqual([]);
    await page.close();
  });
});
