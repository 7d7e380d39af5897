import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { localizeMap } from '../../../src/lib/localize-map.ts';
import type { SampleSet } from '../../../src/state/shapes-samples.ts';
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

describe('lesson 5: the map of the trained network turned into a box', () => {
  const TAG = 'cam-shapes-box';
  it('draws the box at the chosen threshold and reports the IoU that the CAM paper\'s protocol gives in Node', async () => {
    const { page, errors } = await openPage(browser, '/lessons/05-class-activation-map/');
    await start(page, TAG);
    const want = expected('one', 1);
    const truth = want.sample.objects[0].box;
    for (const threshold of [0.2, 0.5]) {
      await page.locator(`${TAG} input[data-threshold]`).fill(String(threshold));
      const found = await localizeMap(want.M, 16, 16, { width: 64, height: 64 }, threshold, truth);
      await expect.poll(async () => Math.abs(Number.parseFloat(await outputText(page, 'iou')) - found.iou)).toBeLessThan(1e-3);
      expect(await outputText(page, 'threshold')).toContain(`${Math.round(threshold * 100)}%`);
    }
    // A class the image does not hold has no true box.
    const absent = (want.sample.objects[0].label + 1) % 4;
    await page.locator(`${TAG} input[data-class-radio="${absent}"]`).check();
    await expect.poll(() => page.locator(`${TAG} [data-output=no-truth]`).isVisible()).toBe(true);
    expect(await outputText(page, 'iou')).toBe('0');
    expect(errors).toEqual([]);
    await page.close();
  });
});
