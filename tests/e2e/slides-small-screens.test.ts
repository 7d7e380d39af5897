/**
 * The slides on small screens: a phone held sideways (640 x 360) and a very small window (320 x 240), in the
 * audience's window and in the presenter's. The slide keeps a real visible area, and every control can be
 * reached (it is inside the window, or the window scrolls to it) and clicked: nothing covers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const viewports = [
  { width: 640, height: 360 },
  { width: 320, height: 240 },
];
/** Every control of each window, by what it does. */
const controls = {
  audience: ['[data-back]', '[data-go=previous]', '[data-go=next]', '[data-go=presenter]', '[data-go=help]'],
  presenter: ['[data-back]', '[data-go=previous]', '[data-go=next]', '[data-go=help]', '[data-timer-toggle]', '[data-timer-reset]'],
};
/** A deck in each locale, opened on a slide with notes. */
const decks = [
  { path: '/lessons/04-class-scores/slides/', slide: 2 },
  { path: '/ko/lessons/08-cam-is-grad-cam/slides/', slide: 2 },
];

/** How much of the stage the window shows, in CSS pixels: the stage clipped by its frame and by the window. */
const visibleStage = (page: Page) =>
  page.evaluate(() => {
    const stage = document.querySelector('[data-stage]')!.getBoundingClientRect();
    const frame = document.querySelector('[data-stage-frame]')!.getBoundingClientRect();
    return {
      width: Math.min(stage.right, frame.right, innerWidth) - Math.max(stage.left, frame.left, 0),
      height: Math.min(stage.bottom, frame.bottom, innerHeight) - Math.max(stage.top, frame.top, 0),
    };
  });

/** Scrolls a control into view and checks that it lies inside the window and that a tap at its centre reaches it. */
async function expectReachable(page: Page, selector: string): Promise<void> {
  const control = page.locator(selector);
  await control.scrollIntoViewIfNeeded();
  const box = (await control.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box, selector).not.toBeNull();
  expect(box.x, `${selector} left edge`).toBeGreaterThanOrEqual(-0.5);
  expect(box.y, `${selector} top edge`).toBeGreaterThanOrEqual(-0.5);
  expect(box.x + box.width, `${selector} right edge`).toBeLessThanOrEqual(width + 0.5);
  expect(box.y + box.height, `${selector} bottom edge`).toBeLessThanOrEqual(height + 0.5);
  const hit = await page.evaluate(
    ({ selector, x, y }) => {
      const found = document.elementFromPoint(x, y);
      return !!found && document.querySelector(selector)!.contains(found);
    },
    { selector, x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(hit, `${selector}: a tap at its centre reaches it`).toBe(true);
  await control.click({ trial: true }); // Playwright's own checks: visible, stable, enabled, receives the click
}

describe('the slides on a small screen', () => {
  for (const viewport of viewports) {
    for (const view of ['audience', 'presenter'] as const) {
      for (const deck of decks) {
        it(`${viewport.width} x ${viewport.height}, ${view}'s window, ${deck.path}: shows the slide and reaches every control`, async () => {
          const query = view === 'presenter' ? '?presenter' : '';
          const { page, errors } = await openPage(browser, `${deck.path}${query}#/${deck.slide}`, viewport);
          await page.waitForSelector('[data-deck][data-ready=true]');
          expect(await page.locator('[data-deck]').getAttribute('data-view')).toBe(view);

          // The slide is there to see, at the size the window allows.
          const stage = await visibleStage(page);
          expect(stage.width, 'visible width of the slide').toBeGreaterThanOrEqual(viewport.width * 0.5);
          expect(stage.height, 'visible height of the slide').toBeGreaterThanOrEqual(viewport.height * 0.35);

          for (const selector of controls[view]) await expectReachable(page, selector);

          // The controls work: the next one moves the deck, the keys button opens the list, whose close button is reachable too.
          const before = await page.evaluate(() => location.hash);
          await page.locator('[data-go=next]').scrollIntoViewIfNeeded();
          await page.locator('[data-go=next]').click();
          await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(before);
          await page.locator('[data-go=help]').scrollIntoViewIfNeeded();
          await page.locator('[data-go=help]').click();
          expect(await page.locator('dialog[data-help]').isVisible()).toBe(true);
          await expectReachable(page, 'dialog[data-help] form button');
          await page.locator('dialog[data-help] form button').click();
          expect(await page.locator('dialog[data-help]').isVisible()).toBe(false);

          if (view === 'presenter') {
            // The notes can be scrolled to and read.
            await page.locator('[data-go=previous]').click();
            const notes = page.locator('[data-notes-pane]');
            await notes.scrollIntoViewIfNeeded();
            expect((await notes.innerText()).trim().length).toBeGreaterThan(20);
            const box = (await notes.boundingBox())!;
            expect(Math.min(box.y + box.height, viewport.height) - Math.max(box.y, 0), 'visible height of the notes').toBeGreaterThan(20);
          }
          expect(errors).toEqual([]);
          await page.close();
        });
      }
    }
  }
});
