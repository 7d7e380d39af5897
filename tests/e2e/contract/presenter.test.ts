/** The shared widget checks of tests/e2e/widget-contract.ts, the presenter window, on every row of the registry. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { widgetRegistry } from '../../../src/widgets/registry.ts';
import { connectChromium } from '../pages.ts';
import { checkPresenter } from '../widget-contract.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

describe('every widget', () => {
  for (const entry of widgetRegistry) {
    it(`${entry.tag}: shows the same state in the presenter’s window as on the projector, after an edit in either`, () => checkPresenter(browser, entry));
  }
});
