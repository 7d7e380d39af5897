/**
 * The checks every widget must pass, run on every row of the registry (src/widgets/registry.ts): a link
 * copied after the learner's edits restores every number, control and picture, in both locales; a hostile
 * or inconsistent link is refused with a notice and the default example; and the presenter's second window
 * shows the same state as the projector after an edit in either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { widgetRegistry, type WidgetEntry } from '../../src/widgets/registry.ts';
import { baseURL, connectChromium, openPage, startWidget } from './pages.ts';
import { makeEdit, settledSnapshot, settledUrl, slideOf, widgetSnapshot, type WidgetSnapshot } from './widget-state.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const notices = {
  en: { refused: 'could not be read', restored: 'restored from the link' },
  ko: { refused: '읽을 수 없어', restored: '링크에서 예제를 불러왔습니다' },
};

/** Every edit the registry lists for the widget, three times each (different controls, different values). */
async function editAll(page: Page, entry: WidgetEntry): Promise<void> {
  for (const edit of entry.edits) for (let n = 1; n <= 3; n++) await makeEdit(page, entry.tag, edit, n);
}

/** Starts a widget with its folded parts open, so every control can be edited. */
const ready = (page: Page, tag: string) => startWidget(page, tag, 30_000, true);

const expectSame = async (page: Page, tag: string, expected: WidgetSnapshot) =>
  expect.poll(() => widgetSnapshot(page, tag).then((s) => JSON.stringify(s)), { timeout: 30_000 }).toBe(JSON.stringify(expected));

/** A link that decodes but must not be believed: the widget's own state with a field no widget has. */
const unknownField = (param: string) => `${param};__proto__:1`;
const markup = '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E';
const badEscape = '%E0%A4%A';

for (const entry of widgetRegistry) {
  const { tag } = entry;
  describe(`${tag}, as every widget`, () => {
    for (const locale of ['en', 'ko'] as const) {
      const path = `${locale === 'ko' ? '/ko' : ''}/lessons/${entry.lesson}/`;

      it(`(${locale}) restores its state from a copied link, and refuses a hostile one with the default example`, async () => {
        const { page, errors } = await openPage(browser, path);
        await ready(page, tag);
        const defaults = await settledSnapshot(page, tag);
        await editAll(page, entry);
        await expect.poll(() => new URL(page.url()).searchParams.has(tag)).toBe(true);
        const edited = await settledSnapshot(page, tag);
        expect(JSON.stringify(edited)).not.toBe(JSON.stringify(defaults));
        const link = await settledUrl(page);
        const param = new URL(link).searchParams.get(tag)!;
        await page.close();

        const restored = await openPage(browser, new URL(link).pathname + new URL(link).search);
        await ready(restored.page, tag);
        await expectSame(restored.page, tag, edited);
        expect(await restored.page.locator(`${tag} [data-link-notice]`).textContent()).toContain(notices[locale].restored);
        await restored.page.close();

        // Markup and a field no widget has in English; in Korean a broken escape, where the notice's words differ too.
        const hostile = locale === 'en' ? [markup, unknownField(param)] : [badEscape];
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
      });
    }

    it('shows the same state in the presenter’s window as on the projector, after an edit in either', async () => {
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
    });
  });
}
