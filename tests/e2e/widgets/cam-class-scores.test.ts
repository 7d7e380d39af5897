import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';

const TAG = 'cam-class-scores';
let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
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
    it('starts from the talk’s example (F = 50, 0, 2 and S_c = 56) and answers a keyboard edit with the score the formula gives', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      expect([await outputText(page, 'F-0'), await outputText(page, 'F-1'), await outputText(page, 'F-2')]).toEqual(['50', '0', '2']);
      expect(await outputText(page, 'S')).toBe('56');
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
      expect(errors).toEqual([]);
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

describe('the class-score widget’s links between symbols, its reset and a new channel', () => {
  it('links each term to its map, and Reset brings back the talk’s example and takes the state out of the address', async () => {
    const { page, errors } = await openPage(browser, '/lessons/04-class-scores/');
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-term="1"]`).hover();
    await expect.poll(() => page.locator(`${TAG} .fmap-figure[data-link=k1].linked`).count()).toBe(1);
    expect(await page.locator(`${TAG} .fmap-figure.linked`).count()).toBe(1);
    await page.locator(`${TAG} input[data-w="0-2"]`).fill('5'); // w_3^1 = 5: S = 50 + 0 + 10
    await expect.poll(() => outputText(page, 'S')).toBe('60');
    await expect.poll(() => new URL(page.url()).searchParams.has(TAG)).toBe(true);
    await page.locator(`${TAG} [data-action=reset]`).click();
    await expect.poll(() => outputText(page, 'S')).toBe('56');
    expect(await page.locator(`${TAG} input[data-w="0-2"]`).inputValue()).toBe('3');
    await expect.poll(() => new URL(page.url()).searchParams.has(TAG)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds a channel to the weights when K grows, the new weights starting at 0', async () => {
    const { page } = await openPage(browser, '/lessons/04-class-scores/');
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-size=K]`).fill('4');
    await page.locator(`${TAG} [data-size=K]`).press('Tab');
    await expect.poll(() => page.locator(`${TAG} input[data-w="0-3"]`).count()).toBe(1);
    expect(await page.locator(`${TAG} input[data-w="0-3"]`).inputValue()).toBe('0');
    expect(await page.locator(`${TAG} table.fmap`).count()).toBe(4);
    expect(await outputText(page, 'S')).toBe('56');
    await page.locator(`${TAG} input[data-k="3"][data-i="0"][data-j="0"]`).fill('25');
    await page.locator(`${TAG} input[data-w="0-3"]`).fill('4'); // F^4 = 1, w = 4: S = 60
    await expect.poll(() => outputText(page, 'S')).toBe('60');
    await page.close();
  });
});

describe('what the class-score widget says about bad input', () => {
  it('refuses a brush value it will not paint, naming the range, and quotes a long entry in a few dozen characters', async () => {
    const { page, errors } = await openPage(browser, '/lessons/04-class-scores/');
    await startWidget(page, TAG);
    const problem = page.locator(`${TAG} .widget-problem`);
    await page.locator(`${TAG} [data-mode-paint]`).check();
    for (const bad of ['1e308', '']) {
      await page.locator(`${TAG} [data-brush]`).fill(bad);
      await expect.poll(() => problem.textContent()).toContain('Brush value');
      expect(await page.locator(`${TAG} [data-brush]`).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await problem.textContent()).toContain('is empty');
    await page.locator(`${TAG} [data-brush]`).fill('1e308');
    expect(await problem.textContent()).toContain('−1,000,000 … 1,000,000');
    // Painting goes on with the last brush value the widget accepted (1), not with 1e308.
    await page.locator(`${TAG} input[data-k="1"][data-i="0"][data-j="0"]`).click();
    await expect.poll(() => outputText(page, 'F-1')).toBe('0.04');
    await page.locator(`${TAG} [data-brush]`).fill('25');
    await expect.poll(() => problem.isVisible()).toBe(false);

    await page.locator(`${TAG} [data-mode-type]`).check();
    const long = 'x'.repeat(10_000);
    await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).fill(long);
    await expect.poll(() => problem.isVisible()).toBe(true);
    const message = (await problem.textContent()) ?? '';
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('…');
    // The field keeps everything the learner typed.
    expect(await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).inputValue()).toBe(long);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hides the notice about a refused link once the first edit has replaced the link', async () => {
    const { page } = await openPage(browser, `/lessons/04-class-scores/?${TAG}=A:1x1x1:NaN`);
    await startWidget(page, TAG);
    const notice = page.locator(`${TAG} [data-link-notice]`);
    expect(await notice.isVisible()).toBe(true);
    await page.locator(`${TAG} input[data-w="0-0"]`).fill('2');
    await expect.poll(() => outputText(page, 'S')).toBe('106');
    expect(await notice.isVisible()).toBe(false);
    await page.close();
  });

  it('clears the notice that WebAssembly is unavailable once another backend has been chosen and runs', async () => {
    const { page, errors } = await openPage(browser, '/lessons/04-class-scores/');
    await page.route(/\.wasm(\?|$)/, (route) => route.abort('connectionrefused'));
    await startWidget(page, TAG);
    const problem = page.locator(`${TAG} .widget-problem`);
    await page.selectOption(`${TAG} [data-backend-select]`, 'wasm');
    await expect.poll(() => problem.textContent()).toContain('not available');
    expect(await page.locator(`${TAG} [data-backend-timing]`).getAttribute('data-backend')).toBe('cpu');
    await page.selectOption(`${TAG} [data-backend-select]`, 'webgl');
    await expect.poll(() => page.locator(`${TAG} [data-backend-timing]`).getAttribute('data-backend'), { timeout: 20_000 }).toBe('webgl');
    expect(await problem.isVisible()).toBe(false);
    expect(await outputText(page, 'S')).toBe('56');
    expect(errors.filter((e) => !/wasm|WebAssembly|Failed to load resource/i.test(e))).toEqual([]);
    await page.close();
  });
});
