import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { baseURL, connectChromium, openPage, startWidget } from '../pages.ts';
import { cellValue, expectedGradCam, nodeNet, widgetReader, type ExpectedGradCam, type NodeNet } from '../trained-grad-cam.ts';

let browser: Browser;
let fc: NodeNet;
let gap: NodeNet;
beforeAll(async () => {
  [fc, gap] = [await nodeNet('shapes-fc'), await nodeNet('shapes-gap')];
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const TAG = 'cam-shapes-grad-cam';
const LESSON = '/lessons/07-grad-cam/';
const start = (page: Page) => startWidget(page, TAG, 60_000);
const { out, grid: cells } = widgetReader(TAG);
/** The page's tfjs engine, which tfjs keeps on the global object. */
const tensorCount = (page: Page) => page.evaluate(() => (globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state.numTensors);

/** The alphas and the raw map on the page agree with the finite differences computed in Node. */
async function expectShows(page: Page, want: ExpectedGradCam): Promise<void> {
  await expect.poll(async () => (await page.locator(`${TAG} input[data-class-radio="${want.c}"]`).isChecked())).toBe(true);
  await expect
    .poll(async () => {
      const alpha = (await cells(page, 'net-alpha')).map(cellValue);
      // Cells show 4 decimals (or 2 digits below 1e-4): half a unit of the last place, and float32 besides.
      return Math.max(...alpha.map((a, k) => Math.abs(a - want.alpha[k]) - 2e-3 * Math.abs(want.alpha[k])));
    })
    .toBeLessThan(6e-5);
  const top = Math.max(...want.L, 1e-9);
  const L = (await cells(page, 'net-L')).map(cellValue);
  expect(L).toHaveLength(256);
  L.forEach((v, i) => expect(Math.abs(v - want.L[i]), `cell ${i}: ${v} against ${want.L[i]}`).toBeLessThan(6e-5 + 5e-3 * top));
}

describe('lesson 7: Grad-CAM on the trained network shapes-fc', () => {
  it('explains the predicted class of test image 1 with the alphas and the map the gradient gives, and the gradient varies over positions', async () => {
    const { page, errors } = await openPage(browser, LESSON);
    await start(page);
    const want = expectedGradCam(fc, 'one', 1);
    for (let c = 0; c < 4; c++) expect(Math.abs(Number.parseFloat(await out(page, `S-${c}`)) - want.S[c])).toBeLessThan(1e-3);
    await expectShows(page, want);
    expect(await page.locator(`${TAG} input[data-choice="net:fc"]`).isChecked()).toBe(true);
    // A flatten head: within one channel the gradient is not one number (max pooling passes it to one cell in 16).
    const spread = Number.parseFloat((await out(page, 'net-spread')).match(/by up to ([-\d.e]+)/)?.[1] ?? 'NaN');
    expect(spread).toBeGreaterThan(1e-3);
    expect(await page.locator(`${TAG} [data-output="net-flat"]`).isHidden()).toBe(true);
    expect(await out(page, 'net-y')).toContain(`S${want.c + 1} = `);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains any class, the probability and the counterfactual, writes them into the link, and leaves no tensor behind', async () => {
    const { page, errors } = await openPage(browser, LESSON);
    await start(page);
    const baseline = await tensorCount(page);
    const other = (expectedGradCam(fc, 'one', 1).best + 1) % 4;
    await page.locator(`${TAG} input[data-class-radio="${other}"]`).check();
    await expectShows(page, expectedGradCam(fc, 'one', 1, { c: other }));

    await page.locator(`${TAG} input[data-choice="target:probability"]`).check();
    const probability = expectedGradCam(fc, 'one', 1, { c: other, target: 'probability' });
    await expectShows(page, probability);
    await expect.poll(() => out(page, 'net-y')).toContain(`p${other + 1} = `);

    await page.locator(`${TAG} input[data-choice="target:score"]`).check();
    await page.locator(`${TAG} input[data-choice="sign:counterfactual"]`).check();
    const counterfactual = expectedGradCam(fc, 'one', 1, { c: other, counterfactual: true });
    await expectShows(page, counterfactual);
    await expect.poll(() => new URL(page.url()).searchParams.get(TAG)).toBe(`net:fc;set:one;n:1;c:${other};target:score;sign:counterfactual`);

    // Images, classes, targets and signs: the kept activations are replaced, never piled up.
    for (let i = 0; i < 3; i++) {
      await page.click(`${TAG} [data-action=next]`);
      await page.locator(`${TAG} input[data-class-radio="${i}"]`).check();
      await page.locator(`${TAG} input[data-choice="target:${i % 2 ? 'score' : 'probability'}"]`).check();
    }
    await expectShows(page, expectedGradCam(fc, 'one', 4, { c: 2, target: 'probability', counterfactual: true }));
    await expect.poll(() => tensorCount(page)).toBe(baseline);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on shapes-gap every gradient map is flat and alpha times Z gives the weights back', async () => {
    const { page, errors } = await openPage(browser, `${LESSON}?${TAG}=net:gap;set:one;n:2;target:score;sign:gradient`);
    await start(page);
    const want = expectedGradCam(gap, 'one', 2);
    await expectShows(page, want);
    const error = Number.parseFloat((await out(page, 'net-flat')).match(/at most ([-\d.e]+)/)?.[1] ?? 'NaN');
    expect(error).toBeLessThan(1e-4);
    const spread = Number.parseFloat((await out(page, 'net-spread')).match(/by up to ([-\d.e]+)/)?.[1] ?? 'NaN');
    expect(spread).toBeLessThan(1e-6);
    // The same map as CAM's divided by Z, after the ReLU.
    const L = (await cells(page, 'net-L')).map(cellValue);
    const M = want.M!;
    L.forEach((v, i) => expect(Math.abs(v - Math.max(0, M[i] / 256))).toBeLessThan(6e-5 + 5e-3 * Math.max(...want.L)));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs in Korean with Korean labels', async () => {
    const { page, errors } = await openPage(browser, `/ko${LESSON}`);
    await start(page);
    expect(await page.locator(`${TAG} fieldset[data-choice-group="sign"] legend`).textContent()).toBe('그래디언트');
    expect(await out(page, 'truth')).toContain('정사각형');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so when shapes-fc cannot be loaded, and the toy widget beside it still works', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.route('**/models/shapes-fc/*', (route: Route) => route.abort('connectionrefused'));
    await page.goto(`${baseURL()}${LESSON}`);
    await page.locator(TAG).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${TAG}[data-state=failed]`, { timeout: 30_000 });
    expect(await page.locator(`${TAG} [data-widget-status]`).textContent()).toContain('shapes-fc could not be loaded');
    await page.locator('cam-grad-cam').scrollIntoViewIfNeeded();
    await page.waitForSelector('cam-grad-cam[data-state=ready]');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
