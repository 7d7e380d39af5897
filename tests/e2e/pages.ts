import { readdirSync } from 'node:fs';
import { inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

export const baseURL = () => inject('baseURL');

/** A test file's connection to the one Chromium the global setup started: closing it closes the file's pages, not the browser. */
export function connectChromium(): Promise<Browser> {
  return chromium.connect(inject('chromiumEndpoint'));
}

/** Every lesson's slug, read from the English content folder (a unit test keeps Korean in step). */
export const lessonSlugs = readdirSync(new URL('../../content/lessons/en/', import.meta.url))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/**
 * Tabs the test file has finished with, kept to be used again. A new page costs Chromium a new renderer
 * process, about two and a half times the CPU of loading the lesson into a tab that has one (measured:
 * eight loads of lesson 4, 1781 against 852 jiffies); on two cores that is most of the browser tests' time.
 */
const idleTabs = new WeakMap<Browser, Page[]>();

/** Makes a used tab a fresh one: no listeners, routes, emulation or stored choices left from its last test. */
async function release(browser: Browser, page: Page): Promise<void> {
  await page.removeAllListeners();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.emulateMedia({ colorScheme: null, media: null, reducedMotion: null });
  await page.evaluate(() => {
    try {
      localStorage.clear();
      sessionStorage.clear();
    } catch {
      // a page that failed to load has no storage to clear
    }
  }).catch(() => undefined);
  await page.goto('about:blank');
  const idle = idleTabs.get(browser) ?? [];
  idle.push(page);
  idleTabs.set(browser, idle);
}

/**
 * Opens a page that records console errors, page errors and requests, so a test can assert on them. The tab
 * is one the file used before, made fresh, when there is one: closing the page returns it to the file's tabs.
 */
export async function openPage(browser: Browser, path: string, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const page = idleTabs.get(browser)?.pop() ?? (await browser.newPage({ viewport }));
  const size = page.viewportSize();
  if (size?.width !== viewport.width || size?.height !== viewport.height) await page.setViewportSize(viewport);
  page.close = () => release(browser, page);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(baseURL() + path, { waitUntil: 'load' });
  // The page in front: Chromium may hold back animation frames of a page it counts as hidden.
  await page.bringToFront();
  return { page, errors, requests };
}

/**
 * Scrolls through the whole page, so every lazy widget starts. It scrolls with the mouse wheel, as a reader
 * does, so the compositor scrolls; it never calls window.scrollTo(). A main-thread scroll waits for any
 * commit in flight, and with software raster Chromium can leave a commit waiting for good (tiles just below
 * the viewport rastered by a background-priority job that then yields, with nothing to wake the job that
 * would finish activation): the page's main thread then blocks in scrollTo() forever. A wheel scroll is
 * handled on the compositor thread, which re-plans its raster work on every scroll. Each step, a screenful
 * (widgets start 200 px before they show), waits for a frame, or 100 ms if no frame comes.
 */
export async function scrollThrough(page: Page): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  for (let step = 0; step < 1000; step++) {
    const atBottom = await page.evaluate(() => scrollY + innerHeight >= document.body.scrollHeight - 1);
    if (atBottom) break;
    await page.mouse.wheel(0, viewport.height);
    await page.evaluate(() => new Promise((r) => {
      requestAnimationFrame(r);
      setTimeout(r, 100);
    }));
  }
}

/**
 * Scrolls a live widget into view and waits until it has drawn its first state (the loader marks it ready
 * only then); fails with the message the widget shows if it could not start. `unfold` opens its folded parts.
 */
export async function startWidget(page: Page, tag: string, timeout = 30_000, unfold = false): Promise<void> {
  await page.locator(tag).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${tag}[data-state=ready], ${tag}[data-state=failed]`, { timeout });
  const state = await page.locator(tag).getAttribute('data-state');
  if (state !== 'ready') throw new Error(`${tag} did not start: ${await page.locator(tag).textContent()}`);
  if (unfold) await page.evaluate((t) => document.querySelectorAll<HTMLDetailsElement>(`${t} details`).forEach((d) => (d.open = true)), tag);
}

/**
 * Waits until every widget matched by `selector` has left 'loading'; fails naming any that did not
 * become ready, with the message the widget shows the learner.
 */
export async function expectWidgetsReady(page: Page, selector = '[data-state]', timeout = 30_000): Promise<void> {
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((w) => ['ready', 'failed'].includes(w.getAttribute('data-state') ?? '')), selector, { timeout });
  const notReady = await page.evaluate((sel) => [...document.querySelectorAll(sel)]
    .filter((w) => w.getAttribute('data-state') !== 'ready')
    .map((w) => `${w.localName}: ${w.querySelector('[data-widget-status]')?.textContent ?? w.getAttribute('data-state')}`), selector);
  if (notReady.length) throw new Error(`widgets that did not start: ${notReady.join('; ')}`);
}

export async function outputText(page: Page, name: string): Promise<string> {
  return (await page.locator(`[data-output="${name}"]`).first().textContent()) ?? '';
}
