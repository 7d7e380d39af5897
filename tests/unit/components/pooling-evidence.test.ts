import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import report from '../../../models/localization.json';

/**
 * Lesson 3 states what `npm run evaluate` measured on shapes-gap and its GMP twin. Every number the lesson
 * quotes is read here from models/localization.json, and every comparison it draws is checked: a new
 * evaluation that changes them fails this test until both locales say what the file says.
 */
const lesson = (locale: string) => readFileSync(`content/lessons/${locale}/03-global-average-pooling.mdx`, 'utf8');
const method = (id: string) => {
  const m = report.methods.find((r) => r.id === id);
  if (!m) throw new Error(`no ${id} in models/localization.json`);
  return m;
};
const at = (id: string, threshold: number) => method(id).sweep.find((s) => Math.abs(s.threshold - threshold) < 1e-9)!;
const pct = (x: number) => `$${(x * 100).toFixed(1)}\\%$`;
const times = (x: number) => `$${x.toFixed(2)}$`;

describe('lesson 3: GAP against GMP on our own networks', () => {
  const [gap, gmp] = [method('cam-gap'), method('cam-gmp')];
  const errors = report.classificationError as Record<string, number>;

  it('quotes the numbers of models/localization.json, in both locales', () => {
    const quoted = [
      pct(errors['shapes-gap']),
      pct(gap.boxAccuracy), pct(gmp.boxAccuracy),
      pct(gap.top1LocError), pct(gmp.top1LocError),
      times(at('cam-gap', 0.2).medianAreaRatio), times(at('cam-gmp', 0.2).medianAreaRatio),
      times(at('cam-gap', 0.5).medianAreaRatio), times(at('cam-gmp', 0.5).medianAreaRatio),
      pct(gap.maxBoxAcc.best), pct(gmp.maxBoxAcc.best), pct(at('cam-gmp', 0.5).boxAccuracy),
      pct(at('cam-gmp', 0.5).centreInside),
    ];
    for (const locale of ['en', 'ko']) for (const q of quoted) expect(lesson(locale), `${locale}: ${q}`).toContain(q);
  });

  it('holds what the lesson says of them', () => {
    // "classify equally well: each gets 2.5% wrong"
    expect(errors['shapes-gmp']).toBe(errors['shapes-gap']);
    // At 20%, GAP's boxes are right more often: the paper's direction.
    expect(gap.boxAccuracy).toBeGreaterThan(gmp.boxAccuracy);
    expect(gap.top1LocError).toBeLessThan(gmp.top1LocError);
    // "with a wider margin" than the paper's 57.78 - 56.40 = 1.38 points.
    expect((gmp.top1LocError - gap.top1LocError) * 100).toBeGreaterThan(57.78 - 56.4);
    // At 20% both boxes are larger than the shape (median area ratio above 1).
    expect(at('cam-gap', 0.2).medianAreaRatio).toBeGreaterThan(1);
    expect(at('cam-gmp', 0.2).medianAreaRatio).toBeGreaterThan(1);
    // At half the maximum GAP's box has about the shape's area, GMP's "under a third of it".
    expect(Math.abs(at('cam-gap', 0.5).medianAreaRatio - 1)).toBeLessThan(0.15);
    expect(at('cam-gmp', 0.5).medianAreaRatio).toBeLessThan(1 / 3);
    // "On most images GAP's box closes in on the shape": IoU >= 0.5 on more than half of them at 50%.
    expect(at('cam-gap', 0.5).boxAccuracy).toBeGreaterThan(0.5);
    // GAP's best threshold is half the maximum; GMP's a quarter of it, and its curve falls after it.
    expect(gap.maxBoxAcc.threshold).toBe(0.5);
    expect(gmp.maxBoxAcc.threshold).toBe(0.25);
    const after = method('cam-gmp').sweep.filter((s) => s.threshold >= 0.25).map((s) => s.boxAccuracy);
    for (let i = 1; i < after.length; i++) expect(after[i]).toBeLessThanOrEqual(after[i - 1]);
    // "that region lies on the shape" for most images.
    expect(at('cam-gmp', 0.5).centreInside).toBeGreaterThan(0.9);
  });
});
