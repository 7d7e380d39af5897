/** Every slides page in both locales: see tests/e2e/page-checks.ts. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectChromium } from '../pages.ts';
import { checkPage, slidesPages, pageTitle } from '../page-checks.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

describe('slides page in both locales', () => {
  for (const page of slidesPages()) it(pageTitle(page), () => checkPage(browser, page));
});
