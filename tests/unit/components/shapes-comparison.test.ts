import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import report from '../../../models/localization.json';
import en from '../../../src/i18n/en.json';
import ko from '../../../src/i18n/ko.json';
import { NETWORKS, comparisonRows, type ComparisonNumbers, type Row } from '../../../src/components/shapes-comparison.ts';

// Lesson 9's table shows what npm run evaluate measured: each cell is the JSON's number, formatted, and a
// changed JSON changes the table.
const numbers = report.camVsGradCam as ComparisonNumbers;
const cell = (rows: Row[], id: string, network: string) => rows.find((r) => r.id === id)!.cells[NETWORKS.indexOf(network as (typeof NETWORKS)[number])];

describe("lesson 9's table of CAM against Grad-CAM", () => {
  it('shows the numbers of models/localization.json, in both locales', () => {
    const gap = numbers.networks['shapes-gap'];
    const fc = numbers.networks['shapes-fc'];
    for (const locale of ['en', 'ko'] as const) {
      const rows = comparisonRows(numbers, locale);
      expect(cell(rows, 'correlation', 'shapes-gap')).toEqual({ kind: 'summary', mean: gap.cam.correlation!.mean.toFixed(2), median: gap.cam.correlation!.median.toFixed(2) });
      expect(cell(rows, 'contrastCam', 'shapes-gap')).toEqual({ kind: 'summary', mean: gap.cam.contrast!.mean.toFixed(2), median: gap.cam.contrast!.median.toFixed(2) });
      expect(cell(rows, 'largestDifference', 'shapes-gap')).toMatchObject({ mean: gap.cam.largestDifference!.mean.toFixed(2) });
      for (const [name, n] of [['shapes-gap', gap], ['shapes-fc', fc]] as const) {
        expect(cell(rows, 'contrastGradCam', name)).toMatchObject({ mean: n.gradCam.contrast.mean.toFixed(2), median: n.gradCam.contrast.median.toFixed(2) });
        expect(cell(rows, 'contrastLinear', name)).toMatchObject({ mean: n.gradCamWithoutRelu.contrast.mean.toFixed(2) });
        expect(cell(rows, 'surroundGradCam', name)).toMatchObject({ median: n.gradCam.surround.median.toFixed(2) });
        expect(cell(rows, 'surroundLinear', name)).toMatchObject({ median: n.gradCamWithoutRelu.surround.median.toFixed(2) });
        expect(cell(rows, 'negative', name)).toMatchObject({ mean: (n.negativeShare.mean * 100).toFixed(1) });
        expect(cell(rows, 'raises', name)).toEqual({ kind: 'share', text: (n.relu.raisesContrast * 100).toFixed(1) });
      }
      // shapes-fc has no CAM: its CAM cells say so in the page's language and carry no number
      const noCam = { en, ko }[locale]['shapesCompare.noCam'];
      for (const id of ['correlation', 'largestDifference', 'contrastCam']) expect(cell(rows, id, 'shapes-fc')).toEqual({ kind: 'none', text: noCam });
      expect(rows.map((r) => r.label)).toEqual(rows.map((r) => ({ en, ko })[locale][`shapesCompare.row.${r.id}` as keyof typeof en]));
    }
    expect(fc.cam.exists).toBe(false);
  });

  it('follows the JSON: a changed number changes the cell', () => {
    const changed = structuredClone(numbers);
    changed.networks['shapes-gap'].cam.correlation!.mean = 0.123;
    changed.networks['shapes-fc'].gradCam.contrast.median = 0.456;
    changed.networks['shapes-fc'].relu.raisesContrast = 0.5;
    const rows = comparisonRows(changed, 'en');
    expect(cell(rows, 'correlation', 'shapes-gap')).toMatchObject({ mean: '0.12' });
    expect(cell(rows, 'contrastGradCam', 'shapes-fc')).toMatchObject({ median: '0.46' });
    expect(cell(rows, 'raises', 'shapes-fc')).toEqual({ kind: 'share', text: '50.0' });
  });

  it('names what is missing', () => {
    const { 'shapes-fc': _, ...onlyGap } = numbers.networks;
    expect(() => comparisonRows({ networks: onlyGap }, 'en')).toThrow('no camVsGradCam record for shapes-fc: run npm run evaluate');
    const broken = structuredClone(numbers);
    broken.networks['shapes-gap'].cam = { exists: true };
    expect(() => comparisonRows(broken, 'en')).toThrow('says CAM exists but has no correlation');
  });
});

describe("lesson 9's text about the table", () => {
  // The sentences beside the table quote the evaluation: a new evaluation that changes a number fails here
  // until the text says it.
  const section = (locale: 'en' | 'ko', heading: string) => {
    const text = readFileSync(`content/lessons/${locale}/09-cam-vs-grad-cam.mdx`, 'utf8');
    const start = text.indexOf(`## ${heading}\n`);
    expect(start, `lesson 9 (${locale}) has a section "${heading}"`).toBeGreaterThan(0);
    const end = text.indexOf('\n## ', start + 3);
    return text.slice(start, end < 0 ? undefined : end);
  };
  const gap = report.camVsGradCam.networks['shapes-gap'];
  const fc = report.camVsGradCam.networks['shapes-fc'];
  const two = (x: number) => x.toFixed(2);
  const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)}%`;

  it('the claims hold on the JSON', () => {
    expect(gap.cam.largestGapToGradCamWithoutRelu).toBeLessThan(1e-6); // "less than 10^-6"
    expect(gap.cam.correlation.p10).toBeGreaterThan(0.98); // "9 images in 10 are above 0.98"
    expect(fc.relu.correlation.p10).toBeLessThan(0.65); // "at most 0.64 for one image in ten" (0.6427)
    expect(Math.round(gap.relu.lowersContrast * gap.images)).toBe(3); // "on 3 images of 1000 the contrast falls"
    expect(gap.relu.raisesContrast + gap.relu.lowersContrast + (1 - gap.imagesWithNegativeCells)).toBeCloseTo(1, 6); // the rest: no negative cell
    expect(fc.gradCam.contrast.mean / fc.gradCamWithoutRelu.contrast.mean).toBeGreaterThan(1.8); // "nearly doubles"
    expect(fc.gradCam.contrast.mean / fc.gradCamWithoutRelu.contrast.mean).toBeLessThan(2);
    expect(fc.relu.raisesContrast).toBe(1); // "raises the contrast on every one of the 1000 images"
    expect(fc.flatGradCam).toBe(0);
    expect(fc.negativeShare.max * 256).toBeCloseTo(255, 0); // "all but one of the 256 cells are negative"
    expect(gap.images).toBe(1000);
  });

  for (const [locale, heading] of [['en', 'Over the test set'], ['ko', '테스트 세트 전체에서']] as const) {
    it(`quotes the JSON's numbers (${locale})`, () => {
      const text = section(locale, heading);
      expect(text).toContain('<ShapesComparison />');
      const quoted = [
        two(gap.cam.correlation.mean), two(gap.cam.correlation.min), pct(gap.imagesWithNegativeCells), pct(gap.negativeShare.mean),
        two(gap.cam.surround.mean), two(gap.gradCam.surround.mean), two(gap.cam.contrast.mean), two(gap.gradCam.contrast.mean),
        pct(gap.relu.raisesContrast, 1), two(gap.relu.contrastGain.mean), two(gap.relu.contrastGain.median), pct(1 - gap.imagesWithNegativeCells),
        pct(fc.negativeShare.mean), two(fc.gradCamWithoutRelu.surround.mean), two(fc.gradCamWithoutRelu.contrast.mean),
        two(fc.gradCam.surround.mean), two(fc.gradCam.contrast.mean), two(fc.relu.correlation.mean), two(fc.relu.correlation.p10),
      ];
      for (const q of quoted) expect(text, q).toContain(q);
    });
  }
});
