/**
 * The checks every widget must pass, run on every row of the registry (src/widgets/registry.ts) by the files
 * in tests/e2e/contract/ (three files, so they run side by side): a link
 * copied after the learner's edits restores every number, control and picture, in both locales; a hostile
 * or inconsistent link is refused with a notice and the default example; and the presenter's second window
 * shows the same state as the projector after an edit in either.
 */
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WidgetEntry } from '../../src/widgets/registry.ts';
import { baseURL, openPage, startWidget } from './pages.ts';
import { makeEdit, settledSnapshot, settledUrl, slideOf, widgetSnapshot, type WidgetSnapshot } from './widget-state.ts';

const notices = {
  en: { refused: 'could not be read', restored: 'restored from the link' },
  ko: { refused: '읽을 수 없어', restored: '링크에서 예제를 불러왔습니다' },
};

/** Every edit the registry lists for the widget, twice each (different controls, different values). */
async function editAll(page: Page, entry: WidgetEntry): Promise<void> {
  for (const edit of entry.edits) for (let n = 1; n <= 2; n++) await makeEdit(page, entry.tag, edit, n);
}

/** Starts a widget with its folded parts open, so every control can be edited. */
const ready = (page: Page, tag: string) => startWidget(page, tag, 30_000, true);

const expectSame = async (page: Page, tag: string, expected: WidgetSnapshot) =>
  // Every 200 ms: a snapshot reads every canvas's pixels, and polling faster only takes time from the page.
  expect.poll(() => widgetSnapshot(page, tag).then((s) => JSON.stringify(s)), { timeout: 30_000, interval: 200 }).toBe(JSON.stringify(expected));

const markup = '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E';
const badEscape = '%E0%A4%A';

/** A link copied after edits restores every number, control and picture; hostile links are refused with the defaults. */
export async function checkLinks(browser: Browser, entry: WidgetEntry, locale: 'en' | 'ko'): Promise<void> {
  const { tag } = entry;
  const path = `${locale === 'ko' ? '/ko' : ''}/lessons/${entry.lesson}/`;
  const { page, errors } = await openPage(browser, path);
  await ready(page, tag);
  const defaults = await settledSnapshot(page, tag);
  await editAll(page, entry);
  await expect.poll(() => new URL(page.url()).searchParams.has(tag)).toBe(true);
  const edited = await settledSnapshot(page, tag);
  expect(JSON.stringify(edited)).not.toBe(JSON.stringify(defaults));
  const link = await settledUrl(page);
  await page.close();

  const restored = await openPage(browser, new URL(link).pathname + new URL(link).search);
  await ready(restored.page, tag);
  await expectSame(restored.page, tag, edited);
  expect(await restored.page.locator(`${tag} [data-link-notice]`).textContent()).toContain(notices[locale].restored);
  await restored.page.close();

  // One hostile link per locale (every kind of malformed link is refused by the one decoder, tested on its
  // own in tests/unit/state/url-state.test.ts): markup in English, a broken escape in Korean.
  const hostile = locale === 'en' ? [markup] : [badEscape];
  for (const query of hostile) {
    const refused = await openPage(browser, `${path}?${tag}=${query}`);
    const dialogs: string[] = [];
    refused.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await ready(refused.page, tag);
    const notice = refused.page.locator(`${tag} [data-link-notice]`);
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain(notices[locale].refused);
    await expectSame(refused.page, tag, defaults);
    expect(await refused.page.locator(`${tag} img, ${tag} script, [onerror]`).count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(refused.errors).toEqual([]);
    await refused.page.close();
  }
  expect([...errors, ...restored.errors]).toEqual([]);
}

/** The presenter's window shows the same state as the projector after an edit in either. */
export async function checkPresenter(browser: Browser, entry: WidgetEntry): Promise<void> {
  const { tag } = entry;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  const open = async (query: string) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseURL()}/lessons/${entry.lesson}/slides/${query}`);
    await page.waitForSelector('[data-deck][data-ready=true]');
    return page;
  };
  const projector = await open('');
  const slide = await slideOf(projector, tag);
  await projector.goto(`${baseURL()}/lessons/${entry.lesson}/slides/#/${slide}`);
  const presenter = await open(`?presenter#/${slide}`);
  await ready(projector, tag);
  await ready(presenter, tag);

  const [first, ...others] = entry.edits;
  for (let n = 1; n <= 2; n++) await makeEdit(presenter, tag, first, n);
  await expectSame(projector, tag, await settledSnapshot(presenter, tag));
  for (const edit of others.length ? others : [first]) await makeEdit(projector, tag, edit, 3);
  await expectSame(presenter, tag, await settledSnapshot(projector, tag));
  expect(errors).toEqual([]);
  await context.close();
}
