import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, startWidget } from '../pages.ts';
import { localizeMap } from '../../../src/lib/localize-map.ts';
import { CLASS_NAMES } from '../../../src/state/shapes-samples.ts';
import { expected, nodeModel, type NodeModel } from '../trained-network.ts';

let browser: Browser;
const models: Record<'gap' | 'gmp', NodeModel> = {} as never;
beforeAll(async () => {
  models.gap = await nodeModel('models/shapes-gap');
  models.gmp = await nodeModel('models/shapes-gmp');
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const TAG = 'cam-pooling-twins';
const column = (page: Page, kind: 'gap' | 'gmp') => page.locator(`${TAG} [data-network=${kind}]`);
const iouOf = async (page: Page, kind: 'gap' | 'gmp') => Number.parseFloat((await column(page, kind).locator('[data-output=iou]').textContent()) ?? '');

/** What the page must show for one network, computed in Node from the model files. */
async function want(kind: 'gap' | 'gmp', n: number, threshold: number, c?: number) {
  const e = expected(models[kind], 'one', n, c);
  const truth = e.sample.objects.find((o) => o.label === e.c)?.box ?? null;
  const found = await localizeMap(e.M, 16, 16, { width: 64, height: 64 }, threshold, truth);
  // The probability of the answer, from the scores: a GMP head read as GAP would give another.
  const top = Math.max(...e.S);
  const sum = e.S.reduce((acc, v) => acc + Math.exp(v - top), 0);
  return { best: e.best, c: e.c, iou: found.iou, p: 1 / sum };
}

describe('lesson 3: the GAP network and its GMP twin on the same image', () => {
  it('shows each network\'s answer and the IoU of its CAM box that the model files give in Node, at any threshold and for any class', async () => {
    const { page, errors } = await openPage(browser, '/lessons/03-global-average-pooling/');
    await startWidget(page, TAG, 90_000);
    // The two networks really differ: a GMP head read as GAP would give other scores and maps.
    for (const threshold of [0.2, 0.5]) {
      await page.locator(`${TAG} input[data-threshold]`).fill(String(threshold));
      for (const kind of ['gap', 'gmp'] as const) {
        const w = await want(kind, 1, threshold);
        await expect.poll(async () => Math.abs((await iouOf(page, kind)) - w.iou), { timeout: 10_000 }).toBeLessThan(1e-3);
        const answer = (await column(page, kind).locator('[data-output=answer]').textContent()) ?? '';
        expect(answer).toContain(`Answers ${CLASS_NAMES[w.best]}`);
        expect(Math.abs(Number(/p = ([\d.]+)/.exec(answer)?.[1]) - w.p)).toBeLessThanOrEqual(0.0005 + 1e-6);
      }
    }
    // Both maps explain the class the learner picks; a class the image does not hold has no true box.
    const absent = (expected(models.gap, 'one', 1).sample.objects[0].label + 2) % 4;
    await page.locator(`${TAG} input[data-choice="explain:${absent}"]`).check();
    for (const kind of ['gap', 'gmp'] as const) {
      await expect.poll(() => column(page, kind).locator('[data-output=answer]').textContent()).toContain(`class activation map of ${CLASS_NAMES[absent]}`);
      expect(await iouOf(page, kind)).toBe(0);
      // The true box is missing because the image holds no such shape, not because no pixel passed the cut.
      expect(await column(page, kind).textContent()).toContain('true box: none (the image holds no shape of this class)');
    }
    // The next image runs both networks again.
    await page.locator(`${TAG} input[data-choice="explain:own"]`).check();
    await page.locator(`${TAG} button[data-action=next]`).click();
    for (const kind of ['gap', 'gmp'] as const) {
      const w = await want(kind, 2, 0.5);
      await expect.poll(async () => Math.abs((await iouOf(page, kind)) - w.iou), { timeout: 10_000 }).toBeLessThan(1e-3);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a GAP network served where the GMP twin should be, says why, and leaves the page working', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // shapes-gap's files at shapes-gmp's address: a model that loads, but whose head pools by the mean.
    await page.route('**/models/shapes-gmp/*', (route) => route.continue({ url: route.request().url().replace('/shapes-gmp/', '/shapes-gap/') }));
    const { baseURL } = await import('../pages.ts');
    await page.goto(`${baseURL()}/lessons/03-global-average-pooling/`);
    await page.locator(TAG).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${TAG}[data-state=failed]`, { timeout: 60_000 });
    expect(await page.locator(`${TAG} [data-widget-status]`).textContent()).toContain('does not end in global max pooling');
    // The toy widget above it still answers an edit.
    await page.locator('cam-gap').scrollIntoViewIfNeeded();
    await page.waitForSelector('cam-gap[data-state=ready]');
    expect(await page.locator('cam-gap [data-output=F-0]').textContent()).toBe('50');
    await page.locator('cam-gap table.fmap input').first().fill('1000');
    await expect.poll(() => page.locator('cam-gap [data-output=F-0]').textContent()).not.toBe('50');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
