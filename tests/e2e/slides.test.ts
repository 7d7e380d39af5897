import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import type { Root } from 'mdast';
import { baseURL, connectChromium, openPage, outputText } from './pages.ts';
import { splitSlides } from '../../src/slides/split.ts';
import { next, toHash, type Position } from '../../src/slides/position.ts';
import { shortcuts } from '../../src/slides/keys.ts';

const TAG = 'cam-class-scores';
const SLUG = '04-class-scores';
let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

/** What the deck should hold, read from the lesson's MDX with the splitter: the title slide, then the lesson's slides. */
function expectedDeck(locale: 'en' | 'ko') {
  const source = readFileSync(new URL(`../../content/lessons/${locale}/${SLUG}.mdx`, import.meta.url), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  const { slides } = splitSlides(unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source) as Root);
  const steps = [0, ...slides.map((s) => s.steps)];
  return {
    steps,
    titles: slides.map((s) => s.title),
    /** The slide (1-based) that holds the live widget, and the first that carries notes. */
    widgetSlide: 2 + slides.findIndex((s) => JSON.stringify(s.nodes).includes(`"${TAG}"`)),
    notesSlide: 2 + slides.findIndex((s) => s.notes),
    /** The opening words of that slide's notes, as written in the MDX. */
    notesStart: firstText(slides.find((s) => s.notes)?.nodes ?? [], false).slice(0, 20),
    /** The first slide with reveals whose lesson prose goes to the notes, and the opening words of that prose. */
    proseSlide: 2 + slides.findIndex((s) => s.prose && s.steps > 0),
    proseStart: firstText((slides.find((s) => s.prose && s.steps > 0)?.nodes ?? []).filter((n) => n.type === 'paragraph'), true).slice(0, 12),
  };
}
type Node = { type: string; name?: string; value?: string; children?: Node[] };
function firstText(nodes: unknown[], inNotes: boolean): string {
  for (const node of nodes as Node[]) {
    const here = inNotes || node.name === 'Notes';
    if (here && node.type === 'text' && node.value?.trim()) return node.value.trim();
    const found = firstText(node.children ?? [], here);
    if (found) return found;
  }
  return '';
}
const deck = expectedDeck('en');
const slidesPath = (locale: 'en' | 'ko') => `${locale === 'ko' ? '/ko' : ''}/lessons/${SLUG}/slides/`;

const hash = (page: Page) => page.evaluate(() => location.hash);
const currentSlide = (page: Page) => page.locator('.slide.is-current');
const visibleSlides = (page: Page) => page.locator('.slide:visible');

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-deck][data-ready=true]');
}

/** Goes to a slide by typing its number and Enter, as a presenter would. */
async function goTo(page: Page, slide: number): Promise<void> {
  await page.keyboard.type(String(slide));
  await page.keyboard.press('Enter');
  await expect.poll(() => hash(page)).toBe(`#/${slide}`);
}

async function widgetReady(page: Page): Promise<void> {
  await page.waitForSelector(`${TAG}[data-state=ready]`, { timeout: 30_000 });
  await page.waitForFunction((t) => document.querySelector(`${t} [data-output=S]`)?.textContent !== '', TAG);
}

describe('the slides view of a lesson', () => {
  it('the splitter finds more than a title slide, with reveals, notes and the widget', () => {
    expect(deck.steps.length).toBeGreaterThan(3);
    expect(deck.steps.some((n) => n > 0)).toBe(true);
    expect(deck.widgetSlide).toBeGreaterThan(1);
    expect(deck.notesSlide).toBeGreaterThan(1);
    expect(deck.notesStart.length).toBeGreaterThan(10);
  });

  for (const locale of ['en', 'ko'] as const) {
    it(`is linked from the ${locale} lesson page and shows the lesson's slides, one at a time`, async () => {
      const { page, errors } = await openPage(browser, locale === 'ko' ? `/ko/lessons/${SLUG}/` : `/lessons/${SLUG}/`);
      await page.getByTestId('slides-link').click();
      await page.waitForURL(`**${slidesPath(locale)}`);
      await ready(page);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      const expected = expectedDeck(locale);
      expect(await page.locator('.slide').count()).toBe(expected.steps.length);
      expect(await page.locator('.slide').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.steps)))).toEqual(expected.steps);
      // (The site sets quotes typographically: ' becomes ’.)
      const titles = await page.locator('.slide').evaluateAll((els) => els.slice(1).map((el) => (el as HTMLElement).dataset.title));
      expect(titles.map((t) => t?.replace(/[‘’]/g, "'"))).toEqual(expected.titles);
      // Each slide's reveals are numbered 1 ... its step count, each number once.
      const numbering = await page.locator('.slide').evaluateAll((els) =>
        els.map((el) => [...el.querySelectorAll<HTMLElement>('[data-step]')].map((s) => Number(s.dataset.step))),
      );
      expect(numbering).toEqual(expected.steps.map((n) => Array.from({ length: n }, (_, i) => i + 1)));
      expect(await visibleSlides(page).count()).toBe(1);
      expect(await hash(page)).toBe('#/1');
      // The stage is 16:9 whatever the window.
      const box = (await page.locator('[data-stage]').boundingBox())!;
      expect(box.width / box.height).toBeCloseTo(16 / 9, 2);
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('scales the 16:9 stage to fill a laptop screen and a 4K projector alike', async () => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 3840, height: 2160 }]) {
      const { page } = await openPage(browser, `${slidesPath('en')}#/2`, viewport);
      await ready(page);
      const controls = (await page.locator('.deck-controls').boundingBox())!;
      const stage = (await page.locator('[data-stage]').boundingBox())!;
      expect(stage.width / stage.height).toBeCloseTo(16 / 9, 2);
      // The limiting side is filled: the full width, or the full height above the controls.
      expect(Math.max(stage.width / viewport.width, stage.height / (viewport.height - controls.height))).toBeGreaterThan(0.99);
      // Large type: a slide heading is 64 stage pixels, about 1/17 of the stage's height, on any screen.
      const heading = (await page.locator('.slide.is-current h2').boundingBox())!;
      expect(heading.height / stage.height).toBeGreaterThan(0.05);
      await page.close();
    }
  });

  it('walks every reveal and slide with the keys, writing each place into the URL', async () => {
    const { page, errors } = await openPage(browser, slidesPath('en'));
    await ready(page);
    // The whole walk, as position.ts computes it: the URL must follow it exactly.
    const walk: string[] = [];
    for (let p: Position = { slide: 1, step: 0 }; ; ) {
      walk.push(toHash(p));
      const q = next(p, deck.steps);
      if (q.slide === p.slide && q.step === p.step) break;
      p = q;
    }
    const keys = ['ArrowRight', ' ', 'PageDown', 'ArrowDown'];
    for (let i = 1; i < walk.length; i++) {
      await page.keyboard.press(keys[i % keys.length]);
      expect(await hash(page)).toBe(walk[i]);
    }
    await page.keyboard.press('ArrowRight'); // at the end, the end stays
    expect(await hash(page)).toBe(walk.at(-1));
    for (let i = walk.length - 2; i >= walk.length - 4; i--) {
      await page.keyboard.press(i % 2 ? 'PageUp' : 'ArrowLeft');
      expect(await hash(page)).toBe(walk[i]);
    }
    await page.keyboard.press('Home');
    expect(await hash(page)).toBe('#/1');
    await page.keyboard.press('End');
    expect(await hash(page)).toBe(`#/${deck.steps.length}`);
    await goTo(page, 3);
    expect(await currentSlide(page).getAttribute('data-slide')).toBe('3');
    // "Back to the lesson" leads to the heading of the slide shown (slide 2 opens with one).
    await goTo(page, 2);
    const id = await currentSlide(page).locator('h2').getAttribute('id');
    expect(id).toBeTruthy();
    expect(decodeURIComponent(new URL((await page.locator('[data-back]').getAttribute('href'))!, page.url()).hash)).toBe(`#${id}`);
    await page.locator('[data-back]').click();
    await page.waitForURL((url) => url.pathname === `/lessons/${SLUG}/`);
    expect(await page.locator(`h2#${id}`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reveals steps one by one and keeps slide and step across a reload', async () => {
    const slide = deck.steps.findIndex((n) => n >= 2) + 1;
    const { page } = await openPage(browser, `${slidesPath('en')}#/${slide}/1`);
    await ready(page);
    const stepVisible = (n: number) =>
      page.locator(`.slide.is-current [data-step="${n}"]`).evaluate((el) => getComputedStyle(el).visibility === 'visible');
    expect(await stepVisible(1)).toBe(true);
    expect(await stepVisible(2)).toBe(false);
    await page.keyboard.press('ArrowRight');
    expect(await hash(page)).toBe(`#/${slide}/2`);
    expect(await stepVisible(2)).toBe(true);
    await page.reload();
    await ready(page);
    expect(await hash(page)).toBe(`#/${slide}/2`);
    expect(await currentSlide(page).getAttribute('data-slide')).toBe(String(slide));
    expect(await stepVisible(2)).toBe(true);
    await page.close();
  });

  it('leaves the keys to a widget while the learner types in it, and keeps the widget’s state across slides', async () => {
    const { page, errors } = await openPage(browser, `${slidesPath('en')}#/${deck.widgetSlide}`);
    await ready(page);
    await widgetReady(page);
    const cell = page.locator(`${TAG} input[data-k="0"][data-i="2"][data-j="2"]`);
    await cell.focus();
    await page.keyboard.press('ArrowRight'); // moves to the next cell, not the next slide
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('155'); // F^1 = 51, S = 57
    await page.keyboard.press('f');
    await page.keyboard.press(' ');
    await page.keyboard.press('End');
    expect(await hash(page)).toBe(`#/${deck.widgetSlide}`);
    await expect.poll(() => outputText(page, 'S')).toBe('57');
    await cell.fill('155');
    await page.keyboard.press('Escape'); // hands the keys back
    await page.keyboard.press('Home');
    expect(await hash(page)).toBe('#/1');
    await goTo(page, deck.widgetSlide);
    expect(await cell.inputValue()).toBe('155');
    expect(await outputText(page, 'S')).toBe('57');
    expect(await page.locator(TAG).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts a widget only when its slide is shown, loading no TensorFlow.js before', async () => {
    const { page, requests } = await openPage(browser, slidesPath('en'));
    await ready(page);
    await page.keyboard.press('ArrowRight');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.locator(TAG).getAttribute('data-state')).toBeNull();
    const before = requests.length;
    await goTo(page, deck.widgetSlide);
    await widgetReady(page);
    expect(requests.slice(before).some((u) => /\/class-scores\.[\w-]+\.js$/.test(u))).toBe(true);
    expect(requests.slice(0, before).some((u) => /\/class-scores\.[\w-]+\.js$/.test(u))).toBe(false);
    await page.close();
  });

  it('goes full screen with F and back', async () => {
    const { page } = await openPage(browser, slidesPath('en'));
    await ready(page);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await page.close();
  });

  it('shows an overview of every slide, where a click picks one', async () => {
    const { page } = await openPage(browser, slidesPath('en'));
    await ready(page);
    await page.keyboard.press('o');
    expect(await page.locator('[data-deck]').getAttribute('class')).toContain('is-overview');
    expect(await visibleSlides(page).count()).toBe(deck.steps.length);
    // Thumbnails: each far smaller than the stage, side by side.
    const [a, b] = [(await page.locator('.slide').nth(0).boundingBox())!, (await page.locator('.slide').nth(1).boundingBox())!];
    expect(a.width).toBeLessThan(500);
    expect(b.x).toBeGreaterThan(a.x);
    await page.locator('.slide').nth(2).click();
    expect(await page.locator('[data-deck]').getAttribute('class')).not.toContain('is-overview');
    expect(await hash(page)).toBe('#/3');
    expect(await visibleSlides(page).count()).toBe(1);
    // Arrows move through the overview, Enter closes it there; Esc closes it too.
    await page.keyboard.press('o');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await hash(page)).toBe('#/4');
    expect(await page.locator('[data-deck]').getAttribute('class')).not.toContain('is-overview');
    await page.keyboard.press('o');
    await page.keyboard.press('Escape');
    expect(await visibleSlides(page).count()).toBe(1);
    await page.close();
  });

  it('blanks the screen with B and lists the keys with ?', async () => {
    const { page } = await openPage(browser, slidesPath('ko'));
    await ready(page);
    const blank = page.locator('[data-blank]');
    await page.keyboard.press('b');
    expect(await blank.isVisible()).toBe(true);
    await page.keyboard.press('b');
    expect(await blank.isVisible()).toBe(false);
    await page.keyboard.press('?');
    const help = page.locator('dialog[data-help]');
    expect(await help.isVisible()).toBe(true);
    expect(await help.locator('h2').textContent()).toBe('키보드 단축키');
    expect(await help.locator('tr').count()).toBe(shortcuts.length + 1);
    await page.keyboard.press('Escape');
    expect(await help.isVisible()).toBe(false);
    await page.close();
  });

  it('turns slides with a swipe on a touch screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(baseURL() + slidesPath('en'));
    await ready(page);
    const cdp = await context.newCDPSession(page);
    const swipe = async (from: number, to: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y: 300 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: (from + to) / 2, y: 305 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: to, y: 310 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(800, 200);
    await expect.poll(() => hash(page)).toBe('#/2');
    await swipe(200, 800);
    await expect.poll(() => hash(page)).toBe('#/1');
    await context.close();
  });
});

describe('a slide, not a page of prose', () => {
  it('shows the audience the slide text and the presenter the lesson’s prose, under the notes; the lesson page is the lesson', async () => {
    expect(deck.proseStart.length).toBeGreaterThan(5);
    const { page, errors } = await openPage(browser, `${slidesPath('en')}?presenter#/${deck.proseSlide}`);
    await ready(page);
    // Every paragraph and list item on the stage, reveals included, is slide text: none is the lesson's prose.
    const shown = '[data-stage] > .slide.is-current';
    const stray = await page.locator(`${shown} p, ${shown} li`).evaluateAll((els) =>
      els.filter((el) => (el as HTMLElement).offsetParent !== null && !el.closest('.slide-text, .toy-widget')).map((el) => el.textContent),
    );
    expect(stray).toEqual([]);
    expect(await page.locator(`${shown} .slide-text`).count()).toBeGreaterThan(0);
    expect(await page.locator(shown).innerText()).not.toContain(deck.proseStart);
    // The presenter reads the prose under the notes.
    expect(await page.locator('[data-prose-section]').isVisible()).toBe(true);
    expect(await page.locator('[data-prose-pane]').innerText()).toContain(deck.proseStart);
    expect(await page.locator('[data-notes-pane]').innerText()).not.toContain(deck.proseStart);
    // The lesson page shows the prose, and no slide text.
    await page.goto(`${baseURL()}/lessons/${SLUG}/`);
    expect(await page.locator('body').innerText()).toContain(deck.proseStart);
    expect(await page.locator('.slide-text, .slide-notes').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('formulas on the slides', () => {
  it('shrinks a slide whose formula is wider than the stage, so no formula of lesson 8 runs off the side', async () => {
    const { page } = await openPage(browser, '/lessons/08-cam-is-grad-cam/slides/');
    await ready(page);
    const steps = await page.locator('[data-stage] > .slide').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.steps)));
    const cut: string[] = [];
    for (let n = 1; n <= steps.length; n++) {
      await page.evaluate((hash) => (location.hash = hash), `#/${n}/${steps[n - 1]}`);
      await expect.poll(() => hash(page)).toBe(steps[n - 1] ? `#/${n}/${steps[n - 1]}` : `#/${n}`);
      const wide = await page.locator('[data-stage] > .slide.is-current .katex-display').evaluateAll((els) =>
        els.filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1).length,
      );
      if (wide) cut.push(`slide ${n}: ${wide}`);
    }
    expect(cut).toEqual([]);
    await page.close();
  });
});

describe('a widget that grows on its slide', () => {
  it('keeps lesson 8’s derivation inside the stage at its last line: earlier lines fold to titles, the slide refits as it grows', async () => {
    const { page, errors } = await openPage(browser, '/lessons/08-cam-is-grad-cam/slides/');
    await ready(page);
    const n = await page.evaluate(() => document.querySelector('cam-derivation')?.closest<HTMLElement>('.slide')?.dataset.slide);
    await page.evaluate((hash) => (location.hash = hash), `#/${n}`);
    await page.waitForSelector('cam-derivation[data-state=ready]');
    const next = page.locator('cam-derivation button[data-action=next]');
    while (!(await next.isDisabled())) await next.click();
    const bottom = () =>
      page.locator('[data-stage] > .slide.is-current').evaluate((slide) => {
        const body = slide.querySelector('.slide-body') as HTMLElement;
        const style = getComputedStyle(slide);
        const room = slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        return body.scrollHeight * Number((slide as HTMLElement).dataset.fit ?? 1) - room;
      });
    await expect.poll(bottom).toBeLessThanOrEqual(1);
    // The current line keeps its numbers on the slide.
    expect(await page.locator('cam-derivation .derivation-line.current .numbers').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the presenter view', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(() => context?.close());

  it('opens in a second window with P, on the same slide, with notes, the next slide, a clock and a timer', async () => {
    const audience = await context.newPage();
    await audience.goto(`${baseURL()}${slidesPath('en')}#/${deck.notesSlide}`);
    await ready(audience);
    const [presenter] = await Promise.all([context.waitForEvent('page'), audience.keyboard.press('p')]);
    await ready(presenter);
    expect(new URL(presenter.url()).search).toBe('?presenter');
    expect(await hash(presenter)).toBe(`#/${deck.notesSlide}`);
    expect(await presenter.locator('[data-deck]').getAttribute('data-view')).toBe('presenter');
    // The notes as written in the MDX, shown (innerText counts only what is rendered).
    expect((await presenter.locator('[data-notes-pane]').innerText()).trim().length).toBeGreaterThan(20);
    expect(await presenter.locator('[data-notes-pane]').innerText()).toContain(deck.notesStart);
    expect(await presenter.locator('[data-notes-none]').isVisible()).toBe(false);
    expect(await presenter.locator('[data-next-stage] .slide').count()).toBe(1);
    expect(await presenter.locator('[data-clock]').textContent()).toMatch(/\d{1,2}.\d{2}.\d{2}/);
    expect(await presenter.locator('[data-timer]').textContent()).toMatch(/^\d+:\d{2}$/);
    // The audience window has no notes on screen, nor presenter parts.
    expect(await audience.locator('[data-notes-pane]').isVisible()).toBe(false);
    expect(await audience.locator('.slide-notes').first().isVisible()).toBe(false);
    await presenter.close();
    await audience.close();
  });

  it('keeps two windows in step both ways: slide, step and a widget edit', async () => {
    const audience = await context.newPage();
    const errors: string[] = [];
    audience.on('pageerror', (e) => errors.push(e.message));
    await audience.goto(`${baseURL()}${slidesPath('en')}#/1`);
    await ready(audience);
    const presenter = await context.newPage();
    presenter.on('pageerror', (e) => errors.push(e.message));
    await presenter.goto(`${baseURL()}${slidesPath('en')}?presenter#/1`);
    await ready(presenter);

    await audience.keyboard.press('ArrowRight');
    await expect.poll(() => hash(presenter)).toBe('#/2');
    await presenter.keyboard.press('End');
    await expect.poll(() => hash(audience)).toBe(`#/${deck.steps.length}`);
    await presenter.keyboard.press('ArrowRight'); // a reveal on the last slide
    await expect.poll(() => hash(audience)).toBe(`#/${deck.steps.length}/1`);

    await presenter.keyboard.type(String(deck.widgetSlide));
    await presenter.keyboard.press('Enter');
    await expect.poll(() => hash(audience)).toBe(`#/${deck.widgetSlide}`);
    await widgetReady(presenter);
    await widgetReady(audience);

    // A cell edited on the presenter's screen changes on the projector: field, F_1 and S.
    await presenter.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).fill('45'); // +25: F^1 = 51, S = 57
    await expect.poll(() => outputText(audience, 'S')).toBe('57');
    expect(await outputText(audience, 'F-0')).toBe('51');
    expect(await audience.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).inputValue()).toBe('45');
    // And the other way: a weight changed on the projector.
    await audience.locator(`${TAG} table.weights tbody tr`).nth(0).locator('input[type=text]').nth(0).fill('2'); // S = 102 + 6
    await expect.poll(() => outputText(presenter, 'S')).toBe('108');
    expect(await presenter.locator(`${TAG} table.weights tbody tr`).nth(0).locator('input[type=text]').nth(0).inputValue()).toBe('2');
    // No echo: after both edits, both windows hold the same inputs and nothing flips back.
    expect(await outputText(audience, 'S')).toBe('108');
    expect(await outputText(presenter, 'F-0')).toBe('51');

    // A presenter window opened now catches up with the state of the widget.
    const late = await context.newPage();
    await late.goto(`${baseURL()}${slidesPath('en')}?presenter#/1`);
    await ready(late);
    await expect.poll(() => hash(late)).toBe(`#/${deck.widgetSlide}`);
    await widgetReady(late);
    await expect.poll(() => outputText(late, 'S')).toBe('108');
    expect(errors).toEqual([]);
    await late.close();
    await presenter.close();
    await audience.close();
  });
});

describe('the presenter view under load', () => {
  it('follows the overview and the blank screen both ways', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const audience = await context.newPage();
    await audience.goto(`${baseURL()}${slidesPath('en')}#/2`);
    await ready(audience);
    const presenter = await context.newPage();
    await presenter.goto(`${baseURL()}${slidesPath('en')}?presenter#/2`);
    await ready(presenter);
    const overview = (page: Page) => page.locator('[data-deck]').evaluate((el) => el.classList.contains('is-overview'));
    const blank = (page: Page) => page.locator('[data-blank]').isVisible();
    await presenter.keyboard.press('o');
    await expect.poll(() => overview(audience)).toBe(true);
    await audience.keyboard.press('Escape');
    await expect.poll(() => overview(presenter)).toBe(false);
    await audience.keyboard.press('b');
    await expect.poll(() => blank(presenter)).toBe(true);
    await presenter.keyboard.press('b');
    await expect.poll(() => blank(audience)).toBe(false);
    await context.close();
  });

  it('ends with every number the same in both windows after bursts of edits made in both at once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const open = async (query: string) => {
      const page = await context.newPage();
      await page.goto(`${baseURL()}${slidesPath('en')}${query}#/${deck.widgetSlide}`);
      await ready(page);
      await widgetReady(page);
      return page;
    };
    const audience = await open('');
    const presenter = await open('?presenter');
    // 150 edits in each window, to random cells of A, a few milliseconds apart, both windows at the same time.
    const burst = (page: Page, seed: number) =>
      page.evaluate(
        async ({ tag, seed }) => {
          let s = seed;
          const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
          const cells = [...document.querySelectorAll<HTMLInputElement>(`${tag} table.fmap input`)];
          for (let n = 0; n < 150; n++) {
            const cell = cells[Math.floor(random() * cells.length)];
            cell.value = String(Math.floor(random() * 100));
            cell.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise((r) => setTimeout(r, random() * 6));
          }
        },
        { tag: TAG, seed },
      );
    await Promise.all([burst(audience, 1), burst(presenter, 2)]);
    const numbers = (page: Page) =>
      page.evaluate((tag) => [
        ...[...document.querySelectorAll(`${tag} [data-output]`)].map((el) => el.textContent),
        ...[...document.querySelectorAll<HTMLInputElement>(`${tag} table input[type=text]`)].map((el) => el.value),
      ], TAG);
    await expect.poll(async () => JSON.stringify(await numbers(audience)) === JSON.stringify(await numbers(presenter)), { timeout: 20_000 }).toBe(true);
    // And they stay so: nothing flips back afterwards.
    await audience.waitForTimeout(300);
    expect(await numbers(audience)).toEqual(await numbers(presenter));
    await context.close();
  });
});

describe('printing the slides', () => {
  it('gives one PDF page per slide, every reveal shown, the widget as it is now', async () => {
    const { page, errors } = await openPage(browser, `${slidesPath('en')}#/${deck.widgetSlide}`);
    await ready(page);
    await widgetReady(page);
    await page.locator(`${TAG} input[data-k="2"][data-i="4"][data-j="0"]`).fill('50'); // F^3 = 4, S = 62
    await expect.poll(() => outputText(page, 'S')).toBe('62');

    await page.emulateMedia({ media: 'print' });
    expect(await visibleSlides(page).count()).toBe(deck.steps.length);
    const hiddenSteps = await page.locator('[data-step]').evaluateAll((els) => els.filter((el) => getComputedStyle(el).visibility !== 'visible').length);
    expect(hiddenSteps).toBe(0);
    expect(await page.locator(`${TAG} input[data-k="2"][data-i="4"][data-j="0"]`).inputValue()).toBe('50');
    expect(await page.locator(`${TAG} [data-output="S"]`).isVisible()).toBe(true);
    await page.emulateMedia({ media: null });

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages.length).toBe(deck.steps.length);
    // Each page is the stage's 16:9 (1920 x 1080 CSS px = 1440 x 810 pt).
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
    expect(box && Number(box[1]) / Number(box[2])).toBeCloseTo(16 / 9, 2);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the lessons as slides', () => {
  const decks = [
    ['01-why-explain', 'cam-toy-cam'],
    ['02-filters-and-feature-maps', 'cam-filters'],
    ['03-global-average-pooling', 'cam-gap'],
    ['05-class-activation-map', 'cam-cam'],
    ['06-cam-limits', 'cam-limits'],
    ['07-grad-cam', 'cam-grad-cam'],
    ['08-cam-is-grad-cam', 'cam-derivation'],
    ['09-cam-vs-grad-cam', 'cam-vs-grad-cam'],
  ];
  for (const [slug, tag] of decks) {
    it(`${slug}: the widget starts when its slide is shown, with no console error`, async () => {
      const { page, errors } = await openPage(browser, `/ko/lessons/${slug}/slides/`);
      let found = false;
      for (let n = 1; n <= 16 && !found; n++) {
        await page.goto(`${page.url().split('#')[0]}#/${n}`);
        found = await page.evaluate((t) => [...document.querySelectorAll(t)].some((e) => (e as HTMLElement).offsetParent !== null), tag);
      }
      expect(found).toBe(true);
      await expect.poll(() => page.locator(`${tag}[data-state]`).first().getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
