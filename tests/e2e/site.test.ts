import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { expectWidgetsReady, scrollThrough, lessonSlugs as slugs, openPage } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const pages = [
  { path: '/', lang: 'en' },
  { path: '/ko/', lang: 'ko' },
  ...slugs.flatMap((slug) => [
    { path: `/lessons/${slug}/`, lang: 'en' },
    { path: `/ko/lessons/${slug}/`, lang: 'ko' },
    { path: `/lessons/${slug}/slides/`, lang: 'en' },
    { path: `/ko/lessons/${slug}/slides/`, lang: 'ko' },
  ]),
];

describe('every page in both locales', () => {
  for (const { path, lang } of pages) {
    it(`${path} loads in ${lang} with no console error and no KaTeX error`, async () => {
      const { page, errors } = await openPage(browser, path);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('.katex-error').count()).toBe(0);
      // Scroll through the page so lazy widgets start and any error they raise is caught too.
      await scrollThrough(page);
      await page.waitForTimeout(300);
      await expectWidgetsReady(page);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

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
