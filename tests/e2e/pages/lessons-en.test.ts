/** Every English lesson and home page: see tests/e2e/page-checks.ts. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectChromium } from '../pages.ts';
import { checkPage, lessonPages, pageTitle } from '../page-checks.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

describe('English lesson and home page', () => {
  for (const page of lessonPages('en')) it(pageTitle(page), () => checkPage(browser, page));
});
