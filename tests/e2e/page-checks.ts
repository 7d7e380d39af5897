/**
 * What every page of the site must do: load in its language with no console error and no KaTeX error, start
 * every widget on it, and (lessons and home pages) pass axe-core in both themes. Run by tests/e2e/pages/,
 * three files so they run side by side.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectWidgetsReady, lessonSlugs, openPage, scrollThrough } from './pages.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical WCAG 2 A and AA violations axe-core finds on the page as it is now. `colourOnly`
 * runs only the rule a theme can change (colour contrast): names, roles and structure are the same in both.
 */
async function violations(page: Page, colourOnly = false): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (colourOnly) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const only = colourOnly ? { type: 'rule', values: ['color-contrast'] } : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };
    const result = await axe.run(document, { runOnly: only });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, colourOnly);
}

export interface SitePage {
  path: string;
  lang: 'en' | 'ko';
  /** Also checked for accessibility, with its widgets started. */
  axe: boolean;
}

export const lessonPages = (lang: 'en' | 'ko'): SitePage[] => [
  { path: lang === 'ko' ? '/ko/' : '/', lang, axe: true },
  ...lessonSlugs.map((slug) => ({ path: `${lang === 'ko' ? '/ko' : ''}/lessons/${slug}/`, lang, axe: true })),
  { path: `${lang === 'ko' ? '/ko' : ''}/recap/`, lang, axe: true },
];

export const slidesPages = (): SitePage[] =>
  lessonSlugs.flatMap((slug) => [
    { path: `/lessons/${slug}/slides/`, lang: 'en' as const, axe: false },
    { path: `/ko/lessons/${slug}/slides/`, lang: 'ko' as const, axe: false },
  ]);

export const pageTitle = ({ path, lang, axe }: SitePage) =>
  `${path} loads in ${lang} with no console error and no KaTeX error${axe ? ', and no serious or critical accessibility violation (axe-core, WCAG 2 A and AA) in the light or the dark theme' : ''}`;

export async function checkPage(browser: Browser, { path, lang, axe }: SitePage): Promise<void> {
  const { page, errors } = await openPage(browser, path);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await page.locator('.katex-error').count()).toBe(0);
  // Scroll through the page so lazy widgets start and any error they raise is caught too.
  await scrollThrough(page);
  await expectWidgetsReady(page);
  expect(errors).toEqual([]);
  if (axe) {
    // Both themes on the same page, its widgets started, so their controls are checked in each: every rule in
    // the light theme, and in the dark theme the one its colours can break.
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await violations(page), 'light theme').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await violations(page, true), 'dark theme').toEqual([]);
  }
  await page.close();
}
