import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { DEFAULT_TWO_INDEX, shapesSample, type SampleSet } from '../../../src/state/shapes-samples.ts';
import { expected as expectedFor, nodeModel, type NodeModel } from '../trained-network.ts';

let browser: Browser;
let model: NodeModel;
beforeAll(async () => {
  model = await nodeModel();
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const expected = (set: SampleSet, n: number, c?: number) => expectedFor(model, set, n, c);
const start = (page: Page, tag: string) => startWidget(page, tag, 60_000);

const scoresOnPage = (page: Page, tag: string) => Promise.all([0, 1, 2, 3].map(async (c) => Number.parseFloat((await page.locator(`${tag} [data-output=S-${c}]`).textContent()) ?? '')));

describe('lesson 1: the trained network shapes-gap, in the page', () => {
  const TAG = 'cam-shapes';
  it('scores a test image as the model files do in Node, explains the predicted class, and keeps the identity', async () => {
    const { page, errors } = await openPage(browser, '/lessons/01-why-explain/');
    await start(page, TAG);
    const want = expected('one', 2);
    const got = await scoresOnPage(page, TAG);
    got.forEach((s, c) => expect(Math.abs(s - want.S[c])).toBeLessThan(1e-3));
    expect(await page.locator(`${TAG} [data-output=predicted]`).getAttribute('data-best')).toBe(String(want.best));
    // The predicted class is the one explained, and the map sums to the score (mean pooling: S = sum M / Z + b).
    expect(await page.locator(`${TAG} input[data-class-radio="${want.best}"]`).isChecked()).toBe(true);
    expect(Math.abs(Number.parseFloat(await outputText(page, 'sumM')) - want.M.reduce((s, v) => s + v, 0))).toBeLessThan(1e-2);
    expect(await page.locator(`${TAG} [data-output=identity]`).getAttribute('class')).toContain('check-ok');
    expect(await page.locator(`${TAG} table[data-output=M] td`).count()).toBe(256);
    expect(await outputText(page, 'truth')).toContain('triangle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains another class on request, with the map of that class, and writes image and class into the link', async () => {
    const { page, errors } = await openPage(browser, '/lessons/01-why-explain/');
    await start(page, TAG);
    await page.click(`${TAG} [data-action=next]`);
    await expect.poll(() => outputText(page, 'image-caption')).toContain('Test image 3');
    const first = expected('one', 3);
    const other = (first.best + 1) % 4;
    await page.locator(`${TAG} input[data-class-radio="${other}"]`).check();
    const want = expected('one', 3, other);
    const cell = (i: number, j: number) => page.locator(`${TAG} table[data-output=M] td[data-i="${i}"][data-j="${j}"]`).getAttribute('title');
    await expect.poll(async () => Math.abs(Number.parseFloat((await cell(8, 8)) ?? '') - want.M[8 * 16 + 8])).toBeLessThan(1e-3);
    await expect.poll(() => new URL(page.url()).searchParams.get(TAG)).toBe(`set:one;n:3;c:${other}`);
    // A new image explains the network's answer again, and the link says no class.
    await page.click(`${TAG} [data-action=next]`);
    await expect.poll(() => new URL(page.url()).searchParams.get(TAG)).toBe('set:one;n:4');
    expect(await page.locator(`${TAG} input[data-class-radio="${expected('one', 4).best}"]`).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows two shapes, and the map of each class peaks on its own shape', async () => {
    const { page, errors } = await openPage(browser, '/lessons/01-why-explain/');
    await start(page, TAG);
    await page.click(`${TAG} [data-action=image-two]`);
    await expect.poll(() => outputText(page, 'image-caption')).toContain(`Test image ${DEFAULT_TWO_INDEX} (two shapes)`);
    const sample = shapesSample('two', DEFAULT_TWO_INDEX);
    for (const object of sample.objects) {
      await page.locator(`${TAG} input[data-class-radio="${object.label}"]`).check();
      const want = expected('two', DEFAULT_TWO_INDEX, object.label);
      await expect.poll(async () => Math.abs(Number.parseFloat((await page.locator(`${TAG} table[data-output=M] td[data-i="0"][data-j="0"]`).getAttribute('title')) ?? '') - want.M[0])).toBeLessThan(1e-3);
      // The hottest 16 x 16 cell lies on (or touches) the object's box, in map cells of 4 pixels.
      const hottest = want.M.indexOf(Math.max(...want.M));
      const [i, j] = [Math.floor(hottest / 16), hottest % 16];
      const box = object.box;
      expect(j * 4 + 4 > box.x0 - 4 && j * 4 < box.x1 + 4 && i * 4 + 4 > box.y0 - 4 && i * 4 < box.y1 + 4, `class ${object.label} peaks at cell (${i}, ${j}), box ${JSON.stringify(box)}`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses an image number past the test set, says so, and shows the default image', async () => {
    const { page, errors } = await openPage(browser, `/lessons/01-why-explain/?${TAG}=set:one;n:99999`);
    await start(page, TAG);
    expect(await page.locator(`${TAG} [data-link-notice]`).textContent()).toContain('could not be read');
    expect(await outputText(page, 'image-caption')).toContain('Test image 2');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs in Korean with Korean labels', async () => {
    const { page, errors } = await openPage(browser, '/ko/lessons/01-why-explain/');
    await start(page, TAG);
    expect(await page.locator(`${TAG} [data-action=image-two]`).textContent()).toBe('도형 두 개');
    expect(await outputText(page, 'truth')).toContain('삼각형');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a model file that is broken or out of reach', () => {
  for (const [what, handle] of [
    ['unreachable', (route: import('playwright-core').Route) => route.abort('connectionrefused')],
    ['not JSON', (route: import('playwright-core').Route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"modelTopology": ' })],
    ['missing its weights', (route: import('playwright-core').Route) => route.request().url().endsWith('.bin') ? route.fulfill({ status: 404, body: 'not found' }) : route.fallback()],
  ] as const) {
    it(`${what}: the widget says the network could not be loaded, and the rest of the page still works`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.route('**/models/shapes-gap/*', handle);
      const { baseURL } = await import('../pages.ts');
      await page.goto(`${baseURL()}/lessons/01-why-explain/`);
      await page.locator('cam-shapes').scrollIntoViewIfNeeded();
      await page.waitForSelector('cam-shapes[data-state=failed]', { timeout: 30_000 });
      expect(await page.locator('cam-shapes [data-widget-status]').textContent()).toContain('The trained network could not be loaded');
      // The toy network above it still answers an edit.
      await page.locator('cam-toy-cam').scrollIntoViewIfNeeded();
      await page.waitForSelector('cam-toy-cam[data-state=ready]');
      await page.locator('cam-toy-cam input[data-class-radio="0"]').check();
      await expect.poll(() => page.locator('cam-toy-cam input[data-class-radio="0"]').isChecked()).toBe(true);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  }
});

describe('two widgets on two backends in one page', () => {
  it('keeps answering the toy widget while the trained one is still loading WebAssembly', async () => {
    const { page, errors } = await openPage(browser, '/lessons/01-why-explain/');
    // Hold the WebAssembly binary back, so the toy widget is edited while the wasm backend starts.
    let wasmAsked = 0;
    await page.route(/\.wasm(\?|$)/, async (route) => {
      wasmAsked++;
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    await startWidget(page, 'cam-toy-cam');
    const toyS = () => page.locator('cam-toy-cam [data-output=S-2]').textContent();
    const before = await toyS();
    await page.locator('cam-shapes').scrollIntoViewIfNeeded();
    await expect.poll(() => wasmAsked).toBeGreaterThan(0);
    // Paint a diagonal stroke into the toy image while the binary is held back.
    for (let i = 0; i < 4; i++) {
      await page.locator(`cam-toy-cam input[data-k="0"][data-i="${i + 4}"][data-j="${i + 4}"]`).focus();
      await page.keyboard.press(' ');
    }
    await expect.poll(toyS).not.toBe(before);
    await start(page, 'cam-shapes');
    await page.locator(`cam-toy-cam input[data-k="0"][data-i="9"][data-j="9"]`).focus();
    const mid = await toyS();
    await page.keyboard.press(' ');
    await expect.poll(toyS).not.toBe(mid);
    expect(await page.locator('cam-toy-cam .widget-problem').isHidden(), await page.locator('cam-toy-cam .widget-problem').textContent() ?? '').toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('computes on the cpu backend when the WebAssembly binary cannot be fetched', async () => {
    const { page } = await openPage(browser, '/lessons/01-why-explain/');
    await page.route(/\.wasm(\?|$)/, (route) => route.abort('connectionrefused'));
    await start(page, 'cam-shapes');
    expect(await page.locator('cam-shapes [data-backend-timing]').getAttribute('data-backend')).toBe('cpu');
    const want = expected('one', 2);
    const got = await scoresOnPage(page, 'cam-shapes');
    got.forEach((s, c) => expect(Math.abs(s - want.S[c])).toBeLessThan(1e-3));
    await page.close();
  });
});
