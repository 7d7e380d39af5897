/** The shared widget checks of tests/e2e/widget-contract.ts, the link round trip and a hostile link in Korean, on every row of the registry. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { widgetRegistry } from '../../../src/widgets/registry.ts';
import { connectChromium } from '../pages.ts';
import { checkLinks } from '../widget-contract.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

describe('every widget', () => {
  for (const entry of widgetRegistry) {
    it(`${entry.tag}: restores its state from a copied link, and refuses a hostile one with the default example (ko)`, () => checkLinks(browser, entry, 'ko'));
  }
});
