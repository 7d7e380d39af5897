import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { openPage, outputText, startWidget } from './pages.ts';
import { seedExample } from '../../src/state/seed-example.ts';

const TAG = 'cam-class-scores';
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** S_c = sum_k w_k^c mean(A^k) + b_c, computed here from the formula, independently of the page. */
function expectedScore(A: number[][][], w: number[], b: number): number {
  return A.reduce((s, map, k) => s + (w[k] * map.flat().reduce((x, y) => x + y, 0)) / map.flat().length, 0) + b;
}

async function cell(page: Page, k: number, i: number, j: number) {
  return page.locator(`${TAG} input[data-k="${k}"][data-i="${i}"][data-j="${j}"]`);
}

for (const path of ['/lessons/04-class-scores/', '/ko/lessons/04-class-scores/']) {
  describe(`the class-score widget at ${path}`, () => {
    it('starts from the talk’s example: F = 50, 0, 2 and S_c = 56', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      expect([await outputText(page, 'F-0'), await outputText(page, 'F-1'), await outputText(page, 'F-2')]).toEqual(['50', '0', '2']);
      expect(await outputText(page, 'S')).toBe('56');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('answers a keyboard edit with the score the formula gives', async () => {
      const { page } = await openPage(browser, path);
      await startWidget(page, TAG);
      const A = seedExample().A;
      // Reach the centre of A^1 from its first cell with the arrow keys, then type over it.
      await (await cell(page, 0, 0, 0)).focus();
      for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.i + ',' + (document.activeElement as HTMLElement).dataset.j)).toBe('2,2');
      await page.keyboard.type('155');
      A[0][2][2] = 155;
      await expect.poll(() => outputText(page, 'S')).toBe(String(expectedScore(A, [1, 2, 3], 0)));
      expect(await outputText(page, 'F-0')).toBe('51');

      // Then a cell of A^3, where the weight is 3.
      await (await cell(page, 2, 4, 0)).focus();
      await page.keyboard.type('50');
      A[2][4][0] = 50;
      await expect.poll(() => outputText(page, 'S')).toBe(String(expectedScore(A, [1, 2, 3], 0)));
      expect(await outputText(page, 'S')).toBe('63');
      await page.close();
    });

    it('refuses empty text, words, NaN and 1e30 with a message, keeping the last valid state and the typed text', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      const target = await cell(page, 0, 2, 2);
      const problem = page.locator(`${TAG} .widget-problem`);
      for (const bad of ['', 'abc', 'NaN', '1e30', '-Infinity']) {
        await target.fill(bad);
        await expect.poll(() => problem.isVisible()).toBe(true);
        expect(await target.getAttribute('aria-invalid')).toBe('true');
        expect(await target.inputValue()).toBe(bad);
        expect(await outputText(page, 'S')).toBe('56');
      }
      await target.fill('130');
      await expect.poll(() => problem.isVisible()).toBe(false);
      expect(await target.getAttribute('aria-invalid')).toBeNull();
      expect(await outputText(page, 'S')).toBe('56');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('recomputes when a weight, the bias or the class changes', async () => {
      const { page } = await openPage(browser, path);
      await startWidget(page, TAG);
      const weights = page.locator(`${TAG} table.weights tbody tr`);
      await weights.nth(0).locator('input[type=text]').nth(0).fill('2'); // w_1^1 = 2: S = 100 + 0 + 6
      await expect.poll(() => outputText(page, 'S')).toBe('106');
      await weights.nth(0).locator('input[type=text]').nth(3).fill('-6'); // b_1 = -6
      await expect.poll(() => outputText(page, 'S')).toBe('100');
      await weights.nth(1).locator('input[type=radio]').check(); // class 2: 0.5*50 + 1*0 - 1*2 = 23
      await expect.poll(() => outputText(page, 'S')).toBe('23');
      await page.close();
    });
  });
}

describe('loading and backends', () => {
  it('loads TensorFlow.js only once the widget scrolls into view', async () => {
    const { page, requests } = await openPage(browser, '/lessons/04-class-scores/', { width: 1280, height: 500 });
    await page.waitForTimeout(500);
    expect(await page.locator(TAG).getAttribute('data-state')).toBeNull();
    const scriptsBefore = requests.filter((u) => u.endsWith('.js'));
    await startWidget(page, TAG);
    const scriptsAfter = requests.filter((u) => u.endsWith('.js'));
    expect(scriptsAfter.length).toBeGreaterThan(scriptsBefore.length);
    await page.close();
  });

  it('shows which backend computed the last edit and switches to WebGL and back', async () => {
    const { page, errors } = await openPage(browser, '/lessons/04-class-scores/');
    await startWidget(page, TAG);
    const timing = page.locator(`${TAG} [data-backend-timing]`);
    expect(await timing.getAttribute('data-backend')).toBe('cpu');
    expect(await timing.textContent()).toMatch(/Computed on CPU in [\d.]+ ms/);
    await page.selectOption(`${TAG} [data-backend-select]`, 'webgl');
    await expect.poll(() => timing.getAttribute('data-backend'), { timeout: 20_000 }).toBe('webgl');
    expect(await outputText(page, 'S')).toBe('56');
    await (await cell(page, 1, 0, 0)).fill('25'); // F^2 = 1, w = 2: S = 58
    await expect.poll(() => outputText(page, 'S')).toBe('58');
    expect(await timing.textContent()).toMatch(/GPU \(WebGL\)/);
    await page.selectOption(`${TAG} [data-backend-select]`, 'cpu');
    await expect.poll(() => timing.getAttribute('data-backend')).toBe('cpu');
    expect(errors).toEqual([]);
    await page.close();
  });
});
