import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { cam, camBox, iou, upsample } from '../formulas.ts';

const TAG = 'cam-cam';
let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const num = async (page: Page, name: string) => Number.parseFloat(await outputText(page, name));
const truth = { x0: 8, y0: 8, x1: 72, y1: 72 };
const describeBox = (b: { x0: number; y0: number; x1: number; y1: number }) => `x ${b.x0}–${b.x1}, y ${b.y0}–${b.y1}`;

for (const prefix of ['', '/ko']) {
  describe(`lesson 5, the class activation map (${prefix || '/en'})`, () => {
    it('answers keyboard edits with M_c, the identity, and the box and IoU the protocol gives', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/05-class-activation-map/`);
      await startWidget(page, TAG);
      const seed = seedExample();
      const A = seed.A;
      await expect.poll(() => num(page, 'sumM')).toBeCloseTo(1400, 2);
      await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).focus();
      for (const key of ['ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
      await page.keyboard.type('80');
      A[0][1][1] = 80;
      let M = cam(A, seed.w[0]);
      const sum = M.reduce((a, b) => a + b, 0);
      await expect.poll(() => num(page, 'sumM')).toBeCloseTo(sum, 2);
      expect(await num(page, 'S-predicted')).toBeCloseTo(sum / 25, 3);
      expect(await num(page, 'S-0')).toBeCloseTo(sum / 25, 3);
      expect(await num(page, 'M-1-1')).toBeCloseTo(M[6], 3);
      // The cell formula follows the focused cell: M_1(2, 2) = 1 x 80 + 2 x 0 + 3 x 0.
      expect(await num(page, 'M-cell')).toBeCloseTo(80, 4);
      // Threshold 0.30 with the keyboard (ten steps of 0.01).
      await page.locator(`${TAG} [data-threshold]`).focus();
      for (let n = 0; n < 10; n++) await page.keyboard.press('ArrowRight');
      let expected = camBox(upsample(M, 5, 5, 80, 80), 80, 80, 0.3);
      await expect.poll(() => num(page, 'cut')).toBeCloseTo(expected.cut, 2);
      expect(await outputText(page, 'box')).toBe(describeBox(expected.box));
      expect(await num(page, 'iou')).toBeCloseTo(iou(expected.box, truth), 3);
      // The CAM paper's plain sum: S_c = sum M_c.
      await page.locator(`${TAG} input[data-choice="pool:sum"]`).check();
      await expect.poll(() => num(page, 'S-predicted')).toBeCloseTo(sum, 2);
      expect(await num(page, 'S-0')).toBeCloseTo(sum, 2);
      // Class 2: the map is rebuilt from its weights.
      await page.locator(`${TAG} tr[data-class="1"] input[type=radio]`).check();
      M = cam(A, seed.w[1]);
      await expect.poll(() => num(page, 'M-0-4')).toBeCloseTo(M[4], 3);
      expected = camBox(upsample(M, 5, 5, 80, 80), 80, 80, 0.3);
      await expect.poll(() => outputText(page, 'box')).toBe(describeBox(expected.box));
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

describe('lesson 5’s true box', () => {
  it('takes a box typed in, and refuses one outside the image with a message, keeping the last valid box', async () => {
    const { page, errors } = await openPage(browser, '/lessons/05-class-activation-map/');
    await startWidget(page, TAG);
    const M = cam(seedExample().A, seedExample().w[0]);
    const found = camBox(upsample(M, 5, 5, 80, 80), 80, 80, 0.2);
    await page.locator(`${TAG} input[data-truth=x1]`).fill('60');
    const box = { ...truth, x1: 60 };
    await expect.poll(() => num(page, 'iou')).toBeCloseTo(iou(found.box, box), 3);
    await page.locator(`${TAG} input[data-truth=x1]`).fill('500');
    await expect.poll(() => page.locator(`${TAG} .widget-problem`).isVisible()).toBe(true);
    expect(await page.locator(`${TAG} input[data-truth=x1]`).getAttribute('aria-invalid')).toBe('true');
    expect(await num(page, 'iou')).toBeCloseTo(iou(found.box, box), 3);
    expect(errors).toEqual([]);
    await page.close();
  });
});
