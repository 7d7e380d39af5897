import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { expectWidgetsReady, scrollThrough, lessonSlugs as slugs, openPage } from './pages.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const paths = ['/', '/ko/', ...slugs.flatMap((slug) => [`/lessons/${slug}/`, `/ko/lessons/${slug}/`])];

describe('accessibility (axe-core, WCAG 2 A and AA rules)', () => {
  for (const path of paths) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${path} in the ${scheme} theme has no serious or critical violation, widgets started`, async () => {
        const { page } = await openPage(browser, path);
        await page.emulateMedia({ colorScheme: scheme });
        // Start every widget, so their controls are checked too.
        await scrollThrough(page);
        await expectWidgetsReady(page, '.toy-widget');
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
          // A bound of its own, so a stalled run says which step stalled.
          const result = await Promise.race([
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('axe did not finish within 40 s')), 40_000)),
          ]);
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations).toEqual([]);
        await page.close();
      });
    }
  }
});
