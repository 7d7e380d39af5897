/**
 * The home page's first screen: the pre-rendered CAM of shapes-gap, one sentence and the way in, seen without
 * scrolling on a laptop and on a phone; no TensorFlow.js until the learner asks; then the live widget, drawing
 * the same picture the page showed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { connectChromium, openPage, scrollThrough, startWidget } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const facts = JSON.parse(readFileSync('src/components/home/home-picture.json', 'utf8'));

/** tfjs-core's code holds the name of its IndexedDB model store: no other script of the site does. */
const isTfjs = (source: string) => source.includes('tensorflowjs');
const scriptsOf = (urls: string[]) => urls.filter((u) => new URL(u).pathname.endsWith('.js'));
async function tfjsScripts(page: Page, urls: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const url of scriptsOf(urls)) if (isTfjs(await page.evaluate((u) => fetch(u).then((r) => r.text()), url))) found.push(url);
  return found;
}

describe('the home page', () => {
  for (const [path, viewport] of [
    ['/', { width: 1280, height: 800 }],
    ['/ko/', { width: 390, height: 844 }],
    ['/', { width: 390, height: 844 }],
  ] as const) {
    it(`shows the CAM picture, the sentence and the way in on the first screen, with no sideways scroll (${path} at ${viewport.width} x ${viewport.height})`, async () => {
      const { page, errors } = await openPage(browser, path, viewport);
      for (const selector of ['[data-hero-picture] img >> nth=1', '.hero-lede', '.hero-start', '[data-go-live]']) {
        const box = await page.locator(selector).boundingBox();
        expect(box, selector).not.toBeNull();
        expect(box!.y + box!.height, `${selector} ends within the first screen`).toBeLessThanOrEqual(viewport.height);
        expect(box!.x + box!.width, `${selector} ends within the width`).toBeLessThanOrEqual(viewport.width);
      }
      // The pictures are the committed 64 x 64 files, drawn larger with square pixels.
      const imgs = await page.locator('[data-hero-picture] img').evaluateAll((els) => (els as HTMLImageElement[]).map((i) => [i.naturalWidth, i.getBoundingClientRect().width, getComputedStyle(i).imageRendering]));
      for (const [natural, shown, rendering] of imgs) {
        expect(natural).toBe(64);
        expect(shown).toBeGreaterThan(150);
        expect(rendering).toBe('pixelated');
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      expect(await page.locator('.hero-start').getAttribute('href')).toMatch(/lessons\/01-why-explain\/$/);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('loads no TensorFlow.js, model or WebAssembly before the click, then runs the live CAM of the same image', async () => {
    const { page, errors, requests } = await openPage(browser, '/');
    await scrollThrough(page);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const before = [...requests];
    expect(before.filter((u) => /\.wasm$|model\.json$|\.bin$/.test(new URL(u).pathname))).toEqual([]);
    expect(await tfjsScripts(page, before)).toEqual([]);
    expect(await page.locator('cam-shapes').count()).toBe(0);

    await page.click('[data-go-live]');
    await startWidget(page, 'cam-shapes', 60_000);
    const after = requests.slice(before.length);
    expect((await tfjsScripts(page, after)).length, 'the click fetched TensorFlow.js').toBeGreaterThan(0);
    expect(after.some((u) => new URL(u).pathname.endsWith('models/shapes-gap/model.json'))).toBe(true);
    expect(await page.locator('[data-hero-picture]').count()).toBe(0);

    // The widget explains the image of the picture, with the network's answer: the same scores.
    expect(await page.locator('cam-shapes [data-output=image-caption]').textContent()).toContain(`Test image ${facts.n}`);
    expect(await page.locator(`cam-shapes input[data-class-radio="${facts.c}"]`).isChecked()).toBe(true);
    for (const [c, s] of (facts.S as number[]).entries()) {
      expect(Math.abs(Number.parseFloat((await page.locator(`cam-shapes [data-output=S-${c}]`).textContent()) ?? '') - s)).toBeLessThan(1e-3);
    }
    // ... and draws, pixel for pixel, the picture the page showed before (each image pixel a 4 x 4 block).
    const live = await page.locator('cam-shapes canvas[data-canvas=cam]').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const zoom = canvas.width / 64;
      const out: number[] = [];
      for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
        const at = ((y * zoom + 1) * canvas.width + x * zoom + 1) * 4;
        out.push(data.data[at], data.data[at + 1], data.data[at + 2]);
      }
      return out;
    });
    const picture = PNG.sync.read(readFileSync('public/home/shapes-cam.png'));
    let close = 0;
    let worst = 0;
    for (let p = 0; p < 64 * 64; p++) {
      const d = Math.max(...[0, 1, 2].map((ch) => Math.abs(live[p * 3 + ch] - picture.data[p * 4 + ch])));
      worst = Math.max(worst, d);
      if (d <= 2) close++;
    }
    // The page computes on WebAssembly, the command on the CPU backend: a map value on the edge of a colour step may fall on the next.
    expect(close / (64 * 64), `pixels within 2 levels (worst ${worst})`).toBeGreaterThan(0.99);
    expect(worst).toBeLessThanOrEqual(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes live from the keyboard, with visible focus, and lands on the live widget', async () => {
    const { page, errors } = await openPage(browser, '/ko/');
    await page.focus('.hero-start');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-go-live'))).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('hero-live-heading'))).toBe(true);
    await startWidget(page, 'cam-shapes', 60_000);
    expect(await page.locator('cam-shapes').getAttribute('aria-label')).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts live at once from a link that holds the widget’s state', async () => {
    const { page, errors } = await openPage(browser, '/?cam-shapes=set:one;n:3');
    await startWidget(page, 'cam-shapes', 60_000);
    expect(await page.locator('cam-shapes [data-output=image-caption]').textContent()).toContain('Test image 3');
    expect(errors).toEqual([]);
    await page.close();
  });
});
