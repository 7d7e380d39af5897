import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, connectChromium, openPage, outputText, startWidget } from '../pages.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import { toyState, toySchema, headSchema } from '../../../src/state/toy-state.ts';
import { encodeState } from '../../../src/state/url-state.ts';
import { fcHeadByHand, fmt, gapScores, mean } from '../toy-math.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectChromium();
});
afterAll(() => browser?.close());

const start = (page: Page, tag: string) => startWidget(page, tag);
/** The line a page's address names, read from the widget's own parameter. */
const stepIn = (url: string) => /(?:^|;)step:(\d+)/.exec(new URL(url).searchParams.get('cam-derivation') ?? '')?.[1] ?? null;
/** A link to line n of the talk's example. */
const linkTo = (n: number) => encodeState({ ...toySchema, ...headSchema, step: { kind: 'int', min: 1, max: 10 } }, { ...toyState(seedExample()), step: n });

const locales = [
  { prefix: '', line: (n: number, count = 8) => `Line ${n} of ${count}` },
  { prefix: '/ko', line: (n: number, count = 8) => `${count}줄 중 ${n}번째` },
];

for (const { prefix, line } of locales) {
  describe(`lesson 8 (${prefix || 'en'}): the derivation, stepped by keyboard`, () => {
    const tex = (page: Page, n: number) => page.locator(`cam-derivation [data-output="numbers-${n}"] annotation`).first().textContent();
    const current = (page: Page) => page.locator('cam-derivation .derivation-line.current');

    it('steps with the arrow keys, Home and End, keeps the step in the URL, and shows the numbers the formulas give', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/`);
      await start(page, 'cam-derivation');
      const s = seedExample();
      const Z = 25;
      expect(await outputText(page, 'step-index')).toBe(line(1));
      const F = s.A.map(mean);
      expect(await tex(page, 1)).toContain(`F^{1} &= \\tfrac{1}{${Z}} \\cdot ${fmt(F[0] * Z)} = ${fmt(F[0])}`);

      await page.focus('cam-derivation [data-stepper]');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await outputText(page, 'step-index')).toBe(line(3));
      await expect.poll(() => stepIn(page.url())).toBe('3');
      const S = gapScores(s.A, s.w, s.b)[0];
      expect(await tex(page, 3)).toBe(`S_{1} = 1 \\cdot ${fmt(F[0])} + 2 \\cdot ${fmt(F[1])} + 3 \\cdot ${fmt(F[2])} + 0 = ${fmt(S)}`);

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await outputText(page, 'step-index')).toBe(line(5));
      await expect.poll(() => stepIn(page.url())).toBe('5');
      expect(await current(page).getAttribute('data-holds')).toBe('true');
      for (const [k, w] of s.w[0].entries()) {
        expect(await tex(page, 5)).toContain(`\\frac{\\partial S_{1}}{\\partial A^{${k + 1}}_{ij}} &= ${fmt(w / Z)} = \\tfrac{${w}}{${Z}} = ${fmt(w / Z)}`);
      }
      for (const [k, w] of s.w[0].entries()) {
        expect(await outputText(page, `t-w-${k}`)).toBe(fmt(w));
        expect(await outputText(page, `t-sum-${k}`)).toBe(fmt(w));
        expect(await outputText(page, `t-diff-${k}`)).toBe('0');
        expect(await outputText(page, `t-alpha-${k}`)).toBe(fmt(w / Z));
        expect(await outputText(page, `t-wz-${k}`)).toBe(fmt(w / Z));
        expect(await outputText(page, `t-spread-${k}`)).toBe('0');
      }

      // The learner's own number: w_1^1 = 2 makes the chain rule give 2/25 = 0.08 for channel 1.
      await page.fill('cam-derivation tr[data-class="0"] input[type=text] >> nth=0', '2');
      await expect.poll(() => tex(page, 5)).toContain(`\\partial A^{1}_{ij}} &= 0.08 = \\tfrac{2}{25} = 0.08`);
      expect(await outputText(page, 't-sum-0')).toBe('2');

      await page.focus('cam-derivation [data-stepper]');
      await page.keyboard.press('End');
      expect(await outputText(page, 'step-index')).toBe(line(8));
      expect(await page.locator('cam-derivation [data-action=next]').isDisabled()).toBe(true);
      expect(await tex(page, 8)).toMatch(/\\Big\| = (0|\d(\.\d+)? \\times 10\^\{-\d+\})$/);
      await page.keyboard.press('Home');
      expect(await outputText(page, 'step-index')).toBe(line(1));
      expect(await page.locator('cam-derivation [data-action=prev]').isDisabled()).toBe(true);
      await page.keyboard.press('ArrowLeft');
      expect(await outputText(page, 'step-index')).toBe(line(1));

      // The browser's Back button walks back through the steps (each step's entry is pushed just after its frame).
      await expect.poll(() => stepIn(page.url())).toBe('1');
      await page.goBack();
      await expect.poll(() => outputText(page, 'step-index')).toBe(line(8));
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('opens at the line a link names, and each line’s link carries its step', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/?cam-derivation=${linkTo(6)}`);
      await start(page, 'cam-derivation');
      expect(await outputText(page, 'step-index')).toBe(line(6));
      // The page lands on the derivation's line links (in the upper half of the 800-pixel window), not at the top of the lesson.
      const navTop = () => page.locator('cam-derivation .step-nav').evaluate((el) => el.getBoundingClientRect().top);
      await expect.poll(async () => { const top = await navTop(); return top >= 0 && top < 400; }).toBe(true);
      expect(await page.locator('cam-derivation .derivation-line:not([hidden])').count()).toBe(6);
      expect(stepIn(new URL((await page.locator('cam-derivation [data-step-link="2"]').getAttribute('href'))!, page.url()).href)).toBe('2');
      await page.click('cam-derivation [data-step-link="2"]');
      expect(await outputText(page, 'step-index')).toBe(line(2));
      await expect.poll(() => stepIn(page.url())).toBe('2');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('breaks on purpose: the probability breaks line 3 onwards, the flatten head makes lines 1, 2, 4 absent and line 5 fail', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/?cam-derivation=${linkTo(8)}`);
      await start(page, 'cam-derivation');
      const holds = () => page.locator('cam-derivation [data-step-link]').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.holds));
      expect(await holds()).toEqual(Array(8).fill('true'));

      await page.check('cam-derivation input[data-choice="target:probability"]');
      await expect.poll(holds).toEqual(['true', 'true', 'false', 'false', 'false', 'false', 'false', 'false']);
      // Line 3 is the first to fail and says why; the gradient is still flat across cells.
      expect(await page.locator('cam-derivation .derivation-line[data-step="3"] .why').isHidden()).toBe(false);
      expect(await page.locator('cam-derivation .derivation-line[data-step="4"] .why').isHidden()).toBe(true);
      for (let k = 0; k < 3; k++) expect(Math.abs(Number(await outputText(page, `t-spread-${k}`)))).toBeLessThan(1e-12);

      await page.check('cam-derivation input[data-choice="target:score"]');
      await page.check('cam-derivation input[data-choice="head:fc"]');
      await expect.poll(holds).toEqual(['absent', 'absent', 'false', 'absent', 'false', 'false', 'false', 'false']);
      // The reason sits at the chain rule, where the gradient stops being one number per channel.
      expect(await page.locator('cam-derivation .derivation-line[data-step="5"] .why').isHidden()).toBe(false);
      expect(await page.locator('cam-derivation .derivation-line[data-step="1"] .why').isHidden()).toBe(true);
      const { grad } = fcHeadByHand(seedExample().A, 3, 0);
      const spread = Math.max(...grad[0].flat()) - Math.min(...grad[0].flat());
      expect(Math.abs(Number(await outputText(page, 't-spread-0')) - spread)).toBeLessThan(1e-4);
      const sum0 = grad[0].flat().reduce((a, b) => a + b, 0);
      expect(Math.abs(Number(await outputText(page, 't-sum-0')) - sum0)).toBeLessThan(1e-3);
      expect(await page.locator('cam-derivation .derivation-line[data-step="1"] [data-output="numbers-1"]').isHidden()).toBe(true);
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

describe('loading', () => {
  it('lesson 8 loads TensorFlow.js and KaTeX’s JavaScript only when the derivation scrolls into view', async () => {
    const { page, requests } = await openPage(browser, '/lessons/08-cam-is-grad-cam/', { width: 1280, height: 600 });
    await page.waitForTimeout(300);
    expect(await page.locator('cam-derivation').getAttribute('data-state')).toBeNull();
    const before = requests.filter((u) => u.endsWith('.js'));
    await start(page, 'cam-derivation');
    const added = requests.filter((u) => u.endsWith('.js') && !before.includes(u));
    const chunk = added.find((u) => /derivation/.test(u));
    expect(chunk).toBeDefined();
    expect(before.some((u) => /derivation/.test(u))).toBe(false);
    // KaTeX's renderer travels in that chunk, and in no script the page loaded before it.
    const text = (url: string) => page.evaluate((u) => fetch(u).then((r) => r.text()), url);
    expect(await text(chunk!)).toContain('KaTeX parse error');
    for (const url of before) expect(await text(url)).not.toContain('KaTeX parse error');
    await page.close();
  });
});

for (const { prefix, line } of locales) {
  describe(`lesson 8 (${prefix || 'en'}): the paper’s route and the plain sum`, () => {
    const tex = (page: Page, n: number) => page.locator(`cam-derivation [data-output="numbers-${n}"] annotation`).first().textContent();
    const holds = (page: Page) => page.locator('cam-derivation [data-step-link]').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.holds));
    const routeIn = (url: string) => /(?:^|;)route:(\w+)/.exec(new URL(url).searchParams.get('cam-derivation') ?? '')?.[1] ?? null;

    it('walks the paper’s ten lines with the talk’s numbers, keeps the route in the link, and rewrites every line for the plain sum', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/?cam-derivation=${linkTo(6)}`);
      await start(page, 'cam-derivation');
      const needsChain = await outputText(page, 'route-needs');
      // Line 6 of the chain rule (the sum of the gradients) is line 8 of the paper's route (cancel Z).
      await page.check('cam-derivation input[data-choice="route:paper"]');
      await expect.poll(() => outputText(page, 'step-index')).toBe(line(8, 10));
      await expect.poll(() => routeIn(page.url())).toBe('paper');
      expect(await outputText(page, 'route-needs')).not.toBe(needsChain);
      expect(await holds(page)).toEqual(Array(10).fill('true'));
      expect(await tex(page, 8)).toContain('w^{1}_{1} = 1 &= \\sum_{i,j} \\frac{\\partial S_{1}}{\\partial A^{1}_{ij}} = 1');

      await page.focus('cam-derivation [data-stepper]');
      await page.keyboard.press('Home');
      for (let n = 1; n < 5; n++) await page.keyboard.press('ArrowRight');
      expect(await outputText(page, 'step-index')).toBe(line(5, 10));
      // The division: dS/dF from autodiff against the gradient over 1/Z, for each channel of the talk's example.
      for (const [k, w] of seedExample().w[0].entries()) {
        expect(await tex(page, 5)).toContain(`\\frac{\\partial S_{1}}{\\partial F^{${k + 1}}} &= ${w} = \\dfrac{${fmt(w / 25)}}{1/25} = ${w}`);
      }
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await tex(page, 7)).toContain('25 \\cdot 3 = 75 &= 25 \\cdot 3 = 75');

      // The CAM paper's plain sum: dF/dA = 1, so the gradient is w, alpha is w and every line still holds.
      await page.check('cam-derivation input[data-choice="pool:sum"]');
      await expect.poll(() => tex(page, 7)).toContain('25 \\cdot 3 = 75 &= 75');
      expect(await holds(page)).toEqual(Array(10).fill('true'));
      await expect.poll(() => new URL(page.url()).searchParams.get('cam-derivation')).toContain('pool:sum');
      for (const [k, w] of seedExample().w[0].entries()) {
        expect(await outputText(page, `t-sum-${k}`)).toBe(fmt(25 * w));
        expect(await outputText(page, `t-alpha-${k}`)).toBe(fmt(w));
        expect(await outputText(page, `t-wz-${k}`)).toBe(fmt(w));
        expect(await outputText(page, `t-diff-${k}`)).toBe('0');
      }
      await page.focus('cam-derivation [data-stepper]');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      expect(await tex(page, 2)).toBe('\\frac{\\partial F^k}{\\partial A^k_{ij}} = 1 \\qquad \\forall\\, i, j, k');
      await page.keyboard.press('End');
      expect(await outputText(page, 'step-index')).toBe(line(10, 10));
      expect(await tex(page, 10)).toMatch(/\\mathrm\{ReLU\}\\big\(M_\{1\}\(i,j\)\\big\)\\Big\| = (0|\d(\.\d+)? \\times 10\^\{-\d+\})$/);

      // Back to the chain rule: the last line of one route is the last of the other.
      await page.check('cam-derivation input[data-choice="route:chain"]');
      await expect.poll(() => outputText(page, 'step-index')).toBe(line(8));
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('refuses a link to a line past the end of its route', async () => {
      const link = encodeState({ ...toySchema, ...headSchema, step: { kind: 'int', min: 1, max: 10 } }, { ...toyState(seedExample()), step: 9 });
      const { page } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/?cam-derivation=${link}`);
      await start(page, 'cam-derivation');
      expect(await page.locator('cam-derivation [data-link-notice]').isVisible()).toBe(true);
      expect(await outputText(page, 'step-index')).toBe(line(1));
      await page.close();
    });
  });
}

describe('lesson 8 as slides: the deck’s keys step through the derivation, and the presenter’s window follows', () => {
  const slides = '/lessons/08-cam-is-grad-cam/slides/';
  const hash = (page: Page) => page.evaluate(() => location.hash);
  const ready = (page: Page) => page.waitForSelector('[data-deck][data-ready=true]');
  const widgetReady = async (page: Page) => {
    await page.waitForSelector('cam-derivation[data-state=ready]', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('cam-derivation [data-output=step-index]')?.textContent !== '');
  };

  it('→ and Space take the next line before the next slide, ← the line before; the other window shows the same line', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    const audience = await context.newPage();
    audience.on('pageerror', (e) => errors.push(e.message));
    await audience.goto(`${baseURL()}${slides}#/1`);
    await ready(audience);
    // The slide that holds the stepper, with all its reveals shown: the deck's own steps come first.
    const { slide, steps } = await audience.evaluate(() => {
      const el = document.querySelector('cam-derivation')!.closest<HTMLElement>('.slide')!;
      return { slide: Number(el.dataset.slide), steps: Number(el.dataset.steps ?? 0) };
    });
    const at = steps ? `#/${slide}/${steps}` : `#/${slide}`;
    await audience.evaluate((h) => (location.hash = h), at);
    await expect.poll(() => hash(audience)).toBe(at);
    await widgetReady(audience);
    const presenter = await context.newPage();
    presenter.on('pageerror', (e) => errors.push(e.message));
    await presenter.goto(`${baseURL()}${slides}?presenter${at}`);
    await ready(presenter);
    await widgetReady(presenter);
    await audience.bringToFront();
    const lineOf = (page: Page) => outputText(page, 'step-index');
    expect(await lineOf(audience)).toBe('Line 1 of 8');

    await audience.keyboard.press('ArrowRight');
    expect(await lineOf(audience)).toBe('Line 2 of 8');
    await audience.keyboard.press(' ');
    expect(await lineOf(audience)).toBe('Line 3 of 8');
    expect(await hash(audience)).toBe(at);
    await expect.poll(() => lineOf(presenter)).toBe('Line 3 of 8');
    await audience.keyboard.press('ArrowLeft');
    expect(await lineOf(audience)).toBe('Line 2 of 8');
    await expect.poll(() => lineOf(presenter)).toBe('Line 2 of 8');
    expect(await audience.locator('cam-derivation [data-output="numbers-2"] annotation').first().textContent()).toContain('\\frac{1}{25} = 0.04');

    // The presenter steps from the other window; the projector follows.
    await presenter.bringToFront();
    await presenter.keyboard.press('ArrowRight');
    await expect.poll(() => lineOf(audience)).toBe('Line 3 of 8');

    // After the last line the deck moves on; back from the next slide, ← first returns to the slide, then steps back.
    await audience.bringToFront();
    for (let n = 3; n < 8; n++) await audience.keyboard.press('ArrowRight');
    expect(await lineOf(audience)).toBe('Line 8 of 8');
    expect(await hash(audience)).toBe(at);
    await audience.keyboard.press('ArrowRight');
    await expect.poll(() => hash(audience)).toBe(`#/${slide + 1}`);
    await expect.poll(() => hash(presenter)).toBe(`#/${slide + 1}`);
    await audience.keyboard.press('ArrowLeft');
    expect(await hash(audience)).toBe(at);
    expect(await lineOf(audience)).toBe('Line 8 of 8');
    await audience.keyboard.press('ArrowLeft');
    expect(await lineOf(audience)).toBe('Line 7 of 8');
    expect(await hash(audience)).toBe(at);
    await expect.poll(() => lineOf(presenter)).toBe('Line 7 of 8');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('lesson 8: CAM against Grad-CAM on the trained network', () => {
  it('quotes models/localization.json: the same top-1 error and MaxBoxAcc for both, and says where the sweep differs', async () => {
    const report = JSON.parse(readFileSync(new URL('../../../models/localization.json', import.meta.url), 'utf8')) as {
      testSet: { count: number };
      methods: { id: string; top1LocError: number; maxBoxAcc: { best: number }; sweep: { threshold: number; boxAccuracy: number }[] }[];
    };
    const row = (id: string) => report.methods.find((r) => r.id === id)!;
    const [cam, grad] = [row('cam-gap'), row('gradcam-gap')];
    const differing = cam.sweep.filter((s, i) => Math.round(s.boxAccuracy * report.testSet.count) !== Math.round(grad.sweep[i].boxAccuracy * report.testSet.count));
    for (const prefix of ['', '/ko']) {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/`);
      const cell = (id: string, value: string) => page.locator(`[data-agreement] tr[data-method="${id}"] [data-value="${value}"]`).textContent();
      for (const [id, r] of [['cam-gap', cam], ['gradcam-gap', grad]] as const) {
        expect(await cell(id, 'top1')).toBe((r.top1LocError * 100).toFixed(1));
        expect(await cell(id, 'maxboxacc')).toContain((r.maxBoxAcc.best * 100).toFixed(1));
      }
      // The lesson's claim: the two methods localize alike on shapes-gap.
      expect(await cell('cam-gap', 'top1')).toBe(await cell('gradcam-gap', 'top1'));
      const note = (await page.locator('[data-agreement-note]').textContent()) ?? '';
      for (const s of differing) expect(note).toContain(`${Math.round(s.threshold * 100)}%`);
      expect(note).toContain(String(cam.sweep.length));
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
