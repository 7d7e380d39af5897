import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectChromium, openPage, outputText, startWidget } from '../pages.ts';
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
const linkTo = (n: number) => encodeState({ ...toySchema, ...headSchema, step: { kind: 'int', min: 1, max: 8 } }, { ...toyState(seedExample()), step: n });

const locales = [
  { prefix: '', line: (n: number) => `Line ${n} of 8` },
  { prefix: '/ko', line: (n: number) => `8줄 중 ${n}번째` },
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
      expect(stepIn(page.url())).toBe('3');
      const S = gapScores(s.A, s.w, s.b)[0];
      expect(await tex(page, 3)).toBe(`Y^{1} = 1 \\cdot ${fmt(F[0])} + 2 \\cdot ${fmt(F[1])} + 3 \\cdot ${fmt(F[2])} + 0 = ${fmt(S)}`);

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await outputText(page, 'step-index')).toBe(line(5));
      expect(stepIn(page.url())).toBe('5');
      expect(await current(page).getAttribute('data-holds')).toBe('true');
      for (const [k, w] of s.w[0].entries()) {
        expect(await tex(page, 5)).toContain(`\\partial A^{${k + 1}}_{ij}} &= ${fmt(w / Z)} = \\tfrac{${w}}{${Z}} = ${fmt(w / Z)}`);
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

      // The browser's Back button walks back through the steps.
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
      expect(stepIn(page.url())).toBe('2');
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
