import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { openPage, outputText } from './pages.ts';
import { seedExample } from '../../src/state/seed-example.ts';
import { toyScene } from '../../src/state/toy-scenes.ts';
import { camMap, contrast, correlation, fcHeadByHand, fmt, gapScores, mean, scale01 } from './toy-math.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Scrolls a widget into view and waits until it is ready and has rendered once. */
async function start(page: Page, tag: string): Promise<void> {
  await page.locator(tag).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${tag}[data-state=ready], ${tag}[data-state=failed]`, { timeout: 30_000 });
  expect(await page.locator(tag).getAttribute('data-state')).toBe('ready');
  await page.waitForFunction((t) => (document.querySelector(`${t} [data-output=F-0]`)?.textContent ?? '') !== '', tag);
}

const lessons = ['06-cam-limits', '07-grad-cam', '08-cam-is-grad-cam', '09-cam-vs-grad-cam'];
const locales = [
  { prefix: '', lang: 'en', line: (n: number) => `Line ${n} of 8` },
  { prefix: '/ko', lang: 'ko', line: (n: number) => `8줄 중 ${n}번째` },
];

describe('lessons 6-9 in both locales', () => {
  for (const { prefix, lang } of locales) {
    for (const slug of lessons) {
      it(`${prefix}/lessons/${slug}/ renders in ${lang}, with formulas, no KaTeX error and no console error once its widget runs`, async () => {
        const { page, errors } = await openPage(browser, `${prefix}/lessons/${slug}/`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.locator('.lesson .katex').count()).toBeGreaterThan(3);
        const widget = page.locator('.toy-widget');
        expect(await widget.count()).toBe(1);
        await start(page, await widget.evaluate((el) => el.localName));
        expect(await page.locator('.katex-error').count()).toBe(0);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});

for (const { prefix, line } of locales) {
  describe(`lesson 6 (${prefix || 'en'}): a GAP head and a flatten head on the same maps`, () => {
    it('scores both heads as the formulas do, and moving the maps changes only the flatten head’s score', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/06-cam-limits/`);
      await start(page, 'cam-limits');
      const s = seedExample();
      expect(await outputText(page, 'S-gap')).toBe('56');
      expect(Number(await outputText(page, 'S-fc'))).toBeCloseTo(fcHeadByHand(s.A, 3, 0).S[0], 3);
      expect(await outputText(page, 'params-gap')).toMatch(/\b12\b/);
      expect(await outputText(page, 'params-fc')).toMatch(/\b398\b/);
      expect(await page.locator('cam-limits [data-output=no-cam]').isVisible()).toBe(true);
      expect(await page.locator('cam-limits table[data-map=cam] td').count()).toBe(25);

      await page.click('cam-limits [data-shift=right]');
      const moved = s.A.map((m) => m.map((row) => row.map((_, j) => row[(j + 4) % 5])));
      const expectedFc = fcHeadByHand(moved, 3, 0).S[0];
      await expect.poll(async () => Math.abs(Number(await outputText(page, 'S-fc')) - expectedFc)).toBeLessThan(1e-3);
      expect(Math.abs(expectedFc - fcHeadByHand(s.A, 3, 0).S[0])).toBeGreaterThan(0.01);
      expect(await outputText(page, 'S-gap')).toBe('56');
      expect(await page.locator('cam-limits input[data-k="0"][data-i="0"][data-j="0"]').inputValue()).toBe(String(moved[0][0][0]));
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe(`lesson 7 (${prefix || 'en'}): Grad-CAM live`, () => {
    it('shows alpha = w/Z for the GAP head, the hand-computed means for the flatten head, and near-zero gradients for the probability', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/07-grad-cam/`);
      await start(page, 'cam-grad-cam');
      for (const [k, a] of ['0.04', '0.08', '0.12'].entries()) expect(await outputText(page, `alpha-${k}`)).toBe(a);
      expect(await outputText(page, 'spread-0')).toBe('0.04 … 0.04');
      // The map after the ReLU is M_c / 25 here: the centre cell is 130 / 25 = 5.2.
      expect(await page.locator('cam-grad-cam table[data-map=gradcam] td[data-i="2"][data-j="2"]').textContent()).toBe('5.2');

      await page.check('cam-grad-cam input[data-choice="head:fc"]');
      const { grad } = fcHeadByHand(seedExample().A, 3, 0);
      for (let k = 0; k < 3; k++) {
        const expected = mean(grad[k]);
        await expect.poll(async () => Math.abs(Number(await outputText(page, `alpha-${k}`)) - expected)).toBeLessThan(1e-4);
      }
      const [lo, hi] = (await outputText(page, 'spread-0')).split(' … ').map(Number);
      expect(hi - lo).toBeGreaterThan(0.1);

      await page.check('cam-grad-cam input[data-choice="head:gap"]');
      await page.check('cam-grad-cam input[data-choice="target:probability"]');
      await expect.poll(async () => Math.abs(Number(await outputText(page, 'alpha-0')))).toBeLessThan(1e-10);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

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
      expect(new URL(page.url()).searchParams.get('step')).toBe('3');
      const S = gapScores(s.A, s.w, s.b)[0];
      expect(await tex(page, 3)).toBe(`Y^{1} = 1 \\cdot ${fmt(F[0])} + 2 \\cdot ${fmt(F[1])} + 3 \\cdot ${fmt(F[2])} + 0 = ${fmt(S)}`);

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await outputText(page, 'step-index')).toBe(line(5));
      expect(new URL(page.url()).searchParams.get('step')).toBe('5');
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
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/?step=6`);
      await start(page, 'cam-derivation');
      expect(await outputText(page, 'step-index')).toBe(line(6));
      // The page lands on the derivation's line links (in the upper half of the 800-pixel window), not at the top of the lesson.
      const navTop = () => page.locator('cam-derivation .step-nav').evaluate((el) => el.getBoundingClientRect().top);
      await expect.poll(async () => { const top = await navTop(); return top >= 0 && top < 400; }).toBe(true);
      expect(await page.locator('cam-derivation .derivation-line:not([hidden])').count()).toBe(6);
      expect(await page.locator('cam-derivation [data-step-link="2"]').getAttribute('href')).toBe('?step=2');
      await page.click('cam-derivation [data-step-link="2"]');
      expect(await outputText(page, 'step-index')).toBe(line(2));
      expect(new URL(page.url()).searchParams.get('step')).toBe('2');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('breaks on purpose: the probability breaks line 3 onwards, the flatten head makes lines 1, 2, 4 absent and line 5 fail', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/08-cam-is-grad-cam/?step=8`);
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

  describe(`lesson 9 (${prefix || 'en'}): CAM and Grad-CAM side by side`, () => {
    it('shows the correlation and the centre-surround contrast the formulas give, for the talk’s example and the dog and cat', async () => {
      const { page, errors } = await openPage(browser, `${prefix}/lessons/09-cam-vs-grad-cam/`);
      await start(page, 'cam-vs-grad-cam');
      expect(await outputText(page, 'correlation')).toBe('1');
      const expectFor = async (A: number[][][], wc: number[]) => {
        const M = camMap(A, wc);
        const L = M.map((v) => Math.max(0, v / 25));
        const [a, b] = [scale01(M), scale01(L)];
        await expect.poll(async () => Math.abs(Number(await outputText(page, 'correlation')) - correlation(M, L))).toBeLessThan(1e-3);
        expect(Math.abs(Number(await outputText(page, 'contrast-cam')) - contrast(a).contrast)).toBeLessThan(1e-3);
        expect(Math.abs(Number(await outputText(page, 'contrast-gradcam')) - contrast(b).contrast)).toBeLessThan(1e-3);
        expect(Math.abs(Number(await outputText(page, 'surround-gradcam')) - contrast(b).surround)).toBeLessThan(1e-3);
      };
      await expectFor(seedExample().A, seedExample().w[0]);

      await page.selectOption('cam-vs-grad-cam [data-scene-select]', 'twoObjects');
      const scene = toyScene('twoObjects');
      await expectFor(scene.A, scene.w[0]);
      // The ReLU sharpens the picture: the surroundings fall and the contrast rises.
      expect(Number(await outputText(page, 'contrast-gradcam'))).toBeGreaterThan(Number(await outputText(page, 'contrast-cam')));
      expect(Number(await outputText(page, 'surround-gradcam'))).toBeLessThan(Number(await outputText(page, 'surround-cam')));
      expect(await page.locator('cam-vs-grad-cam input[data-k="1"][data-i="3"][data-j="3"]').inputValue()).toBe('12');

      await page.check('cam-vs-grad-cam tr[data-class="2"] input[type=radio]');
      await expectFor(scene.A, scene.w[2]);
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
