/**
 * Widgets that need room (`wide` in the registry) are wider than the text column on a wide screen, the trained
 * network's pictures are drawn larger there, and on a phone nothing is wider than the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, startWidget } from './pages.ts';
import { widgetRegistry } from '../../src/widgets/registry.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const width = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().width);

describe('wide figures', () => {
  it('marks exactly the registry’s wide widgets, on their lessons', async () => {
    for (const lesson of new Set(widgetRegistry.map((e) => e.lesson))) {
      const { page } = await openPage(browser, `/lessons/${lesson}/`);
      for (const entry of widgetRegistry.filter((e) => e.lesson === lesson)) {
        expect(await page.locator(`figure.live-widget:has(> ${entry.tag})`).getAttribute('class'), entry.tag).toBe(entry.wide ? 'live-widget wide' : 'live-widget');
      }
      await page.close();
    }
  });

  it('at 1280 px, draws lesson 1’s trained network wider than the text and its pictures at least 350 px wide', async () => {
    const { page, errors } = await openPage(browser, '/lessons/01-why-explain/');
    await startWidget(page, 'cam-shapes', 60_000);
    const text = await width(page, 'main.lesson > p');
    expect(await width(page, 'figure.live-widget.wide')).toBeGreaterThan(text + 100);
    expect(await width(page, 'figure.live-widget:not(.wide)')).toBeLessThanOrEqual(text + 1);
    for (const canvas of ['image', 'cam']) expect(await width(page, `cam-shapes canvas[data-canvas=${canvas}]`), canvas).toBeGreaterThanOrEqual(350);
    // The two pictures side by side, not one under the other.
    const [a, b] = await page.locator('cam-shapes canvas').evaluateAll((cs) => cs.slice(0, 2).map((c) => c.getBoundingClientRect().top));
    expect(Math.abs(a - b)).toBeLessThan(40);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const slug of ['01-why-explain', '05-class-activation-map', '08-cam-is-grad-cam', '09-cam-vs-grad-cam']) {
    it(`at 390 px, lesson ${slug} scrolls only down, its wide widgets started`, async () => {
      const { page, errors } = await openPage(browser, `/lessons/${slug}/`, { width: 390, height: 844 });
      for (const entry of widgetRegistry.filter((e) => e.lesson === slug && e.wide)) await startWidget(page, entry.tag, 60_000);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
