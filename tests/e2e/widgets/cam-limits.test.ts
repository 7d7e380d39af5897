import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { fcHeadByHand } from '../toy-math.ts';

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
  describe(`lesson 6 (${prefix || 'en'}): a GAP head and a flatten head on the same maps`, () => {
    it('scores both heads as the formulas do, and moving the maps changes only the flatten head’s score', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/06-cam-limits/`);
      await start(page, 'cam-limits');
      const s = seedExample();
      expect(await outputText(page, 'S-gap')).toBe('56');
      expect(Number(await outputText(page, 'S-fc'))).toBeCloseTo(fcHeadByHand(s.A, 3, 0).S[0], 3);
      expect(await outputText(page, 'params-gap')).toMatch(/\b12\b/);
      expect(await outputText(page, 'params-fc')).toMatch(/\b398\b/);
      expect(await page.locator('cam-limits [data-output=no-cam]').isVisible()).toBe(true);
      expect(await page.locator('cam-limits table[data-map=cam] td').count()).toBe(25);

      await page.click('cam-limits [data-shift=right]');
      const moved = s.A.map((m) => m.map((row) => row.map((_, j) => row[(j + 4) % 5])));
      const expectedFc = fcHeadByHand(moved, 3, 0).S[0];
      await expect.poll(async () => Math.abs(Number(await outputText(page, 'S-fc')) - expectedFc)).toBeLessThan(1e-3);
      expect(Math.abs(expectedFc - fcHeadByHand(s.A, 3, 0).S[0])).toBeGreaterThan(0.01);
      expect(await outputText(page, 'S-gap')).toBe('56');
      expect(await page.locator('cam-limits input[data-k="0"][data-i="0"][data-j="0"]').inputValue()).toBe(String(moved[0][0][0]));
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
