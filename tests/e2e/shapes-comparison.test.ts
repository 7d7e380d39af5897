import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import report from '../../models/localization.json';
import { connectChromium, openPage } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

// Lesson 9's table is rendered at build time from models/localization.json: the built page must show the
// JSON's numbers, to the digits it prints, in both locales.
describe("lesson 9's table of CAM against Grad-CAM on the test set", () => {
  const { 'shapes-gap': gap, 'shapes-fc': fc } = report.camVsGradCam.networks;
  const two = (x: number) => x.toFixed(2);
  for (const [path, noCam] of [['/lessons/09-cam-vs-grad-cam/', 'no CAM'], ['/ko/lessons/09-cam-vs-grad-cam/', 'CAM 없음']]) {
    it(`shows the evaluation's numbers (${path})`, async () => {
      const { page, errors } = await openPage(browser, path);
      const table = page.locator('.shapes-comparison-table');
      const value = (row: string, network: string, stat: string) => table.locator(`tr[data-row="${row}"] td[data-network="${network}"][data-stat="${stat}"]`).textContent();
      expect(await table.locator('tbody tr').count()).toBe(9);
      expect(await value('correlation', 'shapes-gap', 'mean')).toBe(two(gap.cam.correlation.mean));
      expect(await value('correlation', 'shapes-gap', 'median')).toBe(two(gap.cam.correlation.median));
      expect(await value('contrastCam', 'shapes-gap', 'mean')).toBe(two(gap.cam.contrast.mean));
      expect(await value('contrastGradCam', 'shapes-gap', 'mean')).toBe(two(gap.gradCam.contrast.mean));
      expect(await value('contrastGradCam', 'shapes-fc', 'median')).toBe(two(fc.gradCam.contrast.median));
      expect(await value('contrastLinear', 'shapes-fc', 'mean')).toBe(two(fc.gradCamWithoutRelu.contrast.mean));
      expect(await value('raises', 'shapes-fc', 'share')).toBe((fc.relu.raisesContrast * 100).toFixed(1));
      // shapes-fc's CAM cells: a sentence, no number
      expect(await value('correlation', 'shapes-fc', 'none')).toContain(noCam);
      expect(await table.locator('th[scope="colgroup"]').allTextContents()).toEqual(['shapes-gap', 'shapes-fc']);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
