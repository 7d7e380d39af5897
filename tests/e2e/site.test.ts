import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectChromium, openPage } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

describe('the site', () => {
  it('renders the lesson’s formulas at build time, shipping no KaTeX JavaScript', async () => {
    const { page, requests } = await openPage(browser, '/lessons/04-class-scores/');
    expect(await page.locator('.katex').count()).toBeGreaterThan(10);
    expect(await page.locator('.katex-display').count()).toBeGreaterThan(2);
    expect(requests.filter((u) => /katex/i.test(u) && u.endsWith('.js'))).toEqual([]);
    expect(requests.some((u) => /KaTeX_Main-Regular.*\.woff2$/.test(u) && u.startsWith(new URL(page.url()).origin))).toBe(true);
    await page.close();
  });

  it('lists the lessons in order on each home page', async () => {
    for (const [path, first, fourth] of [['/', 'Why explain a CNN', 'Class scores'], ['/ko/', 'CNN을 왜 설명해야 할까', '클래스 점수']]) {
      const { page } = await openPage(browser, path);
      await expect(page.locator('ol.lessons li strong').first().textContent()).resolves.toBe(first);
      await expect(page.locator('ol.lessons li strong').nth(3).textContent()).resolves.toBe(fourth);
      expect(await page.locator('ol.lessons li strong').count()).toBeGreaterThanOrEqual(5);
      await page.close();
    }
  });
});

describe('the language switch', () => {
  it('goes from the English lesson to the same Korean lesson and back', async () => {
    const { page } = await openPage(browser, '/lessons/04-class-scores/');
    await page.getByTestId('language-switch').click();
    await page.waitForURL('**/ko/lessons/04-class-scores/');
    expect(await page.locator('h1').textContent()).toBe('클래스 점수');
    await page.getByTestId('language-switch').click();
    await page.waitForURL((url) => url.pathname === '/lessons/04-class-scores/');
    expect(await page.locator('h1').textContent()).toBe('Class scores');
    await page.close();
  });
});

describe('themes', () => {
  it('follows the system and keeps the learner’s choice across pages', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    const { baseURL } = await import('./pages.ts');
    await page.goto(baseURL() + '/lessons/04-class-scores/');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(21, 23, 27)');
    await page.selectOption('[data-theme-select]', 'light');
    expect(await background()).toBe('rgb(253, 253, 252)');
    await page.goto(baseURL() + '/ko/');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    await context.close();
  });
});

describe('lesson 1’s Table 3', () => {
  for (const [path, weak] of [['/lessons/01-why-explain/', 'weakly supervised'], ['/ko/lessons/01-why-explain/', '약지도']]) {
    it(`draws the six rows, weakly and fully supervised apart, with the numbers in a real table (${path})`, async () => {
      const { page, errors } = await openPage(browser, path);
      const rows = page.locator('.table3-table tbody tr');
      expect(await rows.count()).toBe(6);
      const read = async (n: number) => [await rows.nth(n).locator('th').textContent(), await rows.nth(n).locator('td').nth(0).textContent(), Number(await rows.nth(n).locator('td').nth(1).textContent())];
      expect(await read(0)).toEqual(['GoogLeNet-GAP (heuristics)', weak, 37.1]);
      expect(await read(2)).toEqual(['Backprop', weak, 46.4]);
      expect((await read(3))[2]).toBe(26.7);
      expect(await page.locator('.table3-chart rect.bar.weak').count()).toBe(3);
      expect(await page.locator('.table3-chart rect.bar.full').count()).toBe(3);
      // Bars are drawn to scale: AlexNet's 34.2 is longer than GoogLeNet's 26.7.
      const widths = await page.locator('.table3-chart rect.bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('width'))));
      expect(widths[5] / widths[3]).toBeCloseTo(34.2 / 26.7, 3);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
