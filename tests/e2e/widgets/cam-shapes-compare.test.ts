import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, startWidget } from '../pages.ts';
import { cellValue, expectedGradCam, nodeNet, widgetReader, type NodeNet } from '../trained-grad-cam.ts';
import { contrast, correlation, scale01 } from '../toy-math.ts';

let browser: Browser;
let fc: NodeNet;
let gap: NodeNet;
beforeAll(async () => {
  [fc, gap] = [await nodeNet('shapes-fc'), await nodeNet('shapes-gap')];
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const TAG = 'cam-shapes-compare';
const LESSON = '/lessons/09-cam-vs-grad-cam/';
const start = (page: Page) => startWidget(page, TAG, 60_000);
const { out, num, map: grid } = widgetReader(TAG);

/** The comparison the page shows, against CAM and Grad-CAM computed in Node: M_c from w and A, L^c by finite differences. */
async function expectComparison(page: Page, n: number, c?: number): Promise<void> {
  const want = expectedGradCam(gap, 'one', n, { c });
  const M = want.M!;
  const [a, b] = [scale01(M), scale01(want.L)];
  await expect.poll(async () => Math.abs((await num(page, 'net-correlation')) - correlation(M, want.L))).toBeLessThan(2e-3);
  expect(Math.abs((await num(page, 'net-contrast-cam')) - contrast(a).contrast)).toBeLessThan(2e-3);
  expect(Math.abs((await num(page, 'net-contrast-gradcam')) - contrast(b).contrast)).toBeLessThan(2e-3);
  expect(Math.abs((await num(page, 'net-surround-cam')) - contrast(a).surround)).toBeLessThan(2e-3);
  expect(Math.abs((await num(page, 'net-surround-gradcam')) - contrast(b).surround)).toBeLessThan(2e-3);
  const diff = (await grid(page, 'net-diff')).map(cellValue);
  diff.forEach((v, i) => expect(Math.abs(v - (b[i] - a[i])), `cell ${i}`).toBeLessThan(2e-3));
}

describe('lesson 9: CAM and Grad-CAM on the trained networks', () => {
  it('on shapes-gap: both maps of test image 0, their difference, correlation and contrast, the negative cells, and alpha Z = w', async () => {
    const { page, errors } = await openPage(browser, LESSON);
    await start(page);
    await expectComparison(page, 0);
    const negative = expectedGradCam(gap, 'one', 0).M!.filter((v) => v < 0).length;
    expect(await out(page, 'net-negative')).toContain(`on ${negative} of the 256 cells`);
    const error = Number.parseFloat((await out(page, 'net-alpha-check')).match(/at most ([-\d.e]+)/)?.[1] ?? 'NaN');
    expect(error).toBeLessThan(1e-4);
    expect(await page.locator(`${TAG} [data-output="net-no-cam"]`).isHidden()).toBe(true);
    // Another class, and another image: the link holds both.
    await page.locator(`${TAG} input[data-class-radio="2"]`).check();
    await expectComparison(page, 0, 2);
    await page.click(`${TAG} [data-action=next]`);
    await expectComparison(page, 1);
    await expect.poll(() => new URL(page.url()).searchParams.get(TAG)).toBe('net:gap;set:one;n:1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on shapes-fc: says it is loading it, then no CAM, and why; Grad-CAM alone with its contrast', async () => {
    const { page, errors } = await openPage(browser, LESSON);
    await start(page);
    // shapes-fc is loaded when first asked for; its file is held back here, and until it comes the widget says so.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/models/shapes-fc/model.json', async (route) => {
      await held;
      await route.fallback();
    });
    await page.locator(`${TAG} input[data-choice="net:fc"]`).check();
    const busy = page.locator(`${TAG} [data-widget-busy]`);
    await expect.poll(() => busy.isVisible()).toBe(true);
    expect(await busy.textContent()).toBe('Loading the trained network shapes-fc…');
    release();
    await expect.poll(() => page.locator(`${TAG} [data-output="net-no-cam"]`).isVisible()).toBe(true);
    expect(await busy.isHidden()).toBe(true);
    expect(await out(page, 'net-no-cam')).toContain('no single weight');
    expect(await out(page, 'net-correlation')).toContain('no CAM');
    expect(await page.locator(`${TAG} table[data-map="net-cam"]`).isHidden()).toBe(true);
    const want = scale01(expectedGradCam(fc, 'one', 0).L);
    // The finite differences' float32 rounding, in a sum of 64 terms that largely cancel, scaled by a small max.
    await expect.poll(async () => Math.max(...(await grid(page, 'net-gradcam')).map((v, i) => Math.abs(cellValue(v) - want[i])))).toBeLessThan(4e-3);
    // The contrast of the map on the page (a cell within rounding of 0.5 may fall on either side of the cut).
    const shown = (await grid(page, 'net-gradcam')).map(cellValue);
    expect(Math.abs((await num(page, 'net-contrast-gradcam')) - contrast(shown).contrast)).toBeLessThan(2e-3);
    await expect.poll(() => new URL(page.url()).searchParams.get(TAG)).toBe('net:fc;set:one;n:0');
    // The CAM map that shapes-fc lacks is blanked, not taken apart: its 256 cells are the same elements when
    // shapes-gap comes back (a switch then writes numbers and colours only), and they are blank meanwhile.
    const cells = page.locator(`${TAG} table[data-map="net-cam"] td`);
    expect(await cells.count()).toBe(256);
    expect(await cells.evaluateAll((tds) => tds.every((td) => !td.getAttribute('title') && !td.textContent && ![...td.classList].some((c) => c.startsWith('heat-'))))).toBe(true);
    await cells.first().evaluate((td) => ((window as unknown as { keptCell: Element }).keptCell = td));
    await page.locator(`${TAG} input[data-choice="net:gap"]`).check();
    await expect.poll(() => page.locator(`${TAG} table[data-map="net-cam"]`).isVisible()).toBe(true);
    await expect.poll(() => cells.first().getAttribute('title')).toBeTruthy();
    expect(await cells.first().evaluate((td) => td === (window as unknown as { keptCell: Element }).keptCell)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs in Korean, and says in Korean why shapes-fc has no CAM', async () => {
    const { page, errors } = await openPage(browser, `/ko${LESSON}?${TAG}=net:fc;set:one;n:2`);
    await start(page);
    expect(await out(page, 'net-no-cam')).toContain('CAM이 없습니다');
    expect(errors).toEqual([]);
    await page.close();
  });
});
