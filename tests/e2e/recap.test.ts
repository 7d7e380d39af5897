/** The course's ending: the recap follows lesson 9, ties the nine lessons together and links only to pages that exist. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, connectChromium, lessonSlugs, openPage } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

for (const prefix of ['', '/ko']) {
  describe(`the recap (${prefix || 'en'})`, () => {
    it('is lesson 9’s next page, and lesson 9 its previous one; the home page and the lesson list link to it', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/09-cam-vs-grad-cam/`);
      await page.click('.prev-next a[rel=next]');
      await page.waitForURL(`**${prefix}/recap/`);
      expect(await page.locator('.prev-next a[rel=prev]').getAttribute('href')).toBe(`${prefix}/lessons/09-cam-vs-grad-cam/`);
      expect(await page.locator('.prev-next a[rel=next]').count()).toBe(0);
      // In the lesson list, marked as the page shown.
      expect(await page.locator('.lesson-list a[aria-current=page]').getAttribute('href')).toBe(`${prefix}/recap/`);
      await page.goto(`${baseURL()}${prefix}/`);
      await page.getByTestId('recap-card').click();
      await page.waitForURL(`**${prefix}/recap/`);
      expect(await page.getAttribute('html', 'lang')).toBe(prefix ? 'ko' : 'en');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('walks the nine lessons in order, each step linked to its lesson, with its formulas rendered; what is coming has no link', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/recap/`);
      const steps = page.locator('.recap-step');
      expect(await steps.count()).toBe(lessonSlugs.length);
      const links = await page.locator('.recap-step h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(lessonSlugs.map((slug) => `${prefix}/lessons/${slug}/`));
      for (const href of links) expect((await page.request.get(baseURL() + href!)).status(), href!).toBe(200);
      // The key formulas, rendered at build time: GAP, the score, CAM, Grad-CAM, the special case, the scaling.
      expect(await page.locator('.recap-formula .katex-display').count()).toBeGreaterThanOrEqual(9);
      expect(await page.locator('.katex-error').count()).toBe(0);
      const mathml = await page.locator('.recap-formula annotation').allTextContents();
      for (const tex of ['F^k = \\frac{1}{Z}', 'S_c = \\sum_k w_k^c', 'M_c(x, y) = \\sum_k w_k^c', '\\alpha_k^c = \\frac{1}{Z}', '\\frac{w_k^c}{Z}', '\\hat{M}(x, y)']) {
        expect(mathml.some((m) => m.includes(tex)), tex).toBe(true);
      }
      // The class score is S_c throughout: no y^c or Y^c.
      expect(mathml.some((m) => /\by\^c|Y\^c/.test(m))).toBe(false);
      // Lessons 10, 11, 12 and the playground are announced as coming, with no link.
      expect(await page.locator('.recap-coming li').count()).toBe(4);
      expect(await page.locator('.recap-coming a').count()).toBe(0);
      expect(await page.locator('.recap-coming .coming-badge').count()).toBe(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
