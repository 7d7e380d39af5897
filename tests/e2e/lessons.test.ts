import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { openPage, outputText, startWidget } from './pages.ts';
import { seedExample } from '../../src/state/seed-example.ts';
import { handSetNetwork, toyImage } from '../../src/model/toy-network.ts';
import { cam, camBox, convRelu, iou, max, mean, scores, upsample } from './formulas.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const num = async (page: Page, name: string) => Number.parseFloat(await outputText(page, name));
const locales = [
  { prefix: '', refused: 'could not be read', restored: 'restored from the link' },
  { prefix: '/ko', refused: '읽을 수 없어', restored: '링크에서 예제를 불러왔습니다' },
];

/** Opens a page at a state link, checks the widget shows the notice and no markup from the link, and returns the page. */
async function openLink(path: string, tag: string, query: string) {
  const watched = await openPage(browser, `${path}?${tag}=${query}`);
  const dialogs: string[] = [];
  watched.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await startWidget(watched.page, tag);
  return { ...watched, dialogs };
}

const hostileLinks = [
  '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
  'A:3x5x5:1,2,3',
  'A:99x5x5:1',
  'A:1x1x1:NaN;w:1x1:1;b:1:0;c:0',
  'img:1x1:%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%E0%A4%A',
];

async function expectRefused(path: string, tag: string, refusedText: string, defaults: (page: Page) => Promise<void>) {
  // Every hostile link in English; two of them in Korean, where the notice's text is what differs.
  const links = path.startsWith('/ko/') ? [hostileLinks[0], hostileLinks.at(-1)!] : hostileLinks;
  for (const query of links) {
    const { page, errors, dialogs } = await openLink(path, tag, query);
    const notice = page.locator(`${tag} [data-link-notice]`);
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain(refusedText);
    expect(await page.locator(`${tag} img, ${tag} script, [onerror]`).count()).toBe(0);
    await defaults(page);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }
}

/** After an edit the address holds the state; opening it elsewhere restores it and says so. */
async function expectShared(page: Page, tag: string, restoredText: string, check: (restored: Page) => Promise<void>) {
  await expect.poll(() => new URL(page.url()).searchParams.has(tag)).toBe(true);
  const url = page.url();
  const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await fresh.goto(url);
  await startWidget(fresh, tag);
  await expect.poll(() => fresh.locator(`${tag} [data-link-notice]`).textContent()).toContain(restoredText);
  await check(fresh);
  expect(errors).toEqual([]);
  await fresh.close();
}

for (const { prefix, refused, restored } of locales) {
  describe(`lesson 1, the toy network's CAM (${prefix || '/en'})`, () => {
    const path = `${prefix}/lessons/01-why-explain/`;
    const TAG = 'cam-toy-cam';
    const expected = (image: number[][]) => {
      const A = handSetNetwork.filters.map((f) => convRelu(image, f));
      return scores(A.map(mean), handSetNetwork.w, handSetNetwork.b);
    };

    it('answers a keyboard edit of a pixel with the scores the formulas give', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      const image = toyImage('cross');
      await expect.poll(() => outputText(page, 'predicted').then(() => page.locator(`${TAG} [data-output=predicted]`).getAttribute('data-best'))).toBe('3');
      for (let c = 0; c < 4; c++) expect(await num(page, `S-${c}`)).toBeCloseTo(expected(image)[c], 3);
      // Paint mode: Space paints the focused pixel with the brush (1); arrows move.
      await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).focus();
      for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', ' ']) await page.keyboard.press(key);
      image[2][2] = 1;
      await expect.poll(() => num(page, 'S-2')).toBeCloseTo(expected(image)[2], 3);
      // Type mode: type an exact value.
      await page.locator(`${TAG} [data-mode-type]`).check();
      await page.locator(`${TAG} input[data-k="0"][data-i="3"][data-j="3"]`).focus();
      await page.keyboard.type('1');
      image[3][3] = 1;
      await expect.poll(() => num(page, 'S-2')).toBeCloseTo(expected(image)[2], 3);
      for (let c = 0; c < 4; c++) expect(await num(page, `S-${c}`)).toBeCloseTo(expected(image)[c], 3);
      await expectShared(page, TAG, restored, async (p) => {
        for (let c = 0; c < 4; c++) expect(await num(p, `S-${c}`)).toBeCloseTo(expected(image)[c], 3);
        expect(await p.locator(`${TAG} input[data-i="3"][data-j="3"]`).inputValue()).toBe('1');
      });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('refuses a hostile link and shows the default image', async () => {
      await expectRefused(path, TAG, refused, async (page) => {
        await expect.poll(() => page.locator(`${TAG} [data-output=predicted]`).getAttribute('data-best')).toBe('3');
      });
    });
  });

  describe(`lesson 2, filters and flattening (${prefix || '/en'})`, () => {
    const path = `${prefix}/lessons/02-filters-and-feature-maps/`;
    const TAG = 'cam-filters';
    const maps = (image: number[][]) => handSetNetwork.filters.map((f) => convRelu(image, f));

    it('moves the object: the flattened vector changes where the formula says, the GAP values do not', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      const before = maps(toyImage('cross'));
      await expect.poll(() => num(page, 'F-0')).toBeCloseTo(mean(before[0]), 4);
      const moveRight = page.locator(`${TAG} [data-action=move-right]`);
      await moveRight.focus();
      await page.keyboard.press('Enter');
      const shifted = toyImage('cross').map((row) => [0, ...row.slice(0, -1)]);
      const after = maps(shifted);
      const changed = before.flat(2).filter((v, n) => v !== after.flat(2)[n]).length;
      await expect.poll(() => page.locator(`${TAG} [data-output=flat-changed]`).getAttribute('data-changed')).toBe(String(changed));
      expect(changed).toBeGreaterThan(20);
      for (let k = 0; k < 3; k++) expect(await num(page, `F-${k}`)).toBeCloseTo(mean(after[k]), 4);
      expect(await page.locator(`${TAG} [data-same]`).getAttribute('data-same')).toBe('true');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('answers a typed pixel with the feature maps’ means, and restores it from the link', async () => {
      const { page } = await openPage(browser, path);
      await startWidget(page, TAG);
      await page.locator(`${TAG} [data-mode-type]`).check();
      await page.locator(`${TAG} input[data-k="0"][data-i="9"][data-j="9"]`).focus();
      await page.keyboard.type('1');
      const image = toyImage('cross');
      image[9][9] = 1;
      const A = maps(image);
      await expect.poll(() => num(page, 'F-2')).toBeCloseTo(mean(A[2]), 4);
      await expectShared(page, TAG, restored, async (p) => {
        for (let k = 0; k < 3; k++) await expect.poll(() => num(p, `F-${k}`)).toBeCloseTo(mean(A[k]), 4);
      });
      await page.close();
    });

    it('refuses a hostile link', async () => {
      await expectRefused(path, TAG, refused, async (page) => {
        await expect.poll(() => num(page, 'F-0')).toBeCloseTo(mean(maps(toyImage('cross'))[0]), 4);
      });
    });
  });

  describe(`lesson 3, global average pooling (${prefix || '/en'})`, () => {
    const path = `${prefix}/lessons/03-global-average-pooling/`;
    const TAG = 'cam-gap';

    it('answers keyboard edits with GAP, GMP and parameter counts from the formulas', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      const A = seedExample().A;
      await expect.poll(() => outputText(page, 'F-0')).toBe('50');
      await page.locator(`${TAG} input[data-k="2"][data-i="0"][data-j="0"]`).focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.type('100');
      A[2][1][0] = 100;
      await expect.poll(() => num(page, 'F-2')).toBeCloseTo(mean(A[2]), 4);
      expect(await num(page, 'Fmax-2')).toBe(max(A[2]));
      expect(await num(page, 'Fmax-0')).toBe(130);
      // The parameter counter, for sizes typed in.
      await page.locator(`${TAG} [data-param=pC]`).fill('10');
      const digits = (s: string) => Number(s.replace(/\D/g, ''));
      await expect.poll(async () => digits(await outputText(page, 'params-flatten'))).toBe(1024 * 14 * 14 * 10 + 10);
      expect(digits(await outputText(page, 'params-gap'))).toBe(1024 * 10 + 10);
      // A new size: H = 7 keeps the cells that overlap, adds zero rows, and still gives K numbers.
      await page.locator(`${TAG} [data-size=H]`).fill('7');
      await page.locator(`${TAG} [data-size=H]`).press('Tab');
      await expect.poll(() => page.locator(`${TAG} input[data-k="0"][data-i="6"][data-j="4"]`).count()).toBe(1);
      await expect.poll(() => num(page, 'F-0')).toBeCloseTo(A[0].flat().reduce((a, b) => a + b, 0) / 35, 4);
      expect(await page.locator(`${TAG} [data-output=gap-count]`).textContent()).toContain('7 × 5');
      await expectShared(page, TAG, restored, async (p) => {
        await expect.poll(() => p.locator(`${TAG} input[data-k="0"][data-i="6"][data-j="4"]`).count()).toBe(1);
        expect(await num(p, 'Fmax-2')).toBe(100);
        expect(digits(await outputText(p, 'params-gap'))).toBe(1024 * 10 + 10);
      });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('refuses a hostile link', async () => {
      await expectRefused(path, TAG, refused, async (page) => {
        await expect.poll(() => outputText(page, 'F-0')).toBe('50');
      });
    });
  });

  describe(`lesson 4, the class scores (${prefix || '/en'})`, () => {
    const path = `${prefix}/lessons/04-class-scores/`;
    const TAG = 'cam-class-scores';

    it('links each term to its map, restores a shared link and refuses a hostile one', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      await page.locator(`${TAG} [data-term="1"]`).hover();
      await expect.poll(() => page.locator(`${TAG} .fmap-figure[data-link=k1].linked`).count()).toBe(1);
      expect(await page.locator(`${TAG} .fmap-figure.linked`).count()).toBe(1);
      await page.locator(`${TAG} input[data-w="0-2"]`).fill('5'); // w_3^1 = 5: S = 50 + 0 + 10
      await expect.poll(() => outputText(page, 'S')).toBe('60');
      await expectShared(page, TAG, restored, async (p) => {
        await expect.poll(() => outputText(p, 'S')).toBe('60');
        expect(await p.locator(`${TAG} input[data-w="0-2"]`).inputValue()).toBe('5');
      });
      // Reset brings back the talk's example and takes the state out of the address.
      await page.locator(`${TAG} [data-action=reset]`).click();
      await expect.poll(() => outputText(page, 'S')).toBe('56');
      await expect.poll(() => new URL(page.url()).searchParams.has(TAG)).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
      await expectRefused(path, TAG, refused, async (p) => {
        await expect.poll(() => outputText(p, 'S')).toBe('56');
      });
    });
  });

  describe(`lesson 5, the class activation map (${prefix || '/en'})`, () => {
    const path = `${prefix}/lessons/05-class-activation-map/`;
    const TAG = 'cam-cam';
    const truth = { x0: 8, y0: 8, x1: 72, y1: 72 };
    const describeBox = (b: { x0: number; y0: number; x1: number; y1: number }) => `x ${b.x0}–${b.x1}, y ${b.y0}–${b.y1}`;

    it('answers keyboard edits with M_c, the identity, and the box and IoU the protocol gives', async () => {
      const { page, errors } = await openPage(browser, path);
      await startWidget(page, TAG);
      const seed = seedExample();
      const A = seed.A;
      await expect.poll(() => num(page, 'sumM')).toBeCloseTo(1400, 2);
      await page.locator(`${TAG} input[data-k="0"][data-i="0"][data-j="0"]`).focus();
      for (const key of ['ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
      await page.keyboard.type('80');
      A[0][1][1] = 80;
      let M = cam(A, seed.w[0]);
      const sum = M.reduce((a, b) => a + b, 0);
      await expect.poll(() => num(page, 'sumM')).toBeCloseTo(sum, 2);
      expect(await num(page, 'S-predicted')).toBeCloseTo(sum / 25, 3);
      expect(await num(page, 'S-0')).toBeCloseTo(sum / 25, 3);
      expect(await num(page, 'M-1-1')).toBeCloseTo(M[6], 3);
      // The cell formula follows the focused cell: M_1(2, 2) = 1 x 80 + 2 x 0 + 3 x 0.
      expect(await num(page, 'M-cell')).toBeCloseTo(80, 4);
      // Threshold 0.30 with the keyboard (ten steps of 0.01).
      await page.locator(`${TAG} [data-threshold]`).focus();
      for (let n = 0; n < 10; n++) await page.keyboard.press('ArrowRight');
      let expected = camBox(upsample(M, 5, 5, 80, 80), 80, 80, 0.3);
      await expect.poll(() => num(page, 'cut')).toBeCloseTo(expected.cut, 2);
      expect(await outputText(page, 'box')).toBe(describeBox(expected.box));
      expect(await num(page, 'iou')).toBeCloseTo(iou(expected.box, truth), 3);
      // The CAM paper's plain sum: S_c = sum M_c.
      await page.locator(`${TAG} [data-pooling-select]`).selectOption('sum');
      await expect.poll(() => num(page, 'S-predicted')).toBeCloseTo(sum, 2);
      expect(await num(page, 'S-0')).toBeCloseTo(sum, 2);
      // Class 2: the map is rebuilt from its weights.
      await page.locator(`${TAG} tr[data-class="1"] input[type=radio]`).check();
      M = cam(A, seed.w[1]);
      await expect.poll(() => num(page, 'M-0-4')).toBeCloseTo(M[4], 3);
      expected = camBox(upsample(M, 5, 5, 80, 80), 80, 80, 0.3);
      await expect.poll(() => outputText(page, 'box')).toBe(describeBox(expected.box));
      await expectShared(page, TAG, restored, async (p) => {
        await expect.poll(() => num(p, 'M-0-4')).toBeCloseTo(M[4], 3);
        expect(await p.locator(`${TAG} [data-threshold]`).inputValue()).toBe('0.3');
        expect(await p.locator(`${TAG} [data-pooling-select]`).inputValue()).toBe('sum');
        expect(await outputText(p, 'box')).toBe(describeBox(expected.box));
      });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('refuses a hostile link', async () => {
      await expectRefused(path, TAG, refused, async (page) => {
        await expect.poll(() => num(page, 'sumM')).toBeCloseTo(1400, 2);
      });
    });
  });
}

describe('the feature-map editor’s tools', () => {
  const TAG = 'cam-gap';
  const path = '/lessons/03-global-average-pooling/';

  it('paints a drag across a row with the brush value', async () => {
    const { page, errors } = await openPage(browser, path);
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-mode-paint]`).check();
    await page.locator(`${TAG} [data-brush]`).fill('9');
    await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="4"]`).scrollIntoViewIfNeeded();
    const from = await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="0"]`).boundingBox();
    const to = await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="4"]`).boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 12 });
    await page.mouse.up();
    const A = seedExample().A;
    for (let j = 0; j < 5; j++) A[0][4][j] = 9;
    await expect.poll(() => num(page, 'F-0')).toBeCloseTo(mean(A[0]), 4);
    for (let j = 0; j < 5; j++) expect(await page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="${j}"]`).inputValue()).toBe('9');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves the object without changing GAP or GMP, and draws seeded random maps', async () => {
    const { page } = await openPage(browser, path);
    await startWidget(page, TAG);
    await page.locator(`${TAG} [data-action=moved]`).click();
    await expect.poll(() => page.locator(`${TAG} input[data-k="0"][data-i="4"][data-j="4"]`).inputValue()).toBe('130');
    expect([await outputText(page, 'F-0'), await outputText(page, 'F-2'), await outputText(page, 'Fmax-0')]).toEqual(['50', '2', '130']);
    const { randomMaps } = await import('../../src/state/presets.ts');
    const R = randomMaps(3, 5, 5, 1);
    await page.locator(`${TAG} [data-action=random]`).click();
    await expect.poll(() => num(page, 'F-1')).toBeCloseTo(mean(R[1]), 4);
    expect(await num(page, 'Fmax-2')).toBe(max(R[2]));
    await page.close();
  });

  it('adds a channel to the weights when K grows (lesson 4), the new weights starting at 0', async () => {
    const { page } = await openPage(browser, '/lessons/04-class-scores/');
    await startWidget(page, 'cam-class-scores');
    await page.locator('cam-class-scores [data-size=K]').fill('4');
    await page.locator('cam-class-scores [data-size=K]').press('Tab');
    await expect.poll(() => page.locator('cam-class-scores input[data-w="0-3"]').count()).toBe(1);
    expect(await page.locator('cam-class-scores input[data-w="0-3"]').inputValue()).toBe('0');
    expect(await page.locator('cam-class-scores table.fmap').count()).toBe(4);
    expect(await outputText(page, 'S')).toBe('56');
    await page.locator('cam-class-scores input[data-k="3"][data-i="0"][data-j="0"]').fill('25');
    await page.locator('cam-class-scores input[data-w="0-3"]').fill('4'); // F^4 = 1, w = 4: S = 60
    await expect.poll(() => outputText(page, 'S')).toBe('60');
    await page.close();
  });
});

describe('lesson 1’s Table 3', () => {
  for (const [path, weak] of [['/lessons/01-why-explain/', 'weakly supervised'], ['/ko/lessons/01-why-explain/', '약한 지도']]) {
    it(`draws the six rows, weakly and fully supervised apart, with the numbers in a real table (${path})`, async () => {
      const { page, errors } = await openPage(browser, path);
      const rows = page.locator('.table3-table tbody tr');
      expect(await rows.count()).toBe(6);
      const read = async (n: number) => [await rows.nth(n).locator('th').textContent(), await rows.nth(n).locator('td').nth(0).textContent(), Number(await rows.nth(n).locator('td').nth(1).textContent())];
      expect(await read(0)).toEqual(['GoogLeNet-GAP (heuristics)', weak, 37.1]);
      expect(await read(2)).toEqual(['Backprop', weak, 46.4]);
      expect((await read(3))[2]).toBe(26.7);
      expect(await page.locator('.table3-chart rect.bar.weak').count()).toBe(3);
      expect(await page.locator('.table3-chart rect.bar.full').count()).toBe(3);
      // Bars are drawn to scale: AlexNet's 34.2 is longer than GoogLeNet's 26.7.
      const widths = await page.locator('.table3-chart rect.bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('width'))));
      expect(widths[5] / widths[3]).toBeCloseTo(34.2 / 26.7, 3);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('the lessons as slides', () => {
  const decks = [
    ['01-why-explain', 'cam-toy-cam'],
    ['02-filters-and-feature-maps', 'cam-filters'],
    ['03-global-average-pooling', 'cam-gap'],
    ['05-class-activation-map', 'cam-cam'],
  ];
  for (const [slug, tag] of decks) {
    it(`${slug}: the widget starts when its slide is shown, with no console error`, async () => {
      const { page, errors } = await openPage(browser, `/ko/lessons/${slug}/slides/`);
      let found = false;
      for (let n = 1; n <= 12 && !found; n++) {
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
