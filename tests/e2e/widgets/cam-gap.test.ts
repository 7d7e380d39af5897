import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { randomMaps } from '../../../src/state/presets.ts';
import { max, mean } from '../formulas.ts';

const TAG = 'cam-gap';
let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const num = async (page: Page, name: string) => Number.parseFloat(await outputText(page, name));
const digits = (s: string) => Number(s.replace(/\D/g, ''));

for (const prefix of ['', '/ko']) {
  describe(`lesson 3, global average pooling (${prefix || '/en'})`, () => {
    it('answers keyboard edits with GAP, GMP and parameter counts from the formulas', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/03-global-average-pooling/`);
      await startWidget(page, TAG);
      const A = seedExample().A;
      await expect.poll(() => outputText(page, 'F-0')).toBe('50');
      await page.locator(`${TAG} input[data-k="2"][data-i="0"][data-j="0"]`).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.type('100');
      A[2][1][0] = 100;
      await expect.poll(() => num(page, 'F-2')).toBeCloseTo(mean(A[2]), 4);
      expect(await num(page, 'Fmax-2')).toBe(max(A[2]));
      expect(await num(page, 'Fmax-0')).toBe(130);
      // The parameter counter, for sizes typed in.
      await page.locator(`${TAG} [data-param=pC]`).fill('10');
      await expect.poll(async () => digits(await outputText(page, 'params-flatten'))).toBe(1024 * 14 * 14 * 10 + 10);
      expect(digits(await outputText(page, 'params-gap'))).toBe(1024 * 10 + 10);
      // A size that is not whole is refused with a message, the last valid one kept.
      await page.locator(`${TAG} [data-param=pC]`).fill('2.5');
      await expect.poll(() => page.locator(`${TAG} .widget-problem`).textContent()).toContain('2.5');
      expect(digits(await outputText(page, 'params-gap'))).toBe(1024 * 10 + 10);
      // A new size: H = 7 keeps the cells that overlap, adds zero rows, and still gives K numbers.
      await page.locator(`${TAG} [data-size=H]`).fill('7');
      await page.locator(`${TAG} [data-size=H]`).press('Tab');
      await expect.poll(() => page.locator(`${TAG} input[data-k="0"][data-i="6"][data-j="4"]`).count()).toBe(1);
      await expect.poll(() => num(page, 'F-0')).toBeCloseTo(A[0].flat().reduce((a, b) => a + b, 0) / 35, 4);
      expect(await page.locator(`${TAG} [data-output=gap-count]`).textContent()).toContain('7 × 5');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

describe('lesson 3: where the gradient of GAP and of GMP goes', () => {
  it('shows dF/dA by autodiff: 1/25 at every cell for GAP, 1 at the largest cell for GMP, and follows an edit', async () => {
    const { page, errors } = await openPage(browser, '/lessons/03-global-average-pooling/');
    await startWidget(page, TAG);
    const cells = (name: string) => page.locator(`${TAG} table[data-map="${name}"] td`).allTextContents();
    await expect.poll(() => cells('dFdA-gap-0')).toEqual(Array(25).fill('0.04'));
    // Map 1 of the talk's example peaks at 130 in its centre: GMP's gradient reaches that cell only.
    const peak = Array(25).fill('0');
    peak[12] = '1';
    expect(await cells('dFdA-gmp-0')).toEqual(peak);
    expect(await outputText(page, 'reach-0')).toMatch(/25\D+25\D+0\.04\D+1\b/);
    // A larger value in the top-left corner takes GMP's gradient with it; GAP's stays spread.
    await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).fill('200');
    const moved = Array(25).fill('0');
    moved[0] = '1';
    await expect.poll(() => cells('dFdA-gmp-0')).toEqual(moved);
    expect(await cells('dFdA-gap-0')).toEqual(Array(25).fill('0.04'));
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the feature-map editor’s tools', () => {
  const path = '/lessons/03-global-average-pooling/';

  it('paints a drag across a row with the brush value', async () => {
    const { page, errors } = await openPage(browser, path);
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-mode-paint]`).check();
    await page.locator(`${TAG} [data-brush]`).fill('9');
    await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="4"]`).scrollIntoViewIfNeeded();
    const from = await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="0"]`).boundingBox();
    const to = await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="4"]`).boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 12 });
    await page.mouse.up();
    const A = seedExample().A;
    for (let j = 0; j < 5; j++) A[0][4][j] = 9;
    await expect.poll(() => num(page, 'F-0')).toBeCloseTo(mean(A[0]), 4);
    for (let j = 0; j < 5; j++) expect(await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="${j}"]`).inputValue()).toBe('9');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves the object without changing GAP or GMP, and draws seeded random maps', async () => {
    const { page } = await openPage(browser, path);
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-action=moved]`).click();
    await expect.poll(() => page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="4"]`).inputValue()).toBe('130');
    expect([await outputText(page, 'F-0'), await outputText(page, 'F-2'), await outputText(page, 'Fmax-0')]).toEqual(['50', '2', '130']);
    const R = randomMaps(3, 5, 5, 1);
    await page.locator(`${TAG} [data-action=random]`).click();
    await expect.poll(() => num(page, 'F-1')).toBeCloseTo(mean(R[1]), 4);
    expect(await num(page, 'Fmax-2')).toBe(max(R[2]));
    await page.close();
  });
});
