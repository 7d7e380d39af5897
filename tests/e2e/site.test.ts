import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, expectWidgetsReady, scrollThrough, lessonSlugs as slugs, openPage } from './pages.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical WCAG 2 A and AA violations axe-core finds on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

/** Every page; the lessons and home pages are also checked for accessibility, with their widgets started. */
const pages = [
  { path: '/', lang: 'en', axe: true },
  { path: '/ko/', lang: 'ko', axe: true },
  ...slugs.flatMap((slug) => [
    { path: `/lessons/${slug}/`, lang: 'en', axe: true },
    { path: `/ko/lessons/${slug}/`, lang: 'ko', axe: true },
    { path: `/lessons/${slug}/slides/`, lang: 'en', axe: false },
    { path: `/ko/lessons/${slug}/slides/`, lang: 'ko', axe: false },
  ]),
];

describe('every page in both locales', () => {
  for (const { path, lang, axe } of pages) {
    const also = axe ? ', and no serious or critical accessibility violation (axe-core, WCAG 2 A and AA) in the light or the dark theme' : '';
    it(`${path} loads in ${lang} with no console error and no KaTeX error${also}`, async () => {
      const { page, errors } = await openPage(browser, path);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('.katex-error').count()).toBe(0);
      // Scroll through the page so lazy widgets start and any error they raise is caught too.
      await scrollThrough(page);
      await expectWidgetsReady(page);
      expect(errors).toEqual([]);
      if (axe) {
        // Both themes on the same page, its widgets started, so their controls are checked in each.
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          expect(await violations(page), `${scheme} theme`).toEqual([]);
        }
      }
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

describe('lesson 1’s Table 3', () => {
  for (const [path, weak] of [['/lessons/01-why-explain/', 'weakly supervised'], ['/ko/lessons/01-why-explain/', '약한 지도']]) {
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
